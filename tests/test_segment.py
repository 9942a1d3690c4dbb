from kg.extract.segment import tokenize


def test_titles_and_quotes_stay_whole():
    tokens = [t.text for t in tokenize("制定《成都市文明行为促进条例》，推进“放管服”改革")]
    assert "《成都市文明行为促进条例》" in tokens
    assert "“放管服”" in tokens


def test_dot_names_stay_whole():
    tokens = [t.text for t in tokenize("会见阿依古丽·买买提代表")]
    assert "阿依古丽·买买提" in tokens


def test_offsets_are_exact():
    text = "株洲市人大常委会听取和审议《报告》"
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text


def test_gazetteer_names_are_single_tokens():
    assert "衡南县" in [t.text for t in tokenize("赴衡南县花桥镇调研")]


SENTENCES = [
    "株洲市人大常委会听取和审议市人民政府关于2021年国民经济和社会发展计划执行情况的报告",
    "全年地区生产总值增长6.5%，GDP突破5000亿元，5G基站新建1.2万个",
    "推进长株潭一体化，建设湘江新区和岳麓山大学科技城",
    "开展《中华人民共和国食品安全法》执法检查，审议“十四五”规划纲要",
    "会见阿依古丽·买买提代表，赴醴陵市孙家湾镇调研\r\n第二天",
]


def test_cut_is_jiebas_cut_without_hmm():
    # our own loop must give exactly what jieba's cut(HMM=False) gives
    from kg.extract.segment import cut_block
    from kg.extract.words import tokenizer

    tok = tokenizer()
    for text in SENTENCES:
        for block in __import__("re").findall(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+", text):
            ends = cut_block(block)
            assert [block[i:j] for i, j in zip([0] + ends, ends)] == list(tok.cut(block, HMM=False))


def test_segmentation_opens_titles_and_answers_boundaries():
    from kg.extract.segment import Segmentation

    text = "制定《株洲市文明行为促进条例》"
    seg = Segmentation(text)
    assert [t.text for t in seg.tokens] == ["制定", "《", "株洲市", "文明", "行为", "促进", "条例", "》"]
    starts = {t.start for t in seg.tokens}
    ends = {t.end for t in seg.tokens}
    assert [i for i in range(len(text) + 1) if seg.is_start(i)] == sorted(starts)
    assert [i for i in range(len(text) + 1) if seg.is_end(i)] == sorted(ends)
    assert [t.text for t in seg.tokens_before(6)] == ["株洲市", "《", "制定"]
    assert seg.token_at(3).text == "株洲市" and seg.token_at(4) is None


def test_word_tables_cache_round_trip():
    from kg.extract.words import _pack, _unpack

    table = {"衡阳": -9.5, "衡阳市": -10.25, "衡": 1.0}
    tags = {"衡阳": "ns", "调研": "vn"}
    assert _unpack(_pack(table, -20.0, tags)) == (table, -20.0, tags)

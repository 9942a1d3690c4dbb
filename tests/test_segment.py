from kg.segment import tokenize


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

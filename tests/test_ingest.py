"""Ingest: decoding, chrome, artifacts, broken lines, header, sentences."""

import codecs

import pytest

from kg.errors import DecodeError, InputError
from kg.ingest import decode, document_from_bytes, document_from_text, find_reports, load_document

REPORT = "衡阳市人民代表大会常务委员会工作报告\n\n2021年1月19日在衡阳市第十五届人民代表大会第九次会议上\n\n段志刚\n\n制定《衡阳市扬尘污染防治条例》。"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (REPORT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8-sig"),
        (REPORT.encode("gb18030"), "gb18030"),
        (REPORT.encode("gbk"), "gb18030"),
        (REPORT.encode("utf-16"), "utf-16"),
        (REPORT.encode("utf-16-le"), "utf-16-le"),
        (REPORT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_decode_supported_encodings(data, encoding):
    text, found = decode(data)
    assert text == REPORT
    assert found == encoding


def test_decode_rejects_binary():
    with pytest.raises(DecodeError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")


def test_decode_rejects_unsupported_encoding():
    # Shift-JIS bytes that are not valid UTF-8 nor GB18030
    with pytest.raises(DecodeError, match="no supported text encoding"):
        decode(b"\x82\xa0\x82\xa2\x82\xa4\xff\xfe\xfd")


def test_empty_file_is_an_error():
    with pytest.raises(InputError, match="is empty"):
        document_from_bytes("empty.txt", b"  \n")


# golden table: raw text -> sentences after chrome and artifacts are dropped
CHROME_CASES = [
    ("下载\n打印\n全屏\n【字号：\n加大\n还原\n减小\n】\n某省政府工作报告\n各位代表：", ["某省政府工作报告", "各位代表："]),
    ("首页 > 政务公开 > 报告\n来源：某某日报\n时间：2026-02-02\n分享到\n正文一句。", ["正文一句。"]),
    ("全年集体学习17次（下转第四版）。", ["全年集体学习17次。"]),
    ("开展执法检查，推动全面落实《某某市扬尘污染防治条例》的各项规定，切实改善空气质量和人民群众的生活\n环境。", ["开展执法检查，推动全面落实《某某市扬尘污染防治条例》的各项规定，切实改善空气质量和人民群众的生活环境。"]),
    ("一、过去一年的工作\n我们制定条例3部。修订办法2件！", ["一、过去一年的工作", "我们制定条例3部。", "修订办法2件！"]),
    ("他说“要抓落实。要见实效。”然后散会。", ["他说“要抓落实。要见实效。”然后散会。"]),
    ("深化改革(试点)，推进建设,取得成效。", ["深化改革（试点），推进建设，取得成效。"]),
    # a PDF copy's justified line, a title spaced out, Latin words kept apart
    ("星海 市人民 政府推进 AI Agent 应用，增长 5.2%。", ["星海市人民政府推进AI Agent应用，增长5.2%。"]),
    ("2 0 2 6 年 政 府 工 作 报 告\n各位代表：", ["2026年政府工作报告", "各位代表："]),
    # a web copy's no-break and zero-width spaces
    ("\xa0\xa0星海市人民\u200b政府\xa0推进数据中心\ufeff建设。", ["星海市人民政府推进数据中心建设。"]),
    # a copy of the page's source: tags and character references
    ('<p>　　星海市人民政府&nbsp;推进&ldquo;数据中心&rdquo;建设。<br/>各位代表：</p>',
     ["星海市人民政府推进“数据中心”建设。", "各位代表："]),
    # a copy that lost its line breaks but kept its paragraphs' indents
    ("　　2026年某省政府工作报告　　各位代表：　　现在，我代表省人民政府作报告。",
     ["2026年某省政府工作报告", "各位代表：", "现在，我代表省人民政府作报告。"]),
    # a page's number and running head inside a sentence: the sentence goes on
    ("全年新开工建设重大基础设施项目和重点产业项目共计一千二百个，完成年度投资计划的百分之\n\n— 3 —\n\n某省政府工作报告\n一百零五。其后陆续新开工建设重大基础设施项目和重点产业项目一百个，完成投资同比增长百\n\n- 4 -\n\n某省政府工作报告\n分之六。",
     ["全年新开工建设重大基础设施项目和重点产业项目共计一千二百个，完成年度投资计划的百分之一百零五。", "其后陆续新开工建设重大基础设施项目和重点产业项目一百个，完成投资同比增长百分之六。"]),
]


@pytest.mark.parametrize("raw, sentences", CHROME_CASES)
def test_sentences_golden(raw, sentences):
    doc = document_from_text("t.txt", raw)
    assert [s.text for s in doc.sentences] == sentences


@pytest.mark.parametrize("raw, _", CHROME_CASES)
def test_offsets_map_back_to_original(raw, _):
    doc = document_from_text("t.txt", raw)
    for s in doc.sentences:
        original = doc.text[s.start : s.end]
        for i, ch in enumerate(s.text):
            assert doc.text[s.offsets[i]] == ch or ch in "，；：（）？！“”"
        assert original.startswith(s.text[0]) or s.text[0] in "，；：（）？！“”"


HEADER_CASES = [
    (REPORT, ("衡阳市人民代表大会常务委员会工作报告", "2021-01-19", "衡阳市第十五届人民代表大会第九次会议", "段志刚", "congress")),
    (
        "下载\n打印\n2026年北京市政府工作报告\n——2026年1月25日在北京市第十六届人民代表大会第四次会议上\n来源：北京日报\n北京市市长 殷勇\n各位代表：",
        ("2026年北京市政府工作报告", "2026-01-25", "北京市第十六届人民代表大会第四次会议", "殷勇", "government"),
    ),
    (
        "政府工作报告\n（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）\n省长 李炳军\n各位代表：",
        ("政府工作报告", "2026-01-27", "贵州省第十四届人民代表大会第四次会议", "李炳军", "government"),
    ),
]


@pytest.mark.parametrize("raw, expected", HEADER_CASES)
def test_header_golden(raw, expected):
    doc = document_from_text("t.txt", raw)
    assert (doc.title, doc.date, doc.meeting, doc.speaker, doc.kind) == expected


def test_year_and_modality_follow_the_sections():
    raw = "某市人大常委会工作报告\n2021年1月5日在某市第一届人民代表大会第二次会议上\n2020年的主要工作\n制定条例。\n2021年的主要任务\n制定办法。"
    doc = document_from_text("t.txt", raw)
    by_text = {s.text: (s.year, s.modality) for s in doc.sentences}
    assert by_text["制定条例。"] == (2020, "achievement")
    assert by_text["制定办法。"] == (2021, "plan")


def test_find_reports(tmp_path):
    (tmp_path / "a.txt").write_text("报告", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("报告", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    assert [p.name for p in find_reports([tmp_path])] == ["a.txt", "b.txt"]
    with pytest.raises(InputError, match="does not exist"):
        find_reports([tmp_path / "missing.txt"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="holds no reports"):
        find_reports([empty])


def test_sample_sentences_cover_the_text(sample_path):
    doc = load_document(sample_path)
    assert len(doc.sentences) > 150
    for s in doc.sentences:
        assert doc.text[s.start] == s.text[0] or s.text[0] in "，；：（）“"
        assert s.end <= len(doc.text)


NORMALIZING_LINES = [
    "全市地区生产总值增长６．５％，达到３５０８亿元（上转第２版）",
    "审议\"十四五\"规划纲要, 通过决议:",
    "　　一、过去一年的工作",
    "开展执法检查（共５次），提出意见建议１２条；",
    "plain ASCII line with  two spaces",
    "普通的一行，没有需要改写的字符。",
]


def test_lines_needing_no_change_take_the_short_way_with_the_same_result():
    import re

    from kg.ingest import paragraphs as ingest

    for line in NORMALIZING_LINES:
        quick = ingest._normalize_line(100, line)
        saved = ingest.NEEDS_NORMALIZING
        try:
            ingest.NEEDS_NORMALIZING = re.compile(".")  # every line the long way
            slow = ingest._normalize_line(100, line)
        finally:
            ingest.NEEDS_NORMALIZING = saved
        assert quick == slow, line
    assert ingest._normalize_line(0, NORMALIZING_LINES[0])[0][10:14] == list("6.5%")


def test_a_report_on_one_line_that_opens_with_its_source_is_read():
    """Chrome is a short line: a whole report on one line that opens with
    来源： is the report, not chrome to drop."""
    text = "来源：某某日报 " + "我们制定条例3部，修订办法2件。" * 12
    doc = document_from_text("t.txt", text)
    assert len(doc.sentences) == 12
    assert doc.sentences[-1].text == "我们制定条例3部，修订办法2件。"

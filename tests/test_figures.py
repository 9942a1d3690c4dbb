"""Stated figures: golden table, written from report grammar."""

import pytest

from kg.extract.figures import find_figures
from kg.ingest import document_from_text

CASES = [
    ("出台地方性法规3部，审查规范性文件12件。", [("出台地方性法规", "3", "部"), ("审查规范性文件", "12", "件")]),
    ("任免国家机关工作人员96人次。", [("任免国家机关工作人员", "96", "人次")]),
    ("代表建议办结率98.5%。", [("代表建议办结率", "98.5", "%")]),
    ("引导120家企业转型升级。", [("引导企业转型升级", "120", "家")]),
    ("2024年召开第3次会议。", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_figures_golden(text, expected):
    doc = document_from_text("t.txt", text)
    assert [(f.what, f.value, f.unit) for f in find_figures(doc)] == expected


def test_figure_offsets_and_year():
    raw = "某市人大常委会工作报告\n2023年1月5日在某市第一届人民代表大会第二次会议上\n2022年的主要工作\n全年出台地方性法规4部。"
    doc = document_from_text("t.txt", raw)
    (f,) = find_figures(doc)
    assert doc.text[f.start : f.end] == "出台地方性法规4部"
    assert f.year == 2022

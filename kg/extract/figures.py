"""Figures: the counts and rates a report states about its work.

出台地方性法规4部 is a figure: what was counted (出台地方性法规), the
number (4), its unit (部), the year of the part of the report it stands in,
and the characters it came from.

Reads: ``Document``. Writes: ``Figure``.

>>> from kg.ingest import document_from_text
>>> doc = document_from_text("r.txt", "出台地方性法规4部，办结率100%。")
>>> [(f.what, f.value, f.unit) for f in find_figures(doc)]
[('出台地方性法规', '4', '部'), ('办结率', '100', '%')]
"""

from __future__ import annotations

import re
from typing import Iterator

from kg.model import Document, Figure

UNITS = (
    "人次|万人次|亿元|万元|千元|元|公里|千米|万亩|亩|万吨|吨|万人|个百分点|百分点|"
    "部|件|个|次|项|家|条|名|所|座|处|场|批|篇|份|户|人|倍|%"
)
FIGURE = re.compile(rf"([\u4e00-\u9fff“”]{{2,18}}?)(\d+(?:\.\d+)?)({UNITS})")
LEADING = re.compile(r"^(?:全年|今年|去年|共|累计|先后|全部|总计|合计|其中|新增|年均|达到|达|超过|突破|约|近|以上|和|及|、)+")
NOT_WHAT = re.compile(r"(年|月|日|第|每|前|后|近|约|超|逾)$")


def find_figures(doc: Document) -> list[Figure]:
    return list(_figures(doc))


def _figures(doc: Document) -> Iterator[Figure]:
    for s in doc.sentences:
        text = s.text
        for m in FIGURE.finditer(text):
            raw = m.group(1)
            if NOT_WHAT.search(raw) or text[m.end(2) : m.end(2) + 1] in "年月日":
                continue  # 2020年, 第3次: dates and ordinals are not counts
            lead = LEADING.match(raw)
            i = m.start(1) + (lead.end() if lead else 0)
            what = text[i : m.start(2)].replace("“", "").replace("”", "")
            if len(what) < 2:
                continue
            j = m.end()
            # 引导383家野生动物养殖场: the counted noun follows the unit
            after = re.match(r"[\u4e00-\u9fff]{2,12}?(?=[，。；、：]|$|的|和|及|全部|实现|完成|均|已|被|获|得到|参加|开展)", text[j:])
            if len(what) <= 4 and after and m.group(3) not in ("%", "倍"):
                what += after.group()
                j += after.end()
            start, end = s.span(i, j)
            yield Figure(what=what, value=m.group(2), unit=m.group(3), sentence=s.index, start=start, end=end, year=s.year)

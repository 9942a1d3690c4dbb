"""The locality a report speaks for, and how its abbreviations expand.

A Hengyang report's 市人大常委会 is 衡阳市人民代表大会常务委员会 and its
省政府 is 湖南省人民政府; a Sichuan report's 省政府 is another body. The
locality is read from the report's own title and meeting line.

>>> loc = locality_of("衡阳市人民代表大会常务委员会工作报告", "")
>>> loc.expand("市"), loc.expand("省")
('衡阳市', '湖南省')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from kg.knowledge.gazetteer import Division, gazetteer


@dataclass(frozen=True)
class Locality:
    """Province, prefecture and county a report belongs to (any may be None)."""

    province: Optional[Division] = None
    city: Optional[Division] = None
    county: Optional[Division] = None

    @property
    def own(self) -> Optional[Division]:
        """The report's own division: the most specific one known."""
        return self.county or self.city or self.province

    @property
    def code(self) -> str:
        return self.own.code if self.own else ""

    def expand(self, prefix: str) -> str:
        """Full place name behind 省/市/县/区/自治区, or '' when unknown."""
        if prefix in ("省", "自治区") and self.province:
            return self.province.name
        if prefix == "市":
            if self.city:
                return self.city.name
            if self.province and self.province.name.endswith("市"):
                return self.province.name
        if prefix in ("县", "区") and self.county:
            return self.county.name
        if prefix == "区" and self.province and self.province.name.endswith("自治区") and not self.city:
            return self.province.name
        if prefix == "州" and self.city and self.city.name.endswith("州"):
            return self.city.name
        return ""

    def place_for(self, prefix: str) -> Optional[Division]:
        name = self.expand(prefix)
        for d in (self.county, self.city, self.province):
            if d and d.name == name:
                return d
        return None


def locality_of(*texts: str) -> Locality:
    """The locality named first in the given header texts (title, meeting)."""
    g = gazetteer()
    for text in texts:
        found = _first_division(text, g)
        if found:
            chain = [found] + g.ancestors(found.code)
            by_level = {d.level: d for d in chain}
            province = by_level.get(1)
            city = by_level.get(2)
            county = by_level.get(3)
            return Locality(province=province, city=city, county=county)
    return Locality()


def document_locality(doc) -> Locality:
    """The locality of a document: named in its header (title, session,
    the speaker's post), else the one its text is about.

    >>> from kg.ingest import document_from_text
    >>> document_locality(document_from_text("x.txt", "全省经济稳中有进，甘肃特色产业加快发展，甘肃文旅持续升温。")).code
    '620000'
    """
    found = locality_of(doc.title, doc.meeting, doc.post)
    if found.own:
        return found
    return locality_from_text("".join(s.text for s in doc.sentences))


def locality_from_text(text: str) -> Locality:
    """The province (and city) a headerless text speaks for: the province
    it names most often, clearly more often than any other; within it, the
    city it names most, where it speaks of 全市 rather than 全省.

    >>> locality_from_text("全省推进。安徽制造业增长，合肥、芜湖加快发展，美好安徽建设。").province.name
    '安徽省'
    """
    g = gazetteer()
    counts = sorted(
        ((_count(text, d), d.code) for d in g.by_code.values() if d.level == 1),
        reverse=True,
    )
    if not counts:
        return Locality()
    (best, code), second = counts[0], (counts[1][0] if len(counts) > 1 else 0)
    if best < 2 or best < 1.5 * second:
        return Locality()
    province = g.by_code[code]
    if len(re.findall("全市|我市|本市", text)) > len(re.findall("全省|我省|本省|全区|自治区", text)):
        cities = sorted(((_count(text, d), d.code) for d in g.children(code) if d.level == 2), reverse=True)
        if cities and cities[0][0] >= 2:
            return Locality(province=province, city=g.by_code[cities[0][1]])
    return Locality(province=province)


def _count(text: str, d: Division) -> int:
    n = text.count(d.name)
    if len(d.short) >= 2 and d.short != d.name:
        n += text.count(d.short) - (n if d.name.startswith(d.short) else 0)
    return n


def _first_division(text: str, g) -> Optional[Division]:
    for i in range(len(text)):
        for length in range(min(g.max_name, len(text) - i), 1, -1):
            candidates = g.by_name.get(text[i : i + length])
            if candidates:
                return candidates[0] if len(candidates) == 1 else None
    return None

"""The locality a report speaks for, and how its abbreviations expand.

A Hengyang report's 市人大常委会 is 衡阳市人民代表大会常务委员会 and its
省政府 is 湖南省人民政府; a Sichuan report's 省政府 is another body. The
locality is read from the report's own title and meeting line.

>>> loc = locality_of("衡阳市人民代表大会常务委员会工作报告", "")
>>> loc.expand("市"), loc.expand("省")
('衡阳市', '湖南省')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .gazetteer import Division, gazetteer


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


def _first_division(text: str, g) -> Optional[Division]:
    for i in range(len(text)):
        for length in range(min(g.max_name, len(text) - i), 1, -1):
            candidates = g.by_name.get(text[i : i + length])
            if candidates:
                return candidates[0] if len(candidates) == 1 else None
    return None

"""The national gazetteer of administrative divisions (GB/T 2260).

Loaded once per :class:`~kg.knowledge.base.Knowledge` from its data; see
``scripts/build_gazetteer.py`` for where the table comes from.

>>> g = gazetteer()
>>> g.by_code["430422"].name, g.by_code["430422"].parent
('衡南县', '430400')
>>> [d.name for d in g.lookup("衡阳")]
['衡阳市']
"""

from __future__ import annotations

import re
from functools import cached_property

from dataclasses import dataclass
from typing import Optional

from kg.knowledge.base import active, per_knowledge

LEVEL_CLASS = {1: "Province", 2: "City", 3: "County", 4: "DevelopmentZone"}

# Short forms that are common words or generic zone names, never place names
# on their own.
GENERIC_SHORTS = {
    "保税区", "高新区", "经开区", "管理区", "新区", "开发区", "城区", "郊区", "矿区", "市辖区",
    "和平", "新华", "长安", "城关", "开发", "东区", "西区", "南区", "北区", "中区", "新城", "城中",
    "城东", "城西", "城南", "城北", "河东", "河西", "江南", "江北", "山南", "海南区", "白云", "青山",
    "市中", "永安", "安定", "太和", "建设", "解放", "朝阳", "金山", "宝山", "普陀", "黄山", "七台",
    "双桥", "平安", "新市", "东方", "长城", "桥东", "桥西", "路北", "路南", "向阳", "前进", "东风",
    "红旗", "胜利", "复兴", "和田", "文明", "中山", "民主", "团结", "振兴", "发展", "示范", "红星",
    "先锋", "光明", "新兴", "大方", "安全", "通化", "平原", "高新", "自治", "新建", "城厢", "市北", "中原",
    "铁西", "铁东", "东港", "海港", "新华区", "东河", "西岗", "中山区", "长寿", "南山", "北塔", "红山", "丰台",
}


# Full names of divisions that are also generic words (阳泉市矿区 is 矿区).
GENERIC_NAMES = {"矿区", "城区", "郊区"}


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    short: str
    parent: str
    level: int

    @property
    def subclass(self) -> str:
        return LEVEL_CLASS.get(self.level, "Place")


TOWN_SUFFIX = re.compile(r"(.{2,})(?:镇|乡|街道|苏木)$")


class Gazetteer:
    """Divisions by code, by full name and by unambiguous short form."""

    def __init__(self, divisions: list[Division], townships: list[tuple[str, str]]):
        self.by_code = {d.code: d for d in divisions}
        self.by_name: dict[str, list[Division]] = {}
        self.by_short: dict[str, list[Division]] = {}
        for d in divisions:
            if d.name not in GENERIC_NAMES:
                self.by_name.setdefault(d.name, []).append(d)
        for d in divisions:
            short = d.short
            if len(short) < 2 or short in GENERIC_SHORTS or short == d.name or short in self.by_name:
                continue
            self.by_short.setdefault(short, []).append(d)
        self.townships: dict[str, list[str]] = {}
        for name, county in townships:
            self.townships.setdefault(name, []).append(county)
        self.max_name = max(len(n) for n in self.by_name)
        # every full or short name → (its divisions by full name, by short
        # form); every shorter beginning of one → (): a scan walks a name
        # character by character and stops where no name goes on
        self.walk: dict[str, tuple] = {}
        for name in list(self.by_name) + list(self.by_short):
            for k in range(2, len(name)):
                self.walk.setdefault(name[:k], ())
        for name in list(self.by_name) + list(self.by_short):
            self.walk[name] = (self.by_name.get(name), self.by_short.get(name))
        # where a name may begin: a scan jumps from one such character to the next
        firsts = {name[0] for name in self.walk}
        self.first_chars = re.compile("[" + "".join(re.escape(c) for c in sorted(firsts)) + "]")

    def names_at(self, text: str, i: int, end: Optional[int] = None) -> list[tuple[int, Optional[list], Optional[list]]]:
        """The full and short names that begin at ``i`` (and end by ``end``),
        longest first: (where the name ends, its divisions by full name, by
        short form).

        >>> [(j, bool(full), bool(short)) for j, full, short in gazetteer().names_at("衡阳市雁峰区", 0)]
        [(3, True, False), (2, False, True)]
        """
        end = len(text) if end is None else end
        found = []
        k = i + 2
        while k <= end:
            entry = self.walk.get(text[i:k])
            if entry is None:
                break
            if entry:
                found.append((k, *entry))
            k += 1
        found.reverse()
        return found

    def lookup(self, name: str) -> list[Division]:
        """Divisions whose full name or short form is ``name``."""
        return self.by_name.get(name) or self.by_short.get(name, [])

    def children(self, code: str) -> list[Division]:
        return [d for d in self.by_code.values() if d.parent == code]

    def ancestors(self, code: str) -> list[Division]:
        out = []
        d = self.by_code.get(code)
        while d and d.parent:
            d = self.by_code.get(d.parent)
            if d:
                out.append(d)
        return out

    def within(self, code: str, area: str) -> bool:
        """Whether division ``code`` lies in division ``area`` (or is it)."""
        if not area:
            return False
        if code == area:
            return True
        return any(a.code == area for a in self.ancestors(code))

    def pick(self, candidates: list[Division], locality: str) -> Optional[Division]:
        """The one candidate a report about ``locality`` means, if certain."""
        if len(candidates) == 1:
            return candidates[0]
        if not locality:
            return None
        near = [d for d in candidates if self.within(d.code, locality) or self.within(locality, d.code)]
        if len(near) == 1:
            return near[0]
        province = locality[:2] + "0000"
        near = [d for d in candidates if d.code.startswith(locality[:2]) or d.code == province]
        if len(near) == 1:
            return near[0]
        # 南昌 names both 南昌市 and its 南昌县: the county that shares its
        # city's name is written with its suffix, the bare name is the city's
        outer = [d for d in near if all(x is d or self.within(x.code, d.code) for x in near)]
        return outer[0] if len(outer) == 1 else None

    @cached_property
    def town_short(self) -> dict[str, list[tuple[str, str]]]:
        """A township's name without 镇/乡/街道/苏木, as names write it after
        its county (洪雅|柳江) → (name, county code)s; made when first asked."""
        out: dict[str, list[tuple[str, str]]] = {}
        for name, counties in self.townships.items():
            short = TOWN_SUFFIX.match(name)
            if short:
                out.setdefault(short.group(1), []).extend((name, county) for county in counties)
        return out

    def town_by_short(self, short: str, area: str) -> Optional[tuple[str, str]]:
        """(name, county code) of the one township in division ``area``
        (a province's or a county's code) that ``short`` names without its
        suffix; None when none or several do.

        >>> gazetteer().town_by_short("谭子山", "430000")
        ('谭子山镇', '430422')
        """
        prefix = area[:2] if area.endswith("0000") else area
        found = [t for t in self.town_short.get(short, ()) if t[1].startswith(prefix)]
        return found[0] if len(found) == 1 else None

    def township_county(self, name: str, locality: str) -> Optional[str]:
        """The county code of a township in the report's area, if unique."""
        counties = self.townships.get(name, [])
        if len(counties) == 1 and (not locality or counties[0][:2] == locality[:2]):
            return counties[0]
        if locality:
            prefix = locality.rstrip("0")
            near = [c for c in counties if c.startswith(prefix[: max(2, len(prefix))])]
            if len(near) == 1:
                return near[0]
        return None


def _rows(text: str):
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@per_knowledge
def gazetteer() -> Gazetteer:
    """The active knowledge's gazetteer."""
    data_text = active().source.text
    divisions = [
        Division(code, name, short, parent, int(level))
        for code, name, short, parent, level in _rows(data_text("gazetteer/divisions.tsv"))
    ]
    townships = [(name, county) for name, county in _rows(data_text("gazetteer/townships.tsv"))]
    # national new areas: no code of their own, so keyed by name under their province
    coded = {d.name for d in divisions}
    for name, short, province in _rows(data_text("gazetteer/zones.tsv")):
        if name not in coded:  # a new area the code table has (兰州新区 620171) is that division
            divisions.append(Division(f"{province}-{name}", name, short or name, province, 4))
    return Gazetteer(divisions, townships)

"""locatedIn: where places, bodies and projects lie, read from their names.

Nested names (衡南县谭子山镇杨湖村, 衡阳县第六中学), zones and the places
they name (兰州新区), projects and the most specific places their names
hold (宁波舟山港), enterprises settling in a place (落户衡阳). A route lies
in none of the places it connects.

Reads: ``RelationContext``. Writes: ``Relation`` (locatedIn).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterator, Optional

from kg.extract.relation_base import CLAUSE_BREAK, RelationContext, _Index, _rel, relation_rule
from kg.knowledge.base import per_knowledge
from kg.knowledge.gazetteer import gazetteer
from kg.knowledge.rules import alternation
from kg.model import Entity, Mention, Relation


def is_route(name: str) -> bool:
    """Whether a project's name names a route or a line between places
    (data/rules/route_words.txt)."""
    return bool(_route_words().search(name))


@per_knowledge
def _route_words() -> re.Pattern:
    return re.compile(alternation("route_words"))


@relation_rule("located-in")
def _located_in(ctx: RelationContext) -> Iterator[Relation]:
    """Nested names: 衡南县谭子山镇杨湖村, 衡阳县第六中学, 雁峰区 in 衡阳市.

    Every lookup is by position (the places by where they end and begin),
    so a sentence of any length costs time in proportion to it."""
    sentence, ms, index, text = ctx.sentence, ctx.mentions, ctx.index, ctx.text
    places = [m for m in ms if m.type == "Place" and m.rule != "place.deictic"]
    by_end: dict[int, list[Mention]] = {}
    for p in places:
        by_end.setdefault(p.end, []).append(p)
    starts = [p.start for p in places]
    order = {id(p): i for i, p in enumerate(places)}
    first_by_code: dict[str, tuple[int, Entity]] = {}
    for i, p in enumerate(places):
        first_by_code.setdefault(index.entity(p).code, (i, index.entity(p)))
    for m in ms:
        e = index.entity(m)
        if m.type == "Place" and m.rule != "place.deictic":
            # the place right before it (white space between) contains it (杭州萧山: a short form will do)
            b = m.start
            while b > 0 and text[b - 1].isspace():
                b -= 1
            prev = sorted((p for end in range(b, m.start + 1) for p in by_end.get(end, ())), key=lambda p: order[id(p)])
            if prev and (prev[-1].rule != "place.short" or m.rule in ("place.town", "place.village", "place.township")
                         or (index.entity(prev[-1]).code and e.code)):
                outer = index.entity(prev[-1])
                if _can_contain(outer, e):
                    yield _rel(e, "locatedIn", outer, sentence, "located.nested-name")
        if m.type == "Place" and m.parent:
            outer = index.by_name.get(("Place", m.parent)) or _place_by_prefix(index, m.parent)
            if outer is not None and outer.iri != e.iri:
                yield _rel(e, "locatedIn", outer, sentence, "located.parent-in-name")
        elif m.type == "Place" and m.rule != "place.deictic":
            outer = _place_in_name(index, m.text, e)
            if outer is not None:
                yield _rel(e, "locatedIn", outer, sentence, "located.prefix-place")
        if m.type == "Place" and m.rule == "place.township":
            county = _township_county(m, first_by_code, index)
            if county is not None:
                yield _rel(e, "locatedIn", county, sentence, "located.township-county")
        if m.type in ("Organization", "Project") and m.rule not in ("org.abbrev", "org.reporter", "org.party-abbrev"):
            lo, hi = bisect_left(starts, m.start), bisect_left(starts, m.end)
            if m.type == "Project" and is_route(m.text):
                continue  # a route connects its ends (see project.route), it lies in neither
            for outer in _places_named_in(m, e, places[lo:hi], index):
                yield _rel(e, "locatedIn", outer, sentence, "located.name-contains")
    # 金龙集团、先导稀材等一批优势企业落户衡阳: enterprises settling in a place
    for m in ms:
        if m.type == "Organization" and m.rule in ("org.named", "org.listed", "org.known"):
            for p in places[bisect_left(starts, m.end + 1) : bisect_left(starts, m.end + 26)]:
                gap = text[m.end : p.start]
                if not CLAUSE_BREAK.search(gap) and SETTLES.search(gap):
                    yield _rel(index.entity(m), "locatedIn", index.entity(p), sentence, "located.settles")
                    break


SETTLES = re.compile(r"(落户|入驻|扎根|迁入|在)$")


LEVEL = {"Province": 1, "City": 2, "County": 3, "DevelopmentZone": 4, "Township": 4, "Village": 5}


def _place_by_prefix(index: _Index, written: str) -> Optional[Entity]:
    """The place entity a zone's written prefix names (杭州 in 杭州综保区)."""
    for d in gazetteer().lookup(written):
        if d.code in index.by_code:
            return index.by_code[d.code]
    return None


def _places_named_in(m: Mention, e: Entity, near: list[Mention], index: _Index) -> list[Entity]:
    """The most specific places a name holds: 宁波舟山港 lies in both,
    嘉兴南湖机场 in 南湖区 only, an Organization in the last one named. An
    item of an elliptical list lies in the place it is written as (济南 of
    济南、青岛…机器人产业基地); a name that opens with a place the report names
    elsewhere lies in it (青岛港) unless a place inside the name lies there."""
    inner = [p for p in near if p.end <= m.end and ((p.start, p.end) != (m.start, m.end) or e.name != m.text)]
    found = [index.entity(p) for p in inner]
    found = [o for k, o in enumerate(found) if not any(_can_contain(o, q) for q in found[k + 1 :])]
    if m.type == "Organization":
        found = found[-1:]
    opening = None if any(p.start == m.start for p in inner) else _place_in_name(index, m.text, e)
    if opening is not None and not any(o.code and opening.code and gazetteer().within(o.code, opening.code) for o in found):
        found = [opening]
    return found


def _place_in_name(index: _Index, written: str, e: Entity) -> Optional[Entity]:
    """The place of the document whose name opens ``written`` and holds
    ``e``: 兰州 in 兰州新区, 福州 in 福州新区."""
    g = gazetteer()
    for j, full, short in g.names_at(written, 0):
        if j >= len(written) - (e.type == "Place"):
            continue  # 衡阳县 is no county of 衡阳市's: a place's name goes on by two characters at least (兰州新区)
        for d in (full or []) + (short or []):
            outer = index.by_code.get(d.code)
            if outer is not None and outer.iri != e.iri and (not e.code or g.within(e.code, d.code)) and _can_contain(outer, e):
                return outer
    return None


def _township_county(m: Mention, first_by_code: dict[str, tuple[int, Entity]], index: _Index) -> Optional[Entity]:
    """The county a township lies in by the gazetteer, when the sentence
    names that county too (常宁市塔山瑶族乡…与洋泉镇: both in 常宁市): the
    first such place in the sentence."""
    found = [first_by_code[c] for c in gazetteer().townships.get(index.entity(m).name, []) if c in first_by_code]
    return min(found, key=lambda f: f[0])[1] if found else None


def _can_contain(outer: Entity, inner: Entity) -> bool:
    lo = LEVEL.get(outer.subclass, 9)
    li = LEVEL.get(inner.subclass, 9)
    if lo >= li:
        return False
    if outer.code and inner.code:
        return gazetteer().within(inner.code, outer.code)
    return True

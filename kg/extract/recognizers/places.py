"""Places: gazetteer divisions by full and short name, towns and villages below them, zones, deictic 我市, likely typos.
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import SimpleNamespace
from typing import Iterator, Optional

from kg.extract.recognizers.base import HAN, Context, Guarded, recognizer
from kg.extract.recognizers.grammar import (
    generic_before,
    holds_common_word,
    is_han,
    place_mention,
    town_at,
    typo_sibling,
    verb_ends_at,
)
from kg.extract.segment import cut
from kg.extract.words import is_common_word, is_function_word, is_ordinary_word, word_tags
from kg.knowledge.base import per_knowledge
from kg.knowledge.gazetteer import TOWN_SUFFIX as TOWNSHIP_STEM, Division, gazetteer
from kg.knowledge.rules import alternation, table, words
from kg.model import Mention

# --- places -----------------------------------------------------------

# 中国（甘肃）自由贸易试验区: a pilot free trade zone named after its province
TWO_AND_SUFFIX = re.compile(rf"([{HAN}]{{2}})([区县市])")
PROVINCE_FTZ = re.compile(rf"中国（([{HAN}]{{2,3}})）(?:自由贸易试验区|自贸试验区)")
LOCAL_ALIASES = {"我市": "市", "本市": "市", "全市": "市", "我省": "省", "本省": "省", "全省": "省", "我区": "区", "全区": "区", "我县": "县", "全县": "县"}
TOWN_SUFFIX = re.compile(rf"([{HAN}]{{1,5}}?(?:镇|乡(?![镇村])|街道|苏木))")
VILLAGE_SUFFIX = re.compile(rf"([{HAN}]{{2,4}}?(?:村|社区|嘎查))")


@per_knowledge
def _vocab() -> SimpleNamespace:
    """The patterns this module builds from the active knowledge's word lists."""
    zone_suffix = "(?:国家级?)?" + alternation("zone_suffixes")
    zone_after = re.compile(zone_suffix)
    abbreviated_zone = re.compile(rf"([省市])({zone_suffix})")
    kinds = sorted((w for w, kind in table("zone_suffixes").items() if kind == "development"), key=lambda w: (-len(w), w))
    development = "(?:国家级?)?(?:" + "|".join(kinds) + ")"
    listed = re.compile(
        rf"(?P<items>(?:[{HAN}]{{2,6}}、)+[{HAN}]{{2,6}})(?P<count>[\d一二三四五六七八九十]+[家个])?(?P<suffix>{development})"
    )
    return SimpleNamespace(ZONE_SUFFIX=zone_suffix, ZONE_AFTER=zone_after, ABBREVIATED_ZONE=abbreviated_zone,
                           DEVELOPMENT_ZONE=re.compile(development), LISTED_ZONES=listed)


def scan_divisions(ctx: Context) -> Iterator[tuple[int, int, Division, bool]]:
    """(i, j, division, by_full_name) for gazetteer names in the sentence."""
    g = gazetteer()
    text = ctx.sentence.text
    after = 0  # a name found ends here; the next may not begin before
    outer = None  # the division found last, when it ends where the next name begins
    walk = g.walk
    for first in g.first_chars.finditer(text):
        i = first.start()
        if i < after or text[i : i + 2] not in walk:
            continue  # (most characters begin no name: spare the walk)
        hit = None
        for j, full, short in g.names_at(text, i):
            if full:
                d = g.pick(full, ctx.locality.code)
                if d and j - i <= 3 and d.level >= 3 and not (ctx.at_boundary(i, j) if j - i == 2 else ctx.seg.is_start(i)):
                    d = None  # 和县 in 城乡和县域, 范县 in 示范县, 应城市 in 适应城市: a short county's name is a word of its own
                if d:
                    hit = (i, j, d, True)
                    break
            kind = _autonomous_kind(short, text, j, ctx.locality.code) if short else None
            if kind is not None:  # 大理|州, 化隆|县: an autonomous division by its place's name and its kind
                hit = (i, j + 1, kind, False)
                break
            if short and (text[j : j + 1] not in SHORT_BLOCKERS or _word_follows(ctx, j)):
                inside = [d for d in short if outer and outer[1] == i and d.level > outer[2].level and g.within(d.code, outer[2].code)]
                if len(inside) == 1:  # 厦门翔安, 杭州萧山: a county's short form right after its city is sure
                    hit = (i, j, inside[0], False)
                    break
                if len(short) == 1 and _holds_next(text, j, short[0]):
                    hit = (i, j, short[0], False)  # 嘉兴南湖: a city's short form right before a county in it
                    break
                if _route_end(ctx, i, j) or _vocab().ZONE_AFTER.match(text, j):
                    d = g.pick(short, ctx.locality.code) or (short[0] if len(short) == 1 else None)
                    if d:  # 临河至哈密铁路, 大同经开区: the ends of a route and a zone's place, at home or not
                        hit = (i, j, d, False)
                        break
                if ctx.at_boundary(i, j) or (all(d.level == 1 for d in short) and ctx.seg.is_start(i)):
                    # a province's short form (台湾 in 台湾同胞) is distinctive even where a word goes on
                    d = g.pick(short, ctx.locality.code)
                    if d and _short_ok(text[i:j], d, ctx, i, j):
                        hit = (i, j, d, False)
                        break
        if hit:
            yield hit
            after = hit[1]
            outer = hit


def _listed_or_subject(text: str, i: int, j: int) -> bool:
    """Whether text[i:j] stands as an item of a list (呼和浩特、包头、乌兰察布,
    A和B, …等) or as the object of a verb that takes a name (支持大同建设)."""
    before, after = text[i - 1 : i], text[j : j + 1]
    return before in LISTING or after in LISTING + ("等", "市") or verb_ends_at(text, i) or _clause_subject(text, i, j)


def _clause_subject(text: str, i: int, j: int) -> bool:
    """Whether text[i:j] opens its clause and a verb follows it (，大连|获批…,
    平凉|入选…): the place is the clause's subject."""
    if i and is_han(text[i - 1]):
        return False
    words_ = cut(text[j : j + 6])
    return bool(words_) and word_tags().get(words_[0]) == "v"


LISTING = ("、", "和", "与", "及")


def _route_end(ctx: Context, i: int, j: int) -> bool:
    """Whether text[i:j] is an end of a route written A至B (or A—B)."""
    text = ctx.sentence.text
    if text[i - 1 : i] in ("至", "—"):
        return True
    return text[j : j + 1] in ("至", "—") and (not is_han(text[i - 1 : i] or "，") or ctx.seg.is_start(i))


def _holds_next(text: str, j: int, d: Division) -> bool:
    """Whether a division inside ``d`` is named (full or short) from ``j`` on."""
    g = gazetteer()
    for _, full, short in g.names_at(text, j):
        if any(x.level > d.level and g.within(x.code, d.code) for x in (full or []) + (short or [])):
            return True
    return False


SHORT_BLOCKERS = set("村镇乡街社区县市州省路道")
# the rest of a list whose items are counted as counties: 、昭平等10个县区
COUNTIES_LISTED = re.compile(rf"(?:、[{HAN}]{{2,4}})*等[\d一二三四五六七八九十]+个县")


def _autonomous_kind(short: list[Division], text: str, j: int, locality: str) -> Optional[Division]:
    """The autonomous prefecture, county or banner that a short form names
    with the last character of its kind after it (大理州 for 大理白族自治州,
    化隆县 for 化隆回族自治县, as reports write them)."""
    suffix = text[j : j + 1]
    if suffix not in ("州", "县", "旗"):
        return None
    found = [d for d in short if d.name.endswith("自治" + suffix)]
    return gazetteer().pick(found, locality) if found else None


def _word_follows(ctx: Context, j: int) -> bool:
    """Whether a word of two characters or more the dictionary knows begins
    at ``j`` (徐州|区域中心城市, 张掖|乡村振兴): the character after a short
    form is then no suffix of another name (南昌县, 徐州路)."""
    token = ctx.seg.token_at(j)
    return token is not None and len(token.text) >= 2 and is_common_word(token.text)


def _short_ok(short: str, d: Division, ctx: Context, i: int, j: int) -> bool:
    g = gazetteer()
    province = ctx.locality.province
    if d.level >= 3 and province and not g.within(d.code, province.code):
        return False  # a county's short form far from home is another word (龙川 in 九龙川)
    tag = word_tags().get(short)
    if tag is None or tag == "ns":
        return True
    if is_function_word(short):
        # 合作, 大新: a verb or an adjective first; but a prefecture of the
        # report's own province is meant by its name (支持大同建设, 包头、乌海)
        home = bool(province) and g.within(d.code, province.code)
        if d.level == 3 and home and COUNTIES_LISTED.match(ctx.sentence.text, j):
            return True  # 苍梧、昭平等10个县区: items counted as counties
        return d.level == 2 and home and _listed_or_subject(ctx.sentence.text, i, j)
    # A short form that is also a common word (通道, 新建) counts only at home.
    home = ctx.locality.city or ctx.locality.province
    return bool(home) and g.within(d.code, home.code)


@recognizer("places", ("Place",))
def places(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    for i, j, d, full in scan_divisions(ctx):
        yield place_mention(ctx, i, j, d, "place.gazetteer" if full else "place.short")
        yield from _below(ctx, i, j, d.code, d.name)
    # towns and townships known to the gazetteer, anywhere
    yield from _townships(ctx)
    for word, prefix in LOCAL_ALIASES.items():
        if word not in text:
            continue
        place = ctx.locality.place_for(prefix)
        if not place:
            continue
        for m in re.finditer(word, text):
            if word.startswith("全") and text[m.end() : m.end() + 1] in ("会", "人", "国"):
                continue
            yield ctx.mention(m.start(), m.end(), "Place", place.name, place.subclass, "place.deictic", code=place.code)


def _below(ctx: Context, i: int, j: int, code: str, parent_name: str, depth: int = 0) -> Iterator[Mention]:
    """Towns after a county, villages after a town: 衡南县谭子山镇杨湖村."""
    text = ctx.sentence.text
    if depth > 2:
        return
    g = gazetteer()
    m = TOWN_SUFFIX.match(text, j)
    if m and _compound_end(text, m.end()):
        m = None
    if m and len(code) == 6 and not code.endswith("00"):
        name = m.group(1)
        if code in g.townships.get(name, []) or (len(name) >= 3 and not is_function_word(name[:2])):
            yield ctx.mention(m.start(), m.end(), "Place", name, "Township", "place.town", parent=parent_name)
            yield from _villages(ctx, m.end(), name)
            return
    if len(code) == 6 and not code.endswith("00"):
        town = town_at(ctx, j, len(text), code)
        if town:  # 洪雅|柳江古镇: a township of the county, its suffix left out
            yield replace(town, parent=parent_name)
            return
    yield from _zones(ctx, i, j, parent_name)


def _compound_end(text: str, end: int) -> bool:
    """Whether a word that is no township's name ends at ``end`` (城镇)."""
    return any(text.endswith(w, 0, end) for w in words("town_compounds"))


def _villages(ctx: Context, j: int, parent_name: str) -> Iterator[Mention]:
    m = VILLAGE_SUFFIX.match(ctx.sentence.text, j)
    if m and not is_function_word(m.group(1)[:2]):
        yield ctx.mention(m.start(), m.end(), "Place", m.group(1), "Village", "place.village", parent=parent_name)


def _zones(ctx: Context, i: int, j: int, parent_name: str) -> Iterator[Mention]:
    """杭州综保区: the zone's name is the place as written plus the suffix;
    a development zone may name its part of the place too (宜宾|临港|经济技术开发区)."""
    text = ctx.sentence.text
    m = _vocab().ZONE_AFTER.match(text, j)
    if m is None and re.fullmatch(rf"[{HAN}]{{2}}", text[j : j + 2]) and not is_function_word(text[j : j + 2]) \
            and not gazetteer().lookup(text[j : j + 2]):
        m = _vocab().DEVELOPMENT_ZONE.match(text, j + 2)
    if m:
        yield ctx.mention(i, m.end(), "Place", text[i : m.end()], "DevelopmentZone", "place.zone", parent=parent_name)


def _listed_zones(ctx: Context) -> Iterator[Mention]:
    """Places listed before a zone's suffix they share: 绵阳、德阳经济开发区,
    长沙、株洲、湘潭3家高新区 (each item with the suffix is a zone)."""
    text = ctx.sentence.text
    g = gazetteer()
    for m in _vocab().LISTED_ZONES.finditer(text):
        items, pos = [], m.start()
        for part in m.group("items").split("、"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        first = next((k for k in range(items[0][0], items[0][1] - 1) if _opens_with_place(g, text, k, items[0][1])), None)
        if first is None or not all(_opens_with_place(g, text, a, b) for a, b in items[1:-1]):
            continue
        items[0] = (first, items[0][1])
        suffix = m.group("suffix")
        for a, b in items if m.group("count") else items[:-1]:
            yield ctx.mention(a, b, "Place", text[a:b] + suffix, "DevelopmentZone", "place.zone-listed")


def _opens_with_place(g, text: str, a: int, b: int) -> bool:
    """Whether text[a:b] is a division's name, or one with two characters after it (长沙麓谷)."""
    return any(b - j in (0, 2) for j, full, short in g.names_at(text, a, b))


TOWNSHIP = Guarded(rf"[{HAN}]{{1,6}}?(?:镇|乡|街道|苏木)", ["镇", "乡", "街道", "苏木"])


def _townships(ctx: Context) -> Iterator[Mention]:
    g = gazetteer()
    text = ctx.sentence.text
    for m in TOWNSHIP.finditer(text):
        # try every start inside the match: the name is its longest known tail
        if _compound_end(text, m.end()):
            continue  # 每万城镇常住人口, 文明村镇: the word is 城镇, no township
        for k in range(m.start(), m.end() - 1):
            name = text[k : m.end()]
            if name in g.townships and len(name) >= 3:
                county = g.township_county(name, ctx.locality.code)
                if county or (ctx.at_boundary(k, m.end()) and not _ordinary_stem(name)):
                    yield ctx.mention(k, m.end(), "Place", name, "Township", "place.township")
                    yield from _villages(ctx, m.end(), name)
                break


def _ordinary_stem(name: str) -> bool:
    """Whether a township's name is an ordinary word before its suffix
    (中心|镇, 重点|镇): outside the report's own counties, a kind of town."""
    stem = TOWNSHIP_STEM.match(name)  # (.{2,}) before 镇/乡/街道/苏木
    return bool(stem) and is_ordinary_word(stem.group(1))


AREA_ZONE = Guarded(rf"(?:^|(?<=[，。；、：]))([{HAN}]{{2}})(综保区|综合保税区|经开区|经济技术开发区|高新区|高新技术产业开发区|自贸片区)", ["区"])


@recognizer("zones", ("Place",))
def zones(ctx: Context) -> Iterator[Mention]:
    """Development zones after 市/省 or a place: 市高新开发区; zones named
    after an area that is no division (亦庄综保区) also name the area."""
    text = ctx.sentence.text
    yield from _listed_zones(ctx)
    for m in AREA_ZONE.finditer(text):
        area = m.group(1)
        if ctx.seg.is_start(m.start(1)) and not is_function_word(area) and not gazetteer().lookup(area):
            yield ctx.mention(m.start(1), m.end(), "Place", m.group(), "DevelopmentZone", "place.area-zone", parent=area)
            yield ctx.mention(m.start(1), m.end(1), "Place", area, "Place", "place.area", note="nested")
    for m in PROVINCE_FTZ.finditer(text):
        found = gazetteer().lookup(m.group(1))
        if found:
            province = found[0].name if len(found) == 1 else ""
            yield ctx.mention(m.start(), m.end(), "Place", m.group(), "DevelopmentZone", "place.free-trade-zone", parent=province)
    for m in _vocab().ABBREVIATED_ZONE.finditer(text):
        if m.start() > 0 and is_han(text[m.start() - 1]) and (not ctx.seg.is_start(m.start()) or generic_before(text, m.start())):
            continue
        place = ctx.locality.expand(m.group(1))
        if place:
            yield ctx.mention(m.start(), m.end(), "Place", place + m.group(2), "DevelopmentZone", "place.zone")


@recognizer("typo-places", ("Place",))
def typo_places(ctx: Context) -> Iterator[Mention]:
    """A division name one character off a sibling: 衡峰区 next to 雁峰区."""
    text = ctx.sentence.text
    for m in TWO_AND_SUFFIX.finditer(text):
        if m.start() > 0 and is_han(text[m.start() - 1]) and text[m.start() - 1] not in "，、在和与及":
            continue
        if not ctx.seg.is_start(m.start()) or holds_common_word(ctx, m.start(), m.end()):
            continue
        d = typo_sibling(ctx, m.group())
        if d:
            yield ctx.mention(m.start(), m.end(), "Place", m.group(), "County", "place.typo", note=f"likely {d.name}")



"""Grammar shared by the recognizers: where a proper name begins, which
place a name starts with, whether a one-character prefix is a plural.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Iterator, Optional

from kg.extract.recognizers.base import HAN, Context
from kg.extract.segment import cut
from kg.extract.words import is_common_word, is_function_word, is_verb, word_tags
from kg.knowledge.gazetteer import Division, gazetteer
from kg.knowledge.base import per_knowledge
from kg.knowledge.rules import words
from kg.model import Mention

NAME_CHARS = re.compile(rf"[{HAN}A-Za-z0-9]+")
# a count of things (3家, 两个, 11处); a rank such as 三大 is none
COUNT_OF_THINGS = re.compile(r"[\d一二三四五六七八九十两]+[个项条座处家批所]")


TOWN_TAGS = (None, "ns", "nr", "nz")
"""What jieba may take a township's short name for: nothing, or a name."""

STOP_LEFT = set("的了在对与和及为是由向从把将被让使等并又也都就还而但或共同各该本其这那每")


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def place_mention(ctx: Context, i: int, j: int, d: Division, rule: str) -> Mention:
    code = d.code if d.code.isdigit() else ""  # national new areas have no code
    return ctx.mention(i, j, "Place", d.name, d.subclass, rule, code=code)


def typo_sibling(ctx: Context, name: str) -> Optional[Division]:
    """The division a name not in the gazetteer most likely stands for: one
    character off a division of the report's own city (衡峰区 → 雁峰区)."""
    g = gazetteer()
    home = ctx.locality.city or ctx.locality.province
    if not home or g.by_name.get(name) or len(name) != 3 or name[-1] not in "区县市":
        return None
    for d in g.children(home.code):
        if len(d.name) == 3 and one_off(name, d.name):
            return d
    return None



def holds_common_word(ctx: Context, i: int, j: int) -> bool:
    """Whether [i, j) is made of ordinary words (城市, 合理, 开展), not a name."""
    g = gazetteer()
    for t in ctx.seg.tokens_from(i):
        if t.start >= j:
            break
        if t.start >= i and t.end <= j:
            if len(t.text) >= 2 and is_common_word(t.text) and not g.lookup(t.text):
                return True
            if len(t.text) == 1 and t.start == i and t.text in STOP_LEFT | set("个把每"):
                return True
        elif t.start < j and i < t.end and len(t.text) >= 2 and is_common_word(t.text) and not g.lookup(t.text):
            return True  # a word runs across the candidate's edge
    return False


def one_off(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1 and a[-1] in "区县市" and b[-1] in "区县市"



def generic_before(text: str, i: int) -> bool:
    """Whether the one-character prefix at i belongs to a plural: 县市区人大."""
    before = text[max(0, i - 2) : i]
    return bool(before) and (before[-1] in "县市区乡镇省各级两") or before.endswith("各级")



def place_before(before: str, ctx: Context) -> tuple[str, int]:
    """The full place name that ``before`` ends with, and where it starts."""
    g = gazetteer()
    for length in range(min(g.max_name, len(before)), 1, -1):
        span = before[-length:]
        cands = g.by_name.get(span)
        if cands:
            return span, len(before) - length
        cands = g.by_short.get(span)
        if cands and length >= 2:
            d = g.pick(cands, ctx.locality.code)
            if d:
                return d.name, len(before) - length
    return "", -1



def leading_place(ctx: Context, i: int, j: int) -> Iterator[Mention]:
    """The place a name starts with (浙江大学, 宁波舟山港, 嘉兴南湖机场), by
    full name or by the short form of a division in the report's province.
    Inside a name jieba's token edges do not count: 浙江大学 is one token."""
    g = gazetteer()
    text = ctx.sentence.text
    province = ctx.locality.province.code if ctx.locality.province else ""
    for k, full, short in g.names_at(text, i, j - 1):
        if full:
            d = g.pick(full, ctx.locality.code)
        else:
            d = g.pick(short, ctx.locality.code)
            if d and not (province and g.within(d.code, province)):
                d = None
        if d:
            yield place_mention(ctx, i, k, d, "place.in-name")
            town = town_at(ctx, k, j - 1, d.code) if len(d.code) == 6 and not d.code.endswith("00") else None
            if town:  # 洪雅|柳江|抽水蓄能电站: a township of the county, its suffix left out
                yield replace(town, parent=d.name)
            return


def town_at(ctx: Context, i: int, end: int, area: str) -> Optional[Mention]:
    """The township of division ``area`` (a county) whose name opens
    text[i:end], written without 镇/乡/街道 (洪雅|柳江|古镇):
    the longest such short form that no dictionary takes for an ordinary
    word. (Only after its county: a township's short form alone, at the head
    of a name, is as often a lake, a company or a person's name.)"""
    g = gazetteer()
    text = ctx.sentence.text
    for k in range(min(end, i + 4), i + 1, -1):
        short = text[i:k]
        if short in g.town_short and word_tags().get(short) in TOWN_TAGS:
            town = g.town_by_short(short, area) if area else None
            if town:
                return ctx.mention(i, k, "Place", town[0], "Township", "place.town-short")
    return None


def left_edge(ctx: Context, i: int) -> Optional[int]:
    """Walk tokens left from i while they can belong to a proper name.

    The token holding the suffix may straddle i (钢铁集团 before 有限公司)."""
    g = gazetteer()
    start = i
    total = 0
    for tok in ctx.seg.tokens_before(i):
        if tok.start >= start:
            continue
        if tok.end < start:
            break
        w = ctx.sentence.text[tok.start : start]
        if not NAME_CHARS.fullmatch(w) or (len(w) == 1 and w in STOP_LEFT):
            break
        if len(w) > 1 and is_function_word(w) and not g.by_name.get(w) and not g.by_short.get(w) and w not in words("region_words"):
            break
        total += len(w)
        if total > 16:
            break
        start = tok.start
    # a verb that takes a name as its object opens no name (建好教育部…研究院, 做强省纺织集团)
    verb = _leading_verb().match(ctx.sentence.text, start, i)
    if verb and i - verb.end() >= 3:
        start = verb.end()
    return start


def object_start(text: str, i: int, j: int, is_start: Optional[Callable[[int], bool]] = None) -> int:
    """Where the name text[i:j] begins past a verb that takes a name as its
    object (做优|青甘环线, 投产|大湾煤电项目), or past the rest of one that
    begins before it where a word begins after it (建|好|招商项目库, not
    构建|成渝…), when two characters or more are left."""
    for k in (max(0, i - 2), max(0, i - 1), i):  # also a verb the span cuts in two (建|好招商项目库)
        verb = _leading_verb().match(text, k, j)
        if verb and verb.end() > i and j - verb.end() >= 2 and (k == i or (is_start is not None and is_start(verb.end()))):
            return verb.end()
    return i


def past_newly(text: str, i: int, j: int) -> int:
    """Where a name begins past 新 and a verb of two characters (新|认定|…,
    新|签约|…: newly done, an adverb and its verb), when two characters
    or more are left; else ``i``."""
    if text.startswith("新", i) and j - i >= 5 and word_tags().get(text[i + 1 : i + 3]) == "v":
        return i + 3
    return i


def verb_ends_at(text: str, i: int) -> bool:
    """Whether a verb that takes a name as its object ends at ``i`` (支持|大同)."""
    return any(_leading_verb().fullmatch(text, k, i) for k in range(max(0, i - 4), i - 1))


def _leading_verb() -> re.Pattern:
    """The verbs of data/rules/project_verbs.txt and org_verbs.txt."""
    return verbs_of(("project_verbs", "org_verbs"))


@per_knowledge
def verbs_of(lists: tuple[str, ...]) -> re.Pattern:
    """Any verb of the given lists of data/rules/, the longest first."""
    found = sorted(set().union(*(words(n) for n in lists)), key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, found)) or "(?!)")


def holds_verb(words_: str) -> bool:
    """Whether a verb of two characters or more stands in ``words_`` (实现|全产业链)."""
    return any(len(t) >= 2 and is_verb(t) for t in cut(words_))

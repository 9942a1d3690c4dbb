"""The ``named-phrases`` recognizer: the phrases of :mod:`phrases` that stand
as names (after a verb, as a subject, in a list, before a word that refers
to them), metro lines by number, and the items of lists
(:mod:`listed_items`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from kg.extract.recognizers.base import HAN, Context, recognizer
from kg.extract.recognizers.grammar import COUNT_OF_THINGS, holds_verb, leading_place
from kg.extract.recognizers.listed_items import list_items
from kg.extract.recognizers.phrases import Phrase, _clean, _patterns, head_at, opens_with_verb, phrases
from kg.extract.segment import cut
from kg.extract.words import is_common_word, is_ordinary_word, word_tags
from kg.knowledge.gazetteer import gazetteer
from kg.model import Mention


@recognizer("named-phrases", ("Policy", "Project", "Regulation", "Meeting", "Place"))
def named_phrases(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    p = _patterns()
    for ph in phrases(ctx):
        if ph.head.type == "Project" and COUNT_END.search(text, ph.start, ph.end - len(ph.head.word)):
            continue  # 城市更新两个|项目: a count of projects, no name
        ph = _with_section(ctx, ph)
        before = text[ph.start - 1] if ph.start else ""
        after = text[ph.end :]
        listed = before == "、" or after.startswith("、") or p["list_tail"].match(after)
        referred = ph.head.type == "Meeting" and p["meeting_follower"].match(after)
        if not (ph.by_verb or listed or referred or p["predicate"].match(after) or (ph.head.strong and _proper(text, ph))):
            continue
        if (before == "、" or after.startswith("、")) and not referred:
            continue  # an item of a list: see list_items (but …、中央经济工作会议精神 is sure of itself)
        if not ph.by_verb:
            past = opens_with_verb(ctx, ph.start, ph.end)
            if past:  # 推动|优化工商业电价机制12条举措: a document's title is the verb's object
                start = _clean(text, past, ph.end, ph.head) if ph.head.type == "Regulation" else None
                if ph.head.strong and _proper(text, replace(ph, start=past)) and not _holds_word(_stem(text, past, ph)):
                    start = past  # 力促|雄商高铁: a proper name's stem after the verb, before a strong head
                if start is None or is_common_word(text[start : ph.end]):
                    continue  # 新增|国家级企业技术中心, 严格|落实双疏散通道: a verb phrase, no name
                ph = replace(ph, start=start, by_verb=True)
        first = cut(text[ph.start : ph.end])[0]
        if word_tags().get(first, "")[:1] == "r" and ctx.local_name(first)[0] == first:
            continue  # 其中|小型水库, 各市…: a pronoun opens no name (but 我省 is the province)
        rule = ph.head.type.lower() + "." + ("named" if ph.by_verb else "subject")
        name, scope = ctx.local_name(text[ph.start : ph.end], spell_out_whole=ph.head.type == "Regulation")
        if ph.head.type not in ("Regulation", "Meeting"):
            name, scope = text[ph.start : ph.end], ""
        yield ctx.mention(ph.start, ph.end, ph.head.type, name.replace("“", "").replace("”", ""), ph.head.subclass, rule, scope=scope)
        if ph.head.type in ("Project", "Regulation"):
            # the place a name opens with is a place of the report (密云|水库水源保护条例: 密云区)
            yield from leading_place(ctx, ph.start, ph.end)
    yield from list_items(ctx)
    yield from metro_lines(ctx)


# a count right before a head (两个|项目)
COUNT_END = re.compile(COUNT_OF_THINGS.pattern + "$")
# a section of a line after its name: 沿江高铁|渝宜段, 渝厦高铁|重庆东至黔江段
SECTION = re.compile(rf"[{HAN}]{{1,7}}?段")


def _with_section(ctx: Context, ph: Phrase) -> Phrase:
    """A line's name with the section written after it, where 段 is a
    word of its own (not 建设阶段, 前期|阶段) and no verb stands between."""
    section = SECTION.match(ctx.sentence.text, ph.end) if ph.head.type == "Project" else None
    if section and ctx.seg.is_start(section.end() - 1) and ctx.seg.is_start(ph.end) and not holds_verb(section.group()[:-1]):
        return replace(ph, end=section.end())
    return ph


# 太原地铁1号线, 13号线东延伸, 地铁7号线一期北段, 地铁Z2线: a line is named by its number
LINE = re.compile(
    rf"(?P<city>[{HAN}]{{2,3}}(?=地铁|轨道交通))?(?P<kind>地铁|轨道交通|轨道)?(?<![0-9A-Za-z])(?P<no>[A-Z]?[0-9]{{1,2}}|[A-Z])"
    r"(?P<mark>号)?线(?:[一二三四五六]期)?(?:[东南西北]+(?:延伸|段)(?:线|段)?|延伸线|支线)?"
)


def metro_lines(ctx: Context) -> Iterator[Mention]:
    """Metro and rail transit lines by their number, with the phase or
    section written after it; the city before 地铁 only when it is a place."""
    text = ctx.sentence.text
    if "线" not in text:
        return
    for m in LINE.finditer(text):
        if not (m.group("mark") or m.group("kind")):
            continue  # 3线 alone is no line's name (三线城市, 2条线)
        start = m.start("kind") if m.group("kind") else m.start("no")
        if m.group("city") and gazetteer().lookup(m.group("city")):
            start = m.start("city")
        yield ctx.mention(start, m.end(), "Project", text[start : m.end()], "Project", "project.line")


def _stem(text: str, start: int, ph: Phrase) -> str:
    """What a name holds before its head and the heads before that one
    (石衡沧港|城际|铁路: 城际 is a head too, not a word of the stem)."""
    end = ph.end - len(ph.head.word)
    while (h := head_at(text, end)) is not None and h.type == ph.head.type and end - len(h.word) - start >= 2:
        end -= len(h.word)
    return text[start:end]


def _holds_word(stem: str) -> bool:
    """Whether jieba finds a common word of two characters or more in
    ``stem`` (支线|机场, 智慧|机场), not a name's letters (雄商: 雄安 to 商丘)."""
    return any(len(t) >= 2 and is_ordinary_word(t) for t in cut(stem))


def _proper(text: str, ph: Phrase) -> bool:
    """Whether what comes before a strong head is a proper name's stem,
    not a kind (支线机场, 通用机场) or a phrase."""
    stem = text[ph.start : ph.end - len(ph.head.word)]
    return len(stem) >= 2 and not is_ordinary_word(stem) and not _patterns()["generic"].match(stem)

"""Policies: quoted slogans with their head noun, named systems and strategies.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Iterator

from kg.extract.recognizers.base import CN_NUM, HAN, Context, recognizer
from kg.extract.recognizers.phrases import _patterns
from kg.extract.words import is_common_word
from kg.knowledge.base import per_knowledge
from kg.knowledge.rules import alternation, table
from kg.model import Mention

# --- policies and projects -------------------------------------------------

QUOTED = re.compile(r"“([^“”，。；]{2,24})”")
# 一带一路, 七地一屏一通道, 两园一河: numbers counting things are a slogan
NUMERAL_SLOGAN = re.compile(r"^[一二三四五六七八九十两]+[个大]|(?:[一二三四五六七八九十两百千万][^一二三四五六七八九十两]){2,}")
ROUTE_BEFORE = re.compile(rf"至[{HAN}]{{2,6}}$")


@per_knowledge
def _vocab() -> SimpleNamespace:
    """The patterns this module builds from the active knowledge's word lists."""
    project_words = re.compile(alternation("facility_endings") + "$")
    meeting_words = re.compile(alternation("event_endings") + "$")
    return SimpleNamespace(PROJECT_WORDS=project_words, MEETING_WORDS=meeting_words)


@per_knowledge
def _quoted_heads() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    heads = {w: tuple(p.split()) for w, p in table("quoted_heads").items()}
    return re.compile(alternation("quoted_heads")), heads


@recognizer("quoted", ("Policy", "Project", "Meeting", "Regulation"))
def quoted(ctx: Context) -> Iterator[Mention]:
    """Quoted names, typed by the head noun after them (“三高四新”战略,
    “民呼我为”平台) or by what they are: a slogan of counted things
    (“一带一路”) is a policy, a quoted facility (“中国洋浦港”) a project."""
    text = ctx.sentence.text
    head_re, head_types = _quoted_heads()
    quotes = list(QUOTED.finditer(text))
    for n, m in enumerate(quotes):
        inner = m.group(1).strip()
        if not re.search(rf"[{HAN}]", inner):
            continue
        rest = text[m.end() :]
        head = head_re.match(rest)
        head_text = head.group() if head else ""
        if not head:
            # “最多跑一次”和“一件事一次办”改革, “人工智能+”“数据要素×”行动: the head is shared
            k = n
            while k + 1 < len(quotes) and re.fullmatch(r"[和、与及]?", text[quotes[k].end() : quotes[k + 1].start()]):
                k += 1
            if k > n:
                shared = head_re.match(text, quotes[k].end())
                head_text = shared.group() if shared else ""
        if re.search(r"\d+条$", inner):
            # 经济向上向好30条: counted measures are one document
            yield ctx.mention(m.start(), m.end(), "Regulation", inner, "Plan", "regulation.quoted-measures")
            continue
        slogan = bool(NUMERAL_SLOGAN.search(inner)) or inner.endswith("之路")
        if not head_text and _vocab().PROJECT_WORDS.search(inner) and len(inner) >= 3:
            built = ROUTE_BEFORE.search(text, 0, m.start()) or _patterns()["predicate"].match(rest)
            if not slogan or built:
                yield ctx.mention(m.start(), m.end(), "Project", inner, "Project", "project.quoted")
                continue
        if _vocab().MEETING_WORDS.search(inner) and len(inner) > 3:
            yield ctx.mention(m.start(), m.end(), "Meeting", inner, "Conference", "meeting.quoted")
            continue
        if head_text:
            type_, cls = head_types[head_text]
            end = m.end() + (len(head_text) if head else 0)
            rule = "policy.quoted-head" if type_ == "Policy" else "project.quoted-head"
            yield ctx.mention(m.start(), end, type_, inner + head_text, cls, rule)
        else:
            if len(inner) > 14 or inner.endswith(("的", "了")):
                continue
            numbered = re.search(r"[一二三四五六七八九十两百千万\d]", inner)
            if len(inner) <= 3 and not numbered and (is_common_word(inner) or len(inner) == 2):
                continue  # a word in quotes for emphasis (“压舱石”, “瞪羚”), not a named policy
            if re.search(r"[得的]", inner) or inner.endswith(("式", "型")):
                continue  # 放得活, 人民的保护神, 内卷式: a description in quotes
            yield ctx.mention(m.start(), m.end(), "Policy", inner, "Policy", "policy.quoted")


POLICY_PATTERNS = (
    (re.compile(rf"[{HAN}]长制"), "policy.chief-system"),
    (re.compile(rf"[{CN_NUM}]五普法"), "policy.legal-education"),
)


@recognizer("named-policies", ("Policy",))
def named_policies(ctx: Context) -> Iterator[Mention]:
    text = ctx.sentence.text
    for rx, rule in POLICY_PATTERNS:
        for m in rx.finditer(text):
            yield ctx.mention(m.start(), m.end(), "Policy", m.group(), "Policy", rule)



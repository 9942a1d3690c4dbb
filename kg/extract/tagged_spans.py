"""Shaping the CRF's spans into names: where a tagged span really opens
and ends, and which spans are two names or none.

Each function reads the sentence's text and character offsets only (no
model), so the rules of thumb they carry are tested as plain functions.

>>> split_pairs("推进成渝中线高铁与西部陆海新通道建设", [(2, 16, "Project")])
[(2, 8, 'Project'), (9, 16, 'Project')]
"""

from __future__ import annotations

import re
from typing import Callable

from kg.extract.recognizers.grammar import COUNT_OF_THINGS, object_start, past_newly
from kg.extract.recognizers.phrases import CONJUNCTIONS, clause_verb_in, conjunction_start, head_at, looks_proper
from kg.knowledge.rules import words

# a figure a span ends with: a number and its unit (223万吨, 20颗)
FIGURE_END = re.compile(r"[\d.]+[万亿千百]?(?:[吨颗个座条]|公里|千米|亿元|万元)$")
NUMERAL = re.compile(r"[\d一二三四五六七八九十]")
# a grade written with figures or letters (4F级, 30万吨级)
GRADE = re.compile(r"[\dA-Z.]+[万千百]?[A-Z吨]*级")
# what ends a clause: no name runs across it
CLAUSE_MARKS = "，。；！？"


def shape(text: str, i: int, j: int, is_start: Callable[[int], bool]) -> tuple[int, int]:
    """A tagged span made a name's: past an attributive 的 phrase, a verb
    the name is the object of, 新 with its verb and a count or grade it
    opens with, opening at a quote it closes and ending past a mark it opens.

    >>> text = "建成“一环八射”高速公路网"
    >>> shape(text, 3, 13, lambda k: True)
    (2, 13)
    """
    i = object_start(text, after_attribute(text, i, j), j, is_start)
    i = opening_quote(text, past_count(text, past_newly(text, i, j), j, is_start), j)
    return i, balanced_end(text, i, j)


def past_count(text: str, i: int, j: int, is_start: Callable[[int], bool]) -> int:
    """Where a name begins after a count or a grade its span opens with
    (3家|省级制造业创新中心, 4F级|盛乐国际机场), when a name is left that
    begins at a word; a rank (三大…) is part of a name.

    >>> [past_count(t, 0, len(t), lambda k: True) for t in ("4F级盛乐国际机场", "3家省级创新中心", "三大文化片区", "三个一号公路")]
    [3, 2, 0, 0]
    """
    lead = COUNT_OF_THINGS.match(text, i, j) or GRADE.match(text, i, j)
    past = lead.end() if lead else i
    numbered = NUMERAL.match(text, past)  # 三个|一号旅游公路: a count of numbered things is part of their name
    return past if lead and j - past >= 3 and is_start(past) and not numbered else i


def after_attribute(text: str, i: int, j: int) -> int:
    """Where a name begins after an attributive clause the span holds: a
    name ends a 的 phrase rather than holding one (连接…祁元村的|便民公路)."""
    k = text.rfind("的", i, j)
    return k + 1 if k >= 0 else i


def split_pairs(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Tagged spans with two names joined by 和, 与 or 及 split in two,
    where what comes before the conjunction ends with a head as the span
    does and what comes after has a name of its own (西部陆海新通道与中欧班列,
    not 水库及配套灌溉工程). 以及 joins two items, not a thing and its
    parts: what comes before it is a name, what comes after one only if it
    has a name of its own (…电厂三期以及在建抽水蓄能电站).

    >>> split_pairs("建成岷江水库及配套灌溉工程", [(2, 13, "Project")])
    [(2, 13, 'Project')]
    >>> split_pairs("推进宜宾电厂三期以及在建抽水蓄能电站", [(2, 18, "Project")])
    [(2, 8, 'Project')]
    """
    out = []
    for i, j, kind in found:
        end = head_at(text, j)
        for k in range(i + 2, j - 2):
            if end is None or text[k] not in CONJUNCTIONS:
                continue
            cut = conjunction_start(text, k)
            h = head_at(text, cut)
            if h is None or not (h.type == kind == end.type):
                continue
            proper = looks_proper(text[k + 1 : j - len(end.word)])
            if proper or cut < k:
                out += [(i, cut, kind)] + ([(k + 1, j, kind)] if proper else [])
                break
        else:
            out.append((i, j, kind))
    return out


def opening_quote(text: str, i: int, j: int) -> int:
    """Where a tagged span begins that holds a closing quote whose opening
    one stands right before it (“|四纵三横”高速公路网): at that quote."""
    span = text[i:j]
    return i - 1 if i and text[i - 1] == "“" and span.count("”") > span.count("“") else i


PAIRS = {"“": "”", "（": "）", "(": ")"}


def balanced_end(text: str, i: int, j: int) -> int:
    """Where a name ends that opens a quote or bracket it does not close,
    when the closing mark stands right after it (渝黔桂“氢走廊|”, 零工市场
    （驿站|）): past that mark; else ``j``."""
    span = text[i:j]
    for left, right in PAIRS.items():
        if span.count(left) > span.count(right) and text.startswith(right, j):
            return j + 1
    return j


def in_title(text: str, i: int, j: int) -> bool:
    """Whether text[i:j] lies inside a book title 《…》: a film's, a book's
    or a play's name, which the annotation leaves optional or out, never a
    construction's (电影《长空之王》)."""
    opened = text.rfind("《", 0, i + 1)
    return opened >= 0 and text.rfind("》", opened, i) < 0 and text.find("》", j - 1) >= 0 and "《" not in text[i:j]


def runs_on(span: str) -> bool:
    """Whether a tagged span ran on past a name: across a clause's end
    (…机场前期，试点建设…) or into a figure and its unit (猪牛羊禽肉223万吨).

    >>> runs_on("猪牛羊禽肉223万吨"), runs_on("机场前期，试点建设通感一体基站"), runs_on("轨道15号线")
    (True, True, False)
    """
    return bool(FIGURE_END.search(span)) or any(mark in span for mark in CLAUSE_MARKS)


def holds_clause(span: str) -> bool:
    """Whether a verb of a clause stands in a tagged span (…卫星增至20颗):
    the CRF ran on past a name's end."""
    return clause_verb_in(span, words("clause_verbs"))

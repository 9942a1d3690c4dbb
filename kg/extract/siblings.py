"""Items of an enumeration that name things of one kind: given the names
found in a sentence, the other items of the 、 lists they stand in that end
as they do (滨江线、临平线、萧山线).

>>> text = "加快建设滨江线、临平线、萧山线、5号线东延伸等轨道交通线。"
>>> [text[i:j] for i, j in list_siblings(text, [(8, 11)])]
['萧山线', '滨江线']
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from kg.extract.recognizers.grammar import verbs_of
from kg.extract.recognizers.phrases import head_at
from kg.extract.segment import cut

ITEM_STOPS = set("、，。；：！？（）“”《》 等和及与")
SIBLING = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·\-]{2,16}")


def list_siblings(text: str, named: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The items of a 、 list beside a tagged name that end as it does
    (滨江线、临平线、萧山线): an enumeration lists things of one kind.
    An item that ends with a designation (…示范基地) names no project."""
    named = list(named)
    have = set(named)
    if not have or "、" not in text:
        return []
    out = []
    for i, j in named:
        for s, e in [*_items_after(text, j), *_items_before(text, i)]:
            if SIBLING.fullmatch(text, s, e) and text[e - 1] == text[j - 1] and (s, e) not in have and not _designation_at(text, e):
                out.append((s, e))
                have.add((s, e))
    return out


def _items_after(text: str, j: int) -> Iterator[tuple[int, int]]:
    """The items that follow a list's item ending at ``j``, left to right,
    each past the verb it may open with."""
    while text[j : j + 1] == "、":
        e = j + 1
        while e < len(text) and text[e] not in ITEM_STOPS:
            e += 1
        yield _past_verbs(text, j + 1, e), e
        j = e


def _items_before(text: str, i: int) -> Iterator[tuple[int, int]]:
    """The items that precede a list's item beginning at ``i``, right to
    left, each past the verb it may open with (the list's first item past
    the verb of its clause: the list ends there)."""
    while i > 0 and text[i - 1] == "、":
        s = i - 1
        while s > 0 and text[s - 1] not in ITEM_STOPS:
            s -= 1
        s = _past_verbs(text, s, i - 1)
        yield s, i - 1
        i = s


def _designation_at(text: str, end: int) -> bool:
    """Whether a head that names no project (…示范基地) ends at ``end``."""
    head = head_at(text, end)
    return head is not None and head.type == "None"


def _past_verbs(text: str, i: int, j: int) -> int:
    """Where a list's item begins: past the last verb of its clause that
    takes a name as its object (力争开工|洛宁高铁, 做强|环湖绿道), where a word
    begins."""
    starts, at = set(), i
    for token in cut(text[i:j]):
        starts.add(at)
        at += len(token)
    last = i
    for m in verbs_of(OBJECT_VERBS).finditer(text, i, j - 2):
        if m.start() in starts:
            last = m.end()
    return last


OBJECT_VERBS = ("project_verbs", "policy_verbs", "org_verbs")

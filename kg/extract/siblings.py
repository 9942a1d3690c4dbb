"""Items of an enumeration that name things of one kind: given the names
found in a sentence, the other items of the 、 lists they stand in that end
as they do (滨江线、临平线、萧山线).

>>> text = "加快建设滨江线、临平线、萧山线、5号线东延伸等轨道交通线。"
>>> [text[i:j] for i, j in list_siblings(text, [(8, 11)])]
['萧山线', '滨江线']
"""

from __future__ import annotations

import re
from typing import Iterable

from kg.extract.recognizers.phrases import head_at
from kg.extract.segment import cut
from kg.knowledge.base import per_knowledge
from kg.knowledge.rules import words

ITEM_STOPS = set("、，。；：！？（）“”《》 等和及与")
SIBLING = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·\-]{2,16}")


def list_siblings(text: str, named: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The items of a 、 list beside a tagged name that end as it does
    (滨江线、临平线、萧山线): an enumeration lists things of one kind.
    An item that ends with a designation (…示范基地) names no project."""
    have = set(named)
    if not have or "、" not in text:
        return []
    out = []
    for i, j in named:
        last = text[j - 1]
        k = j
        while text[k : k + 1] == "、":
            e = k + 1
            while e < len(text) and text[e] not in ITEM_STOPS:
                e += 1
            b = _past_verbs(text, k + 1, e)
            if SIBLING.fullmatch(text, b, e) and text[e - 1] == last and (b, e) not in have and not _designation_at(text, e):
                out.append((b, e))
                have.add((b, e))
            k = e
        k = i
        while k > 0 and text[k - 1] == "、":
            s = k - 1
            while s > 0 and text[s - 1] not in ITEM_STOPS:
                s -= 1
            s = _past_verbs(text, s, k - 1)
            if SIBLING.fullmatch(text, s, k - 1) and text[k - 2] == last and (s, k - 1) not in have and not _designation_at(text, k - 1):
                out.append((s, k - 1))
                have.add((s, k - 1))
            k = s
    return out


def _designation_at(text: str, end: int) -> bool:
    """Whether a head that names no project (…示范基地) ends at ``end``."""
    head = head_at(text, end)
    return head is not None and head.type == "None"


def _past_verbs(text: str, i: int, j: int) -> int:
    """Where a list's first item begins: past the last verb of its clause
    that takes a name as its object (力争开工|洛宁高铁, 做强|环湖绿道)."""
    starts, at = set(), i
    for token in cut(text[i:j]):
        starts.add(at)
        at += len(token)
    last = i
    for m in _any_verb().finditer(text, i, j - 2):
        if m.start() in starts:
            last = m.end()
    return last


@per_knowledge
def _any_verb() -> re.Pattern:
    """Any verb of data/rules/project_verbs, policy_verbs and org_verbs."""
    found = sorted({w for n in ("project_verbs", "policy_verbs", "org_verbs") for w in words(n)}, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, found)))

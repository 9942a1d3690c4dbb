"""Settling: of the candidate mentions the recognizers proposed, which stand.

Every candidate carries the component that proposed it and that
component's rank (its place in the pipeline: earlier wins a tie). Settling
keeps the best of overlapping candidates and, unlike a filter, says why
each other one lost (:class:`Rejection`), so ``kg explain`` can answer why
a name was not extracted.

Reads: ``candidates``. Writes: ``mentions``, ``rejected``.

>>> from kg.model import Mention
>>> long = Mention(0, 6, "衡阳市人民政府", "Organization", "衡阳市人民政府")
>>> short = Mention(0, 3, "衡阳市", "Place", "衡阳市")
>>> policy = Mention(2, 5, "市人民", "Policy", "市人民")
>>> result = settle([Candidate(long, "bodies", 1), Candidate(short, "places", 2), Candidate(policy, "phrases", 3)])
>>> [m.name for m in result.mentions]
['衡阳市', '衡阳市人民政府']
>>> [(r.candidate.mention.name, r.reason) for r in result.rejected]
[('市人民', 'inside 衡阳市人民政府 (bodies), and a Policy does not nest')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from kg.model import Mention

NESTABLE = frozenset({"Place", "Organization", "Regulation", "Project"})


@dataclass(frozen=True)
class Candidate:
    """A mention as one component proposed it; ``rank`` is the component's
    place in the pipeline (lower wins an overlap of equal length)."""

    mention: Mention
    component: str
    rank: int


@dataclass(frozen=True)
class Rejection:
    """A candidate that lost, why, and the kept candidate it lost to."""

    candidate: Candidate
    reason: str
    winner: Optional[Candidate] = None


@dataclass(frozen=True)
class Settled:
    """The kept mentions in text order, the kept candidates, and the rest with their reasons."""

    mentions: tuple[Mention, ...]
    kept: tuple[Candidate, ...]
    rejected: tuple[Rejection, ...]


RESTORED = frozenset({"place.zone-listed"})
"""Rules whose mention names, with a list's shared words restored, a
second thing at the span of what its own words name (rule 5 below).
Keying every mention on its name too would keep 国务院 beside
中华人民共和国国务院 where two recognizers read one body."""


def settle(found: Iterable[Candidate], length: Optional[Callable[[Mention], int]] = None) -> Settled:
    """Keep the best of overlapping candidates.

    The policy, in order:

    1. Longer mentions are considered first; among equally long ones, the
       component of lower rank, then the earlier one.
    2. A mention that overlaps no kept mention is kept.
    3. A mention lying wholly inside kept mentions is kept as a *nested*
       mention when its type can nest (a place, body, regulation or
       project inside a longer name: 衡阳县 in 衡阳县第六中学) and it is
       not a deictic place (我市); a regulation nests only when its
       recognizer marked it ``nested`` (〈〉 inside 《》) or it is a national
       law (民营经济促进法 in 自治区实施民营经济促进法办法), and so does a
       project inside a project (750千伏河西走廊 in
       750千伏河西走廊北通道工程: one name, read two ways). Nesting must be
       proper: a nested mention may not straddle another nested one.
    4. Anything else that overlaps a kept mention is dropped: two mentions
       never cross.
    5. The same span with the same type is kept once; an item of an
       elliptical list of zones names two things (绵阳 in 绵阳、德阳经济开发区:
       the city, and with the suffix restored, the zone), and stands beside
       the place its words name.

    Lengths are counted by ``length`` (default: the span in the document).
    """
    size = length or (lambda m: m.end - m.start)
    ordered = sorted(found, key=lambda c: (-size(c.mention), c.rank, c.mention.start))
    top: list[Candidate] = []
    top_starts: list[int] = []  # the kept mentions never overlap: sorted by start, they are by end too
    nested: list[Candidate] = []
    seen: dict[tuple[int, int, str], Candidate] = {}
    rejected: list[Rejection] = []
    for c in ordered:
        m = c.mention
        key = (m.start, m.end, m.type, m.name if m.rule in RESTORED else "")
        if key in seen:
            rejected.append(Rejection(c, "the same span and type was kept already", seen[key]))
            continue
        # the kept mentions that overlap m: from the last starting before m.start on, while they start before m.end
        k = max(bisect_right(top_starts, m.start) - 1, 0)
        overlapping = []
        while k < len(top) and top[k].mention.start < m.end:
            if m.start < top[k].mention.end:
                overlapping.append(top[k])
            k += 1
        if not overlapping:
            k = bisect_right(top_starts, m.start)
            top.insert(k, c)
            top_starts.insert(k, m.start)
            seen[key] = c
            continue
        reason = _why_not_nested(c, overlapping, nested)
        if reason:
            rejected.append(Rejection(c, reason, overlapping[0]))
            continue
        nested.append(c)
        seen[key] = c
    kept = sorted(top + nested, key=lambda c: (c.mention.start, c.mention.end))
    return Settled(tuple(c.mention for c in kept), tuple(kept), tuple(rejected))


def _why_not_nested(c: Candidate, overlapping: list[Candidate], nested: list[Candidate]) -> str:
    """'' when ``c`` may stand nested inside the kept ``overlapping``, else why not."""
    m = c.mention
    first = overlapping[0]
    described = f"{first.mention.text} ({first.component})"
    if not all(t.mention.start <= m.start and m.end <= t.mention.end for t in overlapping):
        return f"crosses {described}, kept first as longer or of an earlier component"
    if m.type not in NESTABLE:
        return f"inside {described}, and a {m.type} does not nest"
    if m.rule == "place.deictic":
        return f"inside {described}, and a deictic place (我市) does not nest"
    for n in nested:
        o = n.mention
        if o.start < m.end and m.start < o.end and not (o.start <= m.start and m.end <= o.end):
            return f"would cross the nested {o.text} ({n.component})"
    if m.note != "nested" and m.type == "Regulation" and m.subclass != "Law":
        return f"inside {described}, and only a national law or a marked name nests as a regulation"
    if m.note != "nested" and m.type == "Project" and any(t.mention.type == "Project" for t in overlapping):
        return f"inside the project {described}, and a project nests in a project only where marked"
    return ""


def sentence_length(offsets: tuple[int, ...]) -> Callable[[Mention], int]:
    """A mention's length in its sentence's characters: a line break a PDF
    copy put inside a name does not count."""

    def length(m: Mention) -> int:
        return bisect_left(offsets, m.end) - bisect_left(offsets, m.start)

    return length

"""What every recognizer shares: the context it reads, the registry it is
listed in, and the policy that settles overlapping mentions.

A recognizer reads one sentence (its normalized text, its segmentation and
the report's locality) and yields :class:`~kg.model.Mention` objects whose
offsets point into the original text. Each is registered under a name with
a priority and the entity types it yields, and each mention records the id
of the rule that made it (``Mention.rule``), so a build can count what
every rule found.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional

from kg.extract.locality import Locality
from kg.extract.segment import Segmentation
from kg.model import Document, Mention, Sentence, Token

HAN = "\u4e00-\u9fff"
LOCAL_PREFIX = re.compile("^(全市|全省|全区|全县|全州|我省|我市|我县|我区|本省|本市|本县|省|市|县)(?!委|政府|人大|政协|长|级)")
CN_NUM = "一二三四五六七八九十百零〇两"


@dataclass
class Context:
    """What a recognizer may consult besides the sentence itself."""

    document: Document
    locality: Locality
    sentence: Sentence
    seg: Segmentation

    def mention(self, i: int, j: int, type_: str, name: str, subclass: str = "", rule: str = "", **kw) -> Mention:
        start, end = self.sentence.span(i, j)
        return Mention(
            start=start,
            end=end,
            text=self.document.text[start:end],
            type=type_,
            name=name,
            subclass=subclass,
            sentence=self.sentence.index,
            rule=rule,
            **kw,
        )

    def local_name(self, name: str, spell_out_whole: bool = False) -> tuple[str, str]:
        """(name, scope) of a thing named after the report's own place.

        An abbreviated place (省旅发大会, 全市国土空间总体规划 …) is spelt
        out where the locality says which (湖南省旅发大会); a name that
        keeps 全市 or 全省 (全市优化营商环境推进会) belongs to its place and
        year, which its scope says; a document's 全市 is spelt out too
        (``spell_out_whole``: 全市国土空间总体规划 → 重庆市国土空间总体规划).
        """
        loc = self.locality
        m = LOCAL_PREFIX.match(name)
        if not m:
            return name, ""
        prefix = m.group(1)
        if prefix in ("全市", "全省", "全区", "全县", "全州") and not (spell_out_whole and loc.expand(prefix[-1])):
            year = self.document.year or ""
            scope = f"{loc.code or 'doc/' + self.document.sha256[:16]}/{year}".rstrip("/")
            return name, scope
        place = loc.expand(prefix[-1])
        return (place + name[len(prefix) :], "") if place else (name, "")

    def at_boundary(self, i: int, j: int) -> bool:
        return self.seg.is_start(i) and self.seg.is_end(j)

    @property
    def tokens(self) -> list[Token]:
        return self.seg.tokens


class Guarded:
    """A pattern with literals of which every match holds one: a sentence
    holding none of them is not searched at all, which spares most
    sentences the patterns that open with a run of any Chinese characters.

    >>> Guarded(r"[\u4e00-\u9fff]{2,8}?大会", ("大会",)).finditer("召开全市大会").__next__().group()
    '召开全市大会'
    """

    __slots__ = ("pattern", "literals")

    def __init__(self, pattern: str, literals: Iterable[str]):
        self.pattern = re.compile(pattern)
        self.literals = tuple(literals)

    def finditer(self, text: str) -> Iterator[re.Match]:
        for literal in self.literals:
            if literal in text:
                return self.pattern.finditer(text)
        return iter(())


@dataclass(frozen=True)
class Recognizer:
    """A registered recognizer: its name, its priority (lower wins an
    overlap of equal length), the types it yields, and the function."""

    name: str
    priority: int
    yields: tuple[str, ...]
    run: Callable[[Context], Iterable[Mention]]


REGISTRY: list[Recognizer] = []


def recognizer(name: str, priority: int, yields: Iterable[str]):
    """Register a recognizer under ``name``.

    >>> [r.name for r in REGISTRY][:3]
    ['book-titles', 'reports', 'meetings']
    """

    def wrap(fn: Callable[[Context], Iterable[Mention]]):
        if any(r.name == name for r in REGISTRY):
            raise ValueError(f"a recognizer named {name} is already registered")
        REGISTRY.append(Recognizer(name, priority, tuple(yields), fn))
        REGISTRY.sort(key=lambda r: (r.priority, r.name))
        return fn

    return wrap


def sentence_mentions(ctx: Context) -> list[Mention]:
    """All recognizers on one sentence, overlaps settled."""
    found: list[tuple[int, Mention]] = []
    for rec in REGISTRY:
        for mention in rec.run(ctx):
            if mention.end > mention.start:
                found.append((rec.priority, mention))
    offsets = ctx.sentence.offsets

    def length(m: Mention) -> int:
        # in the sentence's characters: a line break a PDF copy put inside a name does not count
        return bisect_left(offsets, m.end) - bisect_left(offsets, m.start)

    return settle(found, length)


NESTABLE = {"Place", "Organization", "Regulation", "Project"}


def settle(found: list[tuple[int, Mention]], length: Optional[Callable[[Mention], int]] = None) -> list[Mention]:
    """Keep the best of overlapping mentions.

    The policy, in order:

    1. Longer mentions are considered first; among equally long ones, the
       recognizer of lower priority number, then the earlier one.
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
    5. The same span with the same type is kept once.

    Lengths are counted by ``length`` (default: the span in the document).
    """
    size = length or (lambda m: m.end - m.start)
    found.sort(key=lambda pm: (-size(pm[1]), pm[0], pm[1].start))
    top: list[Mention] = []
    top_starts: list[int] = []  # the kept mentions never overlap: sorted by start, they are by end too
    nested: list[Mention] = []
    seen = set()
    for _, m in found:
        key = (m.start, m.end, m.type)
        if key in seen:
            continue
        # the kept mentions that overlap m: from the last starting before m.start on, while they start before m.end
        k = max(bisect_right(top_starts, m.start) - 1, 0)
        overlapping = []
        while k < len(top) and top[k].start < m.end:
            if m.start < top[k].end:
                overlapping.append(top[k])
            k += 1
        if not overlapping:
            k = bisect_right(top_starts, m.start)
            top.insert(k, m)
            top_starts.insert(k, m.start)
            seen.add(key)
            continue
        inside = all(t.start <= m.start and m.end <= t.end for t in overlapping)
        if inside and m.type in NESTABLE and m.rule != "place.deictic":
            if any(n.start < m.end and m.start < n.end and not (n.start <= m.start and m.end <= n.end) for n in nested):
                continue
            if m.note != "nested" and m.type == "Regulation" and m.subclass != "Law":
                continue
            if m.note != "nested" and m.type == "Project" and any(t.type == "Project" for t in overlapping):
                continue
            nested.append(m)
            seen.add(key)
    return sorted(top + nested, key=lambda m: (m.start, m.end))


def find_mentions(doc: Document, locality: Optional[Locality] = None) -> list[Mention]:
    """Every mention in the document, in text order."""
    from kg.extract.locality import document_locality

    loc = locality or document_locality(doc)
    out: list[Mention] = []
    for sentence in doc.sentences:
        ctx = Context(doc, loc, sentence, Segmentation(sentence.text))
        out.extend(sentence_mentions(ctx))
    return out

"""What every recognizer shares: the context it reads and the decorator that
makes it a pipeline component.

A recognizer reads one sentence (its normalized text, its segmentation and
the report's locality) and yields :class:`~kg.model.Mention` objects whose
offsets point into the original text. Each is registered under a name
with the entity types it yields (its rank is its place in the pipeline's
configuration), and each mention records the id
of the rule that made it (``Mention.rule``), so a build can count what
every rule found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from kg.extract.components import factory
from kg.extract.locality import Locality
from kg.extract.segment import Segmentation
from kg.extract.settle import Candidate
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


def recognizer(name: str, yields: Iterable[str]):
    """Register a recognizer as the pipeline component ``recognize.NAME``:
    it reads each sentence's :class:`Context` and proposes candidates of the
    ``yields`` types, ranked by the component's place in the pipeline.

    >>> from kg.extract.components import FACTORIES
    >>> FACTORIES["recognize.places"].writes
    ('candidates',)
    """
    types = tuple(yields)

    def wrap(run: Callable[[Context], Iterable[Mention]]):
        def make(knowledge, rank: int = 0):
            component = f"recognize.{name}"

            def step(contexts, candidates):
                found = [
                    Candidate(m, component, rank) for ctx in contexts for m in run(ctx) if m.end > m.start
                ]
                return {"candidates": candidates + tuple(found)}

            return step

        make.__doc__ = (run.__doc__ or "").strip().split("\n")[0] + f" ({', '.join(types)})"
        factory(f"recognize.{name}", reads=("contexts", "candidates"), writes=("candidates",))(make)
        return run

    return wrap

"""Plain, frozen data passed between pipeline stages.

Every span carries character offsets into :attr:`Document.text`, the decoded
original text, so ``doc.text[m.start:m.end] == m.text`` always holds.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Optional

ENTITY_TYPES = (
    "Organization",
    "Place",
    "Regulation",
    "Project",
    "Person",
    "Meeting",
    "Policy",
    "Report",
)
CORE_TYPES = ENTITY_TYPES[:5]

PREDICATES = (
    "locatedIn",
    "partOf",
    "enacted",
    "drafts",
    "inspects",
    "reviews",
    "holdsPosition",
    "memberOf",
    "deliveredBy",
    "presentedAt",
    "issuedBy",
    "connects",
)


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text`` is ``document.text[start:end]``.

    ``section`` is the heading of the part it stands in, ``year`` and
    ``modality`` ("achievement" or "plan") what that part is about.
    """

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    section: str = ""
    year: Optional[int] = None
    modality: str = ""
    offsets: tuple[int, ...] = field(default=(), repr=False, compare=False)
    """Original offset of each character of the normalized ``text``."""

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalized slice ``text[i:j]``."""
        if not self.offsets:
            return self.start + i, self.start + j
        return self.offsets[i], self.offsets[j - 1] + 1

    def local(self, start: int, end: int) -> tuple[int, int]:
        """The normalized slice ``(i, j)`` of ``text`` that original offsets
        ``[start, end)`` hold: :meth:`span` the other way."""
        if not self.offsets:
            return start - self.start, end - self.start
        i = bisect_left(self.offsets, start)
        return i, (bisect_left(self.offsets, end - 1) + 1 if end > start else i)


@dataclass(frozen=True)
class Document:
    """A decoded report with its metadata and sentences."""

    name: str
    text: str
    sha256: str
    encoding: str
    title: str = ""
    date: str = ""
    meeting: str = ""
    speaker: str = ""
    post: str = ""
    """The speaker's post as the byline gives it (北京市市长)."""
    titles: tuple[str, ...] = ()
    """The header paragraphs that name the report, as normalized."""
    year: Optional[int] = None
    """The year the report was delivered, where the header says."""
    sentences: tuple[Sentence, ...] = ()
    locality: str = ""
    """Code of the division the report is about (e.g. 430400), or ''."""
    kind: str = ""
    """'congress' for a standing committee report, 'government' for a
    government work report, '' when unknown."""


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A surface form of a thing in a sentence.

    ``name`` is the canonical name the recognizer derived (the fullest form,
    abbreviations expanded), ``text`` the characters as written.
    """

    start: int
    end: int
    text: str
    type: str
    name: str
    subclass: str = ""
    sentence: int = -1
    rule: str = ""
    code: str = ""
    """Administrative division code for places."""
    parent: str = ""
    """Canonical name of the containing place, where the name spells it out."""
    note: str = ""
    scope: str = ""
    """What tells this thing from another of the same name in another
    report (a year, a division code): part of its IRI."""


@dataclass(frozen=True)
class Entity:
    """One thing in one document: a canonical name and every alias."""

    iri: str
    type: str
    subclass: str
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    code: str = ""
    note: str = ""
    scope: str = ""


@dataclass(frozen=True)
class Relation:
    """A stated relation between two entities, with its evidence sentence."""

    subject: str
    predicate: str
    object: str
    sentence: int
    rule: str
    role: str = ""
    year: Optional[int] = None
    modality: str = ""


@dataclass(frozen=True)
class Figure:
    """A count the report states about its body's work (出台地方性法规4部)."""

    what: str
    value: str
    unit: str
    sentence: int
    start: int
    end: int
    year: Optional[int] = None


@dataclass(frozen=True)
class Extraction:
    """Everything one document yields."""

    document: Document
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    figures: tuple[Figure, ...] = ()
    flags: tuple[str, ...] = field(default=())

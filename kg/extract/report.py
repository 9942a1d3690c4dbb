"""One report as a notebook sees it: entities with the offsets of every
mention in the text passed in, relations with their evidence sentence.
``kg.extract(text, name=...)`` and ``kg.extract_file(path)`` (see
:mod:`kg.library`) give a :class:`Report`.

>>> report = extract("制定《衡阳市文明行为促进条例》。")
>>> [(e.type, e.name, [(m.start, m.end) for m in e.mentions]) for e in report.entities]
[('Place', '衡阳市', [(3, 6)]), ('Regulation', '衡阳市文明行为促进条例', [(2, 15)])]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError


@dataclass(frozen=True)
class Mention:
    """Where an entity is written: ``text == report_text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A thing the report names: its type (one of the eight), canonical
    name, schema class, IRI, other names, and every mention."""

    type: str
    name: str
    subclass: str
    iri: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Relation:
    """A relation the report states: subject and object by canonical name
    (their IRIs beside), and the sentence it came from."""

    subject: str
    predicate: str
    object: str
    evidence: str
    evidence_start: int
    evidence_end: int
    subject_iri: str
    object_iri: str
    rule: str


@dataclass(frozen=True)
class Report:
    """One report as extracted."""

    name: str
    title: str
    text: str
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]


def extract(text: str, name: str = "report.txt") -> Report:
    """Extract one report from its text (already decoded; ``name`` names
    the document, as a file name would)."""
    from kg.extract.pipeline import extract as run
    from kg.ingest import document_from_text

    if not isinstance(text, str):
        raise InputError("kg.extract takes the report's text as a str", "decode bytes first, or use kg.extract_file(path)")
    return _report(run(document_from_text(name, text)))


def extract_file(path: str | Path) -> Report:
    """Extract one report file (UTF-8, GB18030, UTF-16 ... as ``kg build`` reads it)."""
    from kg.extract.pipeline import extract_file as run

    return _report(run(path))


def _report(ex) -> Report:
    doc = ex.document
    names = {e.iri: e.name for e in ex.entities}
    entities = tuple(
        Entity(e.type, e.name, e.subclass, e.iri, e.aliases, tuple(Mention(m.start, m.end, m.text) for m in e.mentions))
        for e in ex.entities
    )
    relations = []
    for r in ex.relations:
        s = doc.sentences[r.sentence]
        relations.append(
            Relation(names.get(r.subject, r.subject), r.predicate, names.get(r.object, r.object),
                     doc.text[s.start:s.end], s.start, s.end, r.subject, r.object, r.rule)
        )
    return Report(doc.name, doc.title, doc.text, entities, tuple(relations))

"""The extraction pipeline: one document in, one :class:`Extraction` out.

Each stage is its own module and declares what it reads and writes:

=========  ======================  ===========================
stage      reads                   writes
=========  ======================  ===========================
ingest     file bytes              Document, Sentence
segment    Sentence.text           Token
entities   Document, Token         Mention
resolve    Mention                 Entity
relations  Document, Entity        Relation
figures    Document                Figure
rdf        Extraction              rdflib Dataset
outputs    Dataset                 files (Turtle, TriG, HTML)
=========  ======================  ===========================

>>> from kg.ingest import document_from_text
>>> ex = extract(document_from_text("r.txt", "衡阳市人民代表大会常务委员会工作报告\\n开展残疾人保障法执法检查。"))
>>> sorted((e.type, e.name) for e in ex.entities)[:2]
[('Organization', '衡阳市人民代表大会常务委员会'), ('Place', '衡阳市')]
"""

from __future__ import annotations

from pathlib import Path

from kg.extract.recognizers import find_mentions
from kg.extract.figures import find_figures
from kg.ingest import load_document
from kg.extract.locality import document_locality
from kg.model import Document, Extraction
from kg.extract.relations import find_relations, with_reporting_body
from kg.extract.resolve import resolve


def extract(doc: Document) -> Extraction:
    locality = document_locality(doc)
    mentions = find_mentions(doc, locality)
    entities = with_reporting_body(doc, locality, resolve(mentions))
    relations = find_relations(doc, entities, locality)
    flags = tuple(
        f"{e.name}: {e.note}" for e in entities if e.note.startswith("likely")
    )
    figures = find_figures(doc)
    return Extraction(
        document=doc, entities=tuple(entities), relations=tuple(relations), figures=tuple(figures), flags=flags
    )


def extract_file(path: str | Path) -> Extraction:
    return extract(load_document(Path(path)))

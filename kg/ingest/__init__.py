"""Ingest: bytes on disk to a :class:`~kg.model.Document` with sentences.

Reads a file or a folder, detects the encoding, drops web-page chrome and
newspaper artifacts, joins broken lines, normalizes punctuation and splits
paragraphs into sentences, all without losing the way back to the
characters of the decoded original text.

Reads: paths. Writes: ``Document`` (text, metadata, sentences).

>>> doc = document_from_text("r.txt", "下载\\n打印\\n某市政府工作报告\\n我们制定《某条例》。\\n")
>>> [s.text for s in doc.sentences]
['某市政府工作报告', '我们制定《某条例》。']
>>> s = doc.sentences[1]
>>> doc.text[s.start:s.end]
'我们制定《某条例》。'
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from kg.errors import InputError
from kg.ingest.decode import decode
from kg.ingest.files import MAX_REPORT_BYTES, REPORT_SUFFIXES, Source, find_reports, read_source
from kg.ingest.header import HEAD_PARAGRAPHS, read_header
from kg.ingest.paragraphs import _paragraphs
from kg.ingest.sections import _plan_year, body_kind, excerpt_modality
from kg.ingest.sentences import _sentences
from kg.model import Document

__all__ = [
    "MAX_REPORT_BYTES", "REPORT_SUFFIXES", "Source", "body_kind", "decode", "document_from_bytes",
    "document_from_text", "find_reports", "load_document", "read_source",
]


def load_document(path: Path) -> Document:
    """Read, decode and segment one report file."""
    source = read_source(path)
    return document_from_bytes(source.name, source.data)


def document_from_bytes(name: str, data: bytes) -> Document:
    text, encoding = decode(data, name)
    return document_from_text(name, text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())


def document_from_text(name: str, text: str, encoding: str = "utf-8", sha256: str = "") -> Document:
    if not text.strip():
        raise InputError(f"{name} is empty", "give a report with text in it")
    if not sha256:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    paragraphs = list(_paragraphs(text))
    if not paragraphs:
        raise InputError(f"{name} holds no report text (only page chrome)", "check that the file is a report")
    header = read_header([p.text for p in paragraphs[:HEAD_PARAGRAPHS]])
    if header.year is None:
        header = replace(header, year=_plan_year(paragraphs))
    sentences = tuple(_sentences(paragraphs, header))
    if not header.title and all(s.year is None for s in sentences):
        # an excerpt no heading dates: its own wording tells a plan from a review
        modality = excerpt_modality([s.text for s in sentences])
        if modality == "plan":
            sentences = tuple(replace(s, modality="plan") for s in sentences)
    return Document(
        name=name,
        text=text,
        sha256=sha256,
        encoding=encoding,
        title=header.title,
        date=header.date,
        meeting=header.meeting,
        speaker=header.speaker,
        post=header.post,
        titles=header.titles,
        year=header.year,
        sentences=sentences,
        kind=header.kind or body_kind(sentences),
    )

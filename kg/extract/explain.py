"""Why a name was or was not extracted: every candidate span that touches
it, the component and rule that proposed it, and what settling made of it.

>>> from kg.ingest import document_from_text
>>> doc = document_from_text("r.txt", "审议衡阳市人民政府工作报告。")
>>> for v in explain(doc, "衡阳市"):
...     print(v.outcome, v.candidate.mention.type, v.candidate.mention.name)
kept Report 衡阳市人民政府工作报告
kept Organization 衡阳市人民政府
kept Place 衡阳市
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from kg.extract.pipeline import Pipeline, default_pipeline
from kg.extract.settle import Candidate
from kg.extract.stages import settle_sentences
from kg.model import Document, Sentence


@dataclass(frozen=True)
class Verdict:
    """One candidate and what became of it: ``kept``, or ``lost`` with the
    reason and the candidate it lost to."""

    candidate: Candidate
    outcome: str
    sentence: Sentence
    reason: str = ""
    winner: Optional[Candidate] = None


def occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Every (start, end) of ``name`` in ``text``."""
    out, i = [], text.find(name)
    while name and i >= 0:
        out.append((i, i + len(name)))
        i = text.find(name, i + 1)
    return out


def explain(doc: Document, name: str, pipeline: Optional[Pipeline] = None) -> list[Verdict]:
    """The candidates overlapping an occurrence of ``name`` in the report's
    text, or naming it, in text order (longest first at one place)."""
    slots = (pipeline or default_pipeline()).run(doc, until="settle")
    settled = settle_sentences(doc, slots["candidates"])
    spans = occurrences(doc.text, name)

    def touches(c: Candidate) -> bool:
        m = c.mention
        return m.name == name or any(m.start < end and start < m.end for start, end in spans)

    sentences = {s.index: s for s in doc.sentences}
    verdicts = [Verdict(c, "kept", sentences[c.mention.sentence]) for c in settled.kept if touches(c)]
    verdicts += [
        Verdict(r.candidate, "lost", sentences[r.candidate.mention.sentence], r.reason, r.winner)
        for r in settled.rejected
        if touches(r.candidate)
    ]
    verdicts.sort(key=lambda v: (v.candidate.mention.start, -v.candidate.mention.end, v.outcome != "kept", v.candidate.rank))
    return verdicts

"""Whole-corpus checks on the shared development corpus (skipped where the
corpus is not beside the repository, as for a user's clone)."""

from pathlib import Path

import pytest

from kg.ingest import find_reports, load_document
from kg.pipeline import extract

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
REPORTS = sorted(find_reports([CORPUS])) if CORPUS.is_dir() else []


@pytest.mark.skipif(not REPORTS, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", REPORTS, ids=[p.name for p in REPORTS])
def test_every_span_points_at_its_characters(path):
    doc = load_document(path)
    ex = extract(doc)
    assert ex.entities, "a report names something"
    iris = {e.iri for e in ex.entities}
    for e in ex.entities:
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text
    for r in ex.relations:
        assert r.subject in iris and r.object in iris
        s = doc.sentences[r.sentence]
        assert 0 <= s.start < s.end <= len(doc.text)
    for f in ex.figures:
        assert f.value in doc.text[f.start : f.end]


def test_corpus_is_found_in_ci():
    import os

    if os.environ.get("CI"):
        assert REPORTS, "CI runs beside ../shared"

"""Whole-corpus checks on the reports the tests carry: the 26 provincial
government work reports and the 17 texts of the dev set."""

from pathlib import Path

import pytest

from kg.ingest import find_reports, load_document
from kg.extract.pipeline import extract

DATA = Path(__file__).resolve().parent / "data"
REPORTS = sorted(find_reports([DATA / "provincial", DATA / "dev"]))


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


def test_the_corpus_is_all_there():
    assert len(REPORTS) == 43

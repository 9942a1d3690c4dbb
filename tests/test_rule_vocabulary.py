"""The generalization guard: every word a rule keys on is general.

Each list in data/rules/ says where its words come from. An ``attested``
list's every word occurs in at least two of the 26 provincial government
work reports (tests/data/provincial) outside the gold texts: the parts of
those reports that the dev set's excerpts copy are cut out first, so a
word seen only in a gold sentence fails. An ``authority`` list names the
authoritative list it follows (a law, a table of divisions, the dates of
the Party's congresses) instead.
"""

import json
from functools import lru_cache
from pathlib import Path

import pytest

from kg.knowledge.rules import entries, list_names, provenance

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def reports_outside_gold() -> tuple[str, ...]:
    """The 26 reports with every annotated excerpt cut out: the tuning
    set's and the check set's (their places in excerpt_spans.json, made by
    scripts/excerpt_spans.py; offsets only, no check text in the project)."""
    spans = json.loads((DATA / "excerpt_spans.json").read_text(encoding="utf-8"))
    out = []
    for path in sorted((DATA / "provincial").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for start, end in sorted(spans.get(path.name, []), reverse=True):
            text = text[:start] + "\n" + text[end:]
        out.append(text)
    return tuple(out)


def test_the_excerpts_are_cut_out():
    reports = reports_outside_gold()
    assert len(reports) == 26
    spans = json.loads((DATA / "excerpt_spans.json").read_text(encoding="utf-8"))
    assert sum(len(s) for s in spans.values()) == 36  # 30 tuning excerpts, 6 check excerpts
    beijing = (DATA / "dev" / "beijing-2026-gov-p5k.txt").read_text(encoding="utf-8")
    assert not any(beijing[1000:1100] in r for r in reports)


def test_every_list_says_where_its_words_come_from():
    for name in list_names():
        p = provenance(name)
        assert p == "attested" or p.startswith("authority: ") and len(p) > 20, name


ATTESTED = [n for n in list_names() if provenance(n) == "attested"]


@pytest.mark.parametrize("name", ATTESTED)
def test_attested_words_occur_in_two_reports_outside_the_gold(name):
    reports = reports_outside_gold()
    rare = [w for w, _ in entries(name) if sum(w in r for r in reports) < 2]
    assert not rare, f"{name}: {rare}"


def test_the_guard_counts(capsys):
    """The figures the closing note gives: words, lists, and attestation."""
    words = sum(len(entries(n)) for n in list_names())
    attested = sum(len(entries(n)) for n in ATTESTED)
    with capsys.disabled():
        print(f"\nrule vocabulary: {words} words in {len(list_names())} lists; {attested} attested in the provincial reports")
    assert attested > 0

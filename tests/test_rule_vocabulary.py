"""The generalization guard: every word a rule keys on is general.

Each list in data/rules/ says where its words come from. An ``attested``
list's every word occurs in at least two of the 26 provincial government
work reports (tests/data/provincial) outside the gold texts: the parts of
those reports that the dev set's excerpts copy are cut out first, so a
word seen only in a gold sentence fails. An ``authority`` list names the
authoritative list it follows (a law, a table of divisions, the dates of
the Party's congresses) instead.
"""

from functools import lru_cache
from pathlib import Path

import pytest

from kg.knowledge.rules import entries, list_names, provenance

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def reports_outside_gold() -> tuple[str, ...]:
    gold_texts = [p.read_text(encoding="utf-8").strip() for p in (DATA / "dev").glob("*.txt")]
    out = []
    for path in sorted((DATA / "provincial").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for gold in gold_texts:
            k = text.find(gold[:200])
            if k >= 0:
                end = text.find(gold[-200:], k)
                text = text[:k] + "\n" + text[end + 200 :] if end >= 0 else text[:k]
        out.append(text)
    return tuple(out)


def test_the_gold_excerpts_are_cut_out():
    reports = reports_outside_gold()
    assert len(reports) == 26
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

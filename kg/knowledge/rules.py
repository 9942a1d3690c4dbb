"""Rule vocabulary: the words recognizers and relation rules key on.

Every list lives in ``data/rules/NAME.txt``, one entry per line, a tab
before an entry's payload where it has one. Its opening comment says what
the list is and where its words come from: ``# attested`` (a test checks
that each word occurs in at least two reports outside the gold texts) or
``# authority: SOURCE`` (general knowledge from an authoritative list).

>>> "省长" in words("posts")
True
>>> re.fullmatch(alternation("posts"), "副省长") is not None
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.resources import data_file, data_root


@lru_cache(maxsize=None)
def entries(name: str) -> tuple[tuple[str, str], ...]:
    """(word, payload) pairs of a list, in file order ('' where no payload)."""
    out = []
    for line in data_file(f"rules/{name}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, payload = line.partition("\t")
        out.append((word.strip(), payload.strip()))
    return tuple(out)


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    return frozenset(w for w, _ in entries(name))


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, str]:
    """word → payload; shared between callers, so never to be changed."""
    return dict(entries(name))


@lru_cache(maxsize=None)
def alternation(name: str) -> str:
    """A regex group matching any word of the list, longest first."""
    ordered = sorted({w for w, _ in entries(name)}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


def list_names() -> list[str]:
    return sorted(e.name[:-4] for e in data_root().joinpath("rules").iterdir() if e.name.endswith(".txt"))


def provenance(name: str) -> str:
    """The list's ``attested`` or ``authority: …`` line."""
    for line in data_file(f"rules/{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# attested") or line.startswith("# authority:"):
            return line[2:].strip()
    return ""

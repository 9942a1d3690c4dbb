"""Rule vocabulary: the words recognizers and relation rules key on.

Every list lives in ``data/rules/NAME.txt``, one entry per line, a tab
before an entry's payload where it has one. Its opening comment says what
the list is and where its words come from: ``# attested`` (a test checks
that each word occurs in at least two reports outside the gold texts) or
``# authority: SOURCE`` (general knowledge from an authoritative list).

>>> "省长" in words("posts")
True
>>> import re
>>> re.fullmatch(alternation("posts"), "副省长") is not None
True
"""

from __future__ import annotations

from kg.knowledge.base import active
from kg.resources import data_file, data_root


def entries(name: str) -> tuple[tuple[str, str], ...]:
    """(word, payload) pairs of a list, in file order ('' where no payload)."""
    return active().entries(name)


def words(name: str) -> frozenset[str]:
    return active().words(name)


def table(name: str) -> dict[str, str]:
    """word → payload; shared between callers, so never to be changed."""
    return active().table(name)


def alternation(name: str) -> str:
    """A regex group matching any word of the list, longest first."""
    return active().alternation(name)


def list_names() -> list[str]:
    return sorted(e.name[:-4] for e in data_root().joinpath("rules").iterdir() if e.name.endswith(".txt"))


def provenance(name: str) -> str:
    """The list's ``attested`` or ``authority: …`` line."""
    for line in data_file(f"rules/{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# attested") or line.startswith("# authority:"):
            return line[2:].strip()
    return ""

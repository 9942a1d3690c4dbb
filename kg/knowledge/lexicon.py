"""Dictionaries the recognizers consult: laws, surnames, word classes.

>>> law_full_name("野生动物保护法")
'中华人民共和国野生动物保护法'
>>> is_surname_start("白玛赤林")
True
"""

from __future__ import annotations

import re

from typing import Iterator

from kg.knowledge.base import active, per_knowledge


def _lines(name: str) -> Iterator[str]:
    for line in active().source.text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


@per_knowledge
def laws() -> dict[str, str]:
    """Every form of a national law's title mapped to its full title."""
    out: dict[str, str] = {}
    for line in _lines("dictionaries/laws.txt"):
        title, *short = line.split("\t")
        full = "中华人民共和国" + title
        out[title] = full
        out[full] = full
        for s in short:
            out[s] = full
    return out


@per_knowledge
def party_regulations() -> dict[str, str]:
    """Every form of a Party regulation's short name mapped to that name
    (data/dictionaries/party_regulations.txt: 中央八项规定)."""
    out: dict[str, str] = {}
    for line in _lines("dictionaries/party_regulations.txt"):
        name, *forms = line.split("\t")
        for form in (name, *forms):
            out[form] = name
    return out


def law_full_name(name: str) -> str:
    return laws().get(name, "")


@per_knowledge
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    single: set[str] = set()
    double: set[str] = set()
    for line in _lines("dictionaries/surnames.txt"):
        for s in line.split():
            (single if len(s) == 1 else double).add(s)
    return frozenset(single), frozenset(double)


def is_surname_start(name: str) -> bool:
    single, double = surnames()
    return name[:1] in single or any(name.startswith(d) for d in double)


class Lexicon:
    """Fixed strings to payloads, scanned longest-first.

    >>> lex = Lexicon({"国务院": 1, "国务院办公厅": 2})
    >>> list(lex.scan("经国务院办公厅批准"))
    [(1, 7, 2)]
    """

    def __init__(self, entries: dict):
        self.entries = dict(entries)
        # every key → True, every shorter beginning of one → False: a scan
        # walks a key character by character and stops where none goes on
        self.walk: dict[str, bool] = {}
        for key in self.entries:
            for k in range(1, len(key)):
                self.walk.setdefault(key[:k], False)
        for key in self.entries:
            self.walk[key] = True
        firsts = sorted({key[0] for key in self.entries if key})
        self.first = re.compile("[" + "".join(re.escape(c) for c in firsts) + "]") if firsts else None

    def scan(self, text: str):
        if self.first is None:
            return
        walk, n, after = self.walk, len(text), 0
        for m in self.first.finditer(text):
            i = m.start()
            if i < after:
                continue
            longest, k = 0, i + 1
            while k <= n:
                known = walk.get(text[i:k])
                if known is None:
                    break
                if known:
                    longest = k
                k += 1
            if longest:
                yield i, longest, self.entries[text[i:longest]]
                after = longest


@per_knowledge
def organizations() -> Lexicon:
    """Nationally known organizations: surface form → (full name, class)."""
    entries = {}
    for line in _lines("dictionaries/organizations.txt"):
        full, cls, *rest = line.split("\t")
        entries[full] = (full, cls)
        for alias in (rest[0].split(",") if rest else []):
            entries[alias.strip()] = (full, cls)
    return Lexicon(entries)

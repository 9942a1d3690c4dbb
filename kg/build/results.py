"""What a build reports: each document's part, the totals, a remote store's sync.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from kg.errors import KGError


@dataclass(frozen=True)
class DocResult:
    """One document's part of a build (kept in the cache)."""

    name: str
    path: str
    key: str
    title: str = ""
    chars: int = 0
    entities: dict = field(default_factory=dict)
    relations: int = 0
    figures: int = 0
    flags: tuple = ()
    rules: dict = field(default_factory=dict)
    """Mentions and relations found by each rule."""
    reused: bool = False
    error: str = ""


@dataclass(frozen=True)
class BuildResult:
    """What a build did: per-document results, totals, files written."""

    documents: tuple[str, ...]
    entities: dict[str, int]
    relations: int
    flags: tuple[str, ...]
    files: tuple[str, ...]
    docs: tuple[DocResult, ...] = ()
    failures: tuple[str, ...] = ()
    synced: Optional["StoreSync"] = None

    @property
    def by_rule(self) -> dict[str, int]:
        """Mentions and relations per rule id, over all documents."""
        totals: Counter = Counter()
        for d in self.docs:
            totals.update(d.rules)
        return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def extracted(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.docs if not d.reused)

    @property
    def reused(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.docs if d.reused)


@dataclass(frozen=True)
class StoreSync:
    """What a build did to a remote store: graphs sent (new or changed),
    removed (their reports gone from the build) and left as they were."""

    sent: int
    removed: int
    unchanged: int


def one_line(exc: KGError) -> str:
    return exc.message + (f" (hint: {exc.hint})" if exc.hint else "")

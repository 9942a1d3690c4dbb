"""What the rules know, held by one object a pipeline is built with.

A :class:`Knowledge` reads the rule word lists, dictionaries and gazetteer
from a :class:`DataSource`: the package's ``data/`` by default, or any
mapping of file names to texts laid over it (a test's three-line
gazetteer, a user's extra word list). Everything derived from them
(compiled patterns, lookup tables) is kept on the Knowledge that derived
it, so two pipelines with different data live side by side in one process.

The rule code deep inside a recognizer asks :func:`active` for the
knowledge of the pipeline that is running; a pipeline makes its own the
active one while it runs (:func:`using`), as :mod:`decimal` does with its
contexts. Outside any pipeline the package's data answers.

>>> tiny = Knowledge(Overlay({"rules/posts.txt": "# attested\\n县长\\n"}))
>>> with using(tiny):
...     sorted(active().words("posts"))
['县长']
>>> "省长" in active().words("posts")
True
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Callable, Iterator, Mapping, Optional, TypeVar

from kg.resources import data_root

T = TypeVar("T")


class DataSource:
    """Where the data files come from: text by relative path (``rules/posts.txt``)."""

    def text(self, relative: str) -> str:
        raise NotImplementedError

    def names(self, folder: str) -> list[str]:
        """File names in ``folder``."""
        raise NotImplementedError


class PackageData(DataSource):
    """The package's own ``data/`` (found with :mod:`importlib.resources`)."""

    def text(self, relative: str) -> str:
        return data_root().joinpath(relative).read_text(encoding="utf-8")

    def names(self, folder: str) -> list[str]:
        return sorted(e.name for e in data_root().joinpath(folder).iterdir())


class Overlay(DataSource):
    """Some files given as texts, the rest from ``under`` (the package's data)."""

    def __init__(self, files: Mapping[str, str], under: Optional[DataSource] = None):
        self.files = dict(files)
        self.under = under or PackageData()

    def text(self, relative: str) -> str:
        if relative in self.files:
            return self.files[relative]
        return self.under.text(relative)

    def names(self, folder: str) -> list[str]:
        mine = {name.rpartition("/")[2] for name in self.files if name.rpartition("/")[0] == folder}
        return sorted(mine | set(self.under.names(folder)))


class Knowledge:
    """Word lists, dictionaries and gazetteer from one source, and all that
    is derived from them, computed on first use and kept."""

    def __init__(self, source: Optional[DataSource] = None):
        self.source = source or PackageData()
        self.memo: dict = {}

    def derived(self, key, build: Callable[[], T]) -> T:
        """``build()`` once per knowledge, under ``key``."""
        try:
            return self.memo[key]
        except KeyError:
            value = self.memo[key] = build()
            return value

    # --- rule word lists: data/rules/NAME.txt -------------------------------

    def entries(self, name: str) -> tuple[tuple[str, str], ...]:
        """(word, payload) pairs of a list, in file order ('' where no payload)."""
        return self.derived(("entries", name), lambda: _entries(self.source.text(f"rules/{name}.txt")))

    def words(self, name: str) -> frozenset[str]:
        return self.derived(("words", name), lambda: frozenset(w for w, _ in self.entries(name)))

    def table(self, name: str) -> dict[str, str]:
        """word → payload; shared between callers, so never to be changed."""
        return self.derived(("table", name), lambda: dict(self.entries(name)))

    def alternation(self, name: str) -> str:
        """A regex group matching any word of the list, longest first."""

        def build() -> str:
            ordered = sorted({w for w, _ in self.entries(name)}, key=lambda w: (-len(w), w))
            return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"

        return self.derived(("alternation", name), build)


def _entries(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, payload = line.partition("\t")
        out.append((word.strip(), payload.strip()))
    return tuple(out)


_DEFAULT: list[Knowledge] = []
_ACTIVE: ContextVar[Optional[Knowledge]] = ContextVar("kg_knowledge", default=None)


def default_knowledge() -> Knowledge:
    """The package's data, loaded once per process and shared by every
    pipeline built without data of its own."""
    if not _DEFAULT:
        _DEFAULT.append(Knowledge())
    return _DEFAULT[0]


def active() -> Knowledge:
    """The knowledge of the pipeline that is running (else the package's)."""
    return _ACTIVE.get() or default_knowledge()


@contextmanager
def using(knowledge: Knowledge) -> Iterator[Knowledge]:
    """Make ``knowledge`` the active one inside the ``with`` block."""
    token = _ACTIVE.set(knowledge)
    try:
        yield knowledge
    finally:
        _ACTIVE.reset(token)


def per_knowledge(fn: Callable[..., T]) -> Callable[..., T]:
    """Memoize ``fn`` (of hashable arguments) on the active knowledge: what
    it derives from the data is computed once per knowledge, never shared
    between two."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    last: list = [None, None]  # (knowledge, value) of the last call without arguments: the hot case

    @wraps(fn)
    def wrapper(*args):
        knowledge = _ACTIVE.get() or default_knowledge()
        if not args and last[0] is knowledge:
            return last[1]
        memo = knowledge.memo
        key = (name, args)
        try:
            value = memo[key]
        except KeyError:
            value = memo[key] = fn(*args)
        if not args:
            last[0], last[1] = knowledge, value
        return value

    return wrapper

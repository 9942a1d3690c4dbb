"""Package data (ontology, dictionaries, gazetteer, sample report).

Found with :mod:`importlib.resources`, so a non-editable install works from
any folder. In the source tree ``data/`` and ``ontology/`` are mapped into
the package as ``kg.data`` and ``kg.ontology`` by ``pyproject.toml``.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Iterator, Optional

SAMPLE_REPORT = "reports/hengyang-2021.txt"


def _package(name: str, folder: str) -> Traversable:
    """An installed data package, or its folder in a source checkout (where
    ``python -m kg`` runs without an install)."""
    try:
        return resources.files(name)
    except ModuleNotFoundError:
        return resources.files("kg").joinpath("..", folder)


def data_root() -> Traversable:
    return _package("kg.data", "data")


def ontology_root() -> Traversable:
    return _package("kg.ontology", "ontology")


def data_file(relative: str) -> Traversable:
    return data_root().joinpath(relative)


def data_text(relative: str) -> str:
    return data_file(relative).read_text(encoding="utf-8")


def ontology_file(name: str) -> Traversable:
    return ontology_root().joinpath(name)


def ontology_text(name: str) -> str:
    return ontology_file(name).read_text(encoding="utf-8")


def sample_report() -> Traversable:
    return data_file(SAMPLE_REPORT)


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the pipeline's code and data: anything cached by another
    version of the extractor (a document's extraction, the word tables) is
    never reused."""
    h = hashlib.sha256()
    for root in (resources.files("kg"), data_root(), ontology_root()):
        for entry in _walk(root):
            if entry.name.endswith((".py", ".txt", ".tsv", ".ttl", ".html", ".json", ".js", ".crfsuite")) and "reports" not in str(entry):
                h.update(entry.name.encode())
                h.update(entry.read_bytes())
    return h.hexdigest()[:16]


def _walk(root) -> Iterator:
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            if entry.name not in ("__pycache__", "queries"):
                yield from _walk(entry)
        else:
            yield entry


def user_cache_dir() -> Optional[Path]:
    """Where derived data that outlives a build is kept
    (``$XDG_CACHE_HOME/govreport-kg``, else ``~/.cache/govreport-kg``);
    ``KG_CACHE_DIR`` overrides it, and ``KG_CACHE_DIR=`` (empty) turns the
    cache off. None when there is no usable folder."""
    configured = os.environ.get("KG_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govreport-kg"

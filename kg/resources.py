"""Package data (ontology, dictionaries, gazetteer, sample report).

Found with :mod:`importlib.resources`, so a non-editable install works from
any folder. In the source tree ``data/`` and ``ontology/`` are mapped into
the package as ``kg.data`` and ``kg.ontology`` by ``pyproject.toml``.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

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

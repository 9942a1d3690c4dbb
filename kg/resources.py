"""Package data (ontology, dictionaries, gazetteer, sample report).

Found with :mod:`importlib.resources`, so a non-editable install works from
any folder. In the source tree ``data/`` and ``ontology/`` are mapped into
the package as ``kg.data`` and ``kg.ontology`` by ``pyproject.toml``.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

SAMPLE_REPORT = "reports/hengyang-2021.txt"


def data_file(relative: str) -> Traversable:
    return resources.files("kg.data").joinpath(relative)


def data_text(relative: str) -> str:
    return data_file(relative).read_text(encoding="utf-8")


def ontology_file(name: str) -> Traversable:
    return resources.files("kg.ontology").joinpath(name)


def ontology_text(name: str) -> str:
    return ontology_file(name).read_text(encoding="utf-8")


def sample_report() -> Traversable:
    return data_file(SAMPLE_REPORT)

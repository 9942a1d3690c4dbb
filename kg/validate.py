"""Validate: check a graph against the project's SHACL shapes (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .errors import ValidationRunError
from .vocabulary import ontology_graph, shapes_graph


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str


def validate_graph(data: Graph) -> ValidationReport:
    try:
        import pyshacl
    except ImportError:  # pragma: no cover - pyshacl is a dependency
        raise ValidationRunError("pySHACL is not installed", "pip install pyshacl") from None
    try:
        conforms, results, text = pyshacl.validate(
            data,
            shacl_graph=shapes_graph(),
            ont_graph=ontology_graph(),
            inference="rdfs",
            abort_on_first=False,
            allow_warnings=True,
        )
    except Exception as exc:
        raise ValidationRunError(f"SHACL validation could not run: {exc}", "check the graph file") from None
    from rdflib.namespace import SH

    violations = len(list(results.subjects(predicate=SH.resultSeverity)))
    return ValidationReport(conforms=bool(conforms), violations=violations, text=str(text))


def validate_file(path: str | Path) -> ValidationReport:
    from .errors import KGError
    from .query import load_dataset

    try:
        ds = load_dataset(path)
    except KGError as exc:
        raise ValidationRunError(exc.message, exc.hint) from None
    union = Graph()
    for q in ds.quads((None, None, None, None)):
        union.add(q[:3])
    return validate_graph(union)

"""Validate: check a graph against the project's SHACL shapes (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from rdflib import RDF, Graph
from rdflib.namespace import SH

from kg.errors import ValidationRunError
from kg.graph.vocabulary import ontology_graph, shapes_graph


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
            inference="none",  # the ontology is mixed in for subclasses; RDFS inference would make every sh:class hold by range, and took 5× longer
            abort_on_first=False,
            allow_warnings=True,
        )
    except Exception as exc:
        raise ValidationRunError(f"SHACL validation could not run: {exc}", "check the graph file") from None
    violations = len(list(results.subjects(predicate=SH.resultSeverity)))
    return ValidationReport(conforms=bool(conforms), violations=violations, text=str(text))


def validate_file(path: str | Path, stage: Optional[Callable[[str], None]] = None) -> ValidationReport:
    """Validate a graph file or store folder (the union of its graphs);
    ``stage`` hears what is being done, for a display on long runs."""
    from kg.errors import KGError
    from kg.graph.graphio import load_graph

    if stage:
        stage(f"Reading {Path(path).name}")
    try:
        union = load_graph(path)
    except KGError as exc:
        raise ValidationRunError(exc.message, exc.hint) from None
    if stage:
        shapes = len(set(shapes_graph().subjects(RDF.type, SH.NodeShape)))
        stage(f"Checking {len(union):,} triples against {shapes} shapes")
    return validate_graph(union)

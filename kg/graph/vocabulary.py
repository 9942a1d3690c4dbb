"""The project ontology, loaded from package data.

>>> top_type("https://w3id.org/govreport-kg/ontology#Township")
'Place'
>>> PREDICATE_LABELS["reviews"]
'审议'
"""

from __future__ import annotations

from functools import lru_cache

from kg.graph.rdf import KGO_IRI, RDFS_IRI
from kg.model import ENTITY_TYPES, PREDICATES
from kg.resources import ontology_text

SUBCLASS_OF = RDFS_IRI + "subClassOf"
SUBPROPERTY_OF = RDFS_IRI + "subPropertyOf"
LABEL = RDFS_IRI + "label"


@lru_cache(maxsize=1)
def ontology_graph():
    """The ontology as an rdflib Graph (for pySHACL)."""
    from rdflib import Graph

    return Graph().parse(data=ontology_text("ontology.ttl"), format="turtle")


@lru_cache(maxsize=1)
def shapes_graph():
    """The SHACL shapes as an rdflib Graph."""
    from rdflib import Graph

    return Graph().parse(data=ontology_text("shapes.ttl"), format="turtle")


@lru_cache(maxsize=1)
def _ontology_triples() -> tuple[tuple[str, str, object], ...]:
    """The ontology's triples as (subject IRI, predicate IRI, object term),
    parsed by pyoxigraph: the page and the scorer need only these tables,
    not rdflib."""
    import pyoxigraph as ox

    return tuple((t.subject.value, t.predicate.value, t.object) for t in ox.parse(ontology_text("ontology.ttl").encode("utf-8"), format=ox.RdfFormat.TURTLE))


def _climb(names: tuple[str, ...], relation: str) -> dict[str, str]:
    """Each term of the ontology (IRI) mapped to the top term among
    ``names`` it reaches by ``relation``, transitively."""
    parents: dict[str, list[str]] = {}
    for s, p, o in _ontology_triples():
        if p == relation:
            parents.setdefault(s, []).append(o.value)
    tops = {KGO_IRI + n: n for n in names}
    out = dict(tops)
    for term in parents:
        seen, todo = set(), list(parents[term])
        while todo:
            up = todo.pop(0)
            if up in tops:
                out[term] = tops[up]
                break
            if up not in seen:
                seen.add(up)
                todo.extend(parents.get(up, ()))
    return out


@lru_cache(maxsize=1)
def _top_types() -> dict[str, str]:
    return _climb(ENTITY_TYPES, SUBCLASS_OF)


def top_type(cls) -> str | None:
    """The schema type a class (IRI or rdflib term) climbs to by rdfs:subClassOf, or None."""
    return _top_types().get(str(cls))


@lru_cache(maxsize=1)
def _top_predicates() -> dict[str, str]:
    return _climb(PREDICATES, SUBPROPERTY_OF)


def top_predicate(prop) -> str | None:
    return _top_predicates().get(str(prop))


def _labels() -> dict[str, str]:
    wanted = {KGO_IRI + p: p for p in PREDICATES}
    out = {}
    for s, p, o in _ontology_triples():
        if p == LABEL and s in wanted and getattr(o, "language", None) == "zh":
            out[wanted[s]] = o.value
    return out


PREDICATE_LABELS = _labels()

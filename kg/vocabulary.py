"""The project ontology, loaded from package data.

>>> top_type(KGO.Township)
'Place'
>>> PREDICATE_LABELS["reviews"]
'审议'
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import RDFS, Graph, URIRef

from .model import ENTITY_TYPES, PREDICATES
from .rdf import KGO
from .resources import ontology_text


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    return Graph().parse(data=ontology_text("ontology.ttl"), format="turtle")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(data=ontology_text("shapes.ttl"), format="turtle")


@lru_cache(maxsize=1)
def _top_types() -> dict[URIRef, str]:
    g = ontology_graph()
    tops = {KGO[t]: t for t in ENTITY_TYPES}
    out: dict[URIRef, str] = dict(tops)
    for cls in g.subjects(RDFS.subClassOf, None):
        for ancestor in g.transitive_objects(cls, RDFS.subClassOf):
            if ancestor in tops:
                out[cls] = tops[ancestor]
                break
    return out


def top_type(cls) -> str | None:
    """The schema type a class climbs to by rdfs:subClassOf, or None."""
    return _top_types().get(URIRef(str(cls)))


@lru_cache(maxsize=1)
def _top_predicates() -> dict[URIRef, str]:
    g = ontology_graph()
    tops = {KGO[p]: p for p in PREDICATES}
    out = dict(tops)
    for prop in g.subjects(RDFS.subPropertyOf, None):
        for ancestor in g.transitive_objects(prop, RDFS.subPropertyOf):
            if ancestor in tops:
                out[prop] = tops[ancestor]
                break
    return out


def top_predicate(prop) -> str | None:
    return _top_predicates().get(URIRef(str(prop)))


def _labels() -> dict[str, str]:
    g = ontology_graph()
    out = {}
    for p in PREDICATES:
        for label in g.objects(KGO[p], RDFS.label):
            if getattr(label, "language", None) == "zh":
                out[p] = str(label)
    return out


PREDICATE_LABELS = _labels()

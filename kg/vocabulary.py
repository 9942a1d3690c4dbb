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


def _climb(names: tuple[str, ...], relation: URIRef) -> dict[URIRef, str]:
    """Each term of the ontology mapped to the top term (by ``relation``,
    transitively) among ``names``."""
    g = ontology_graph()
    tops = {KGO[n]: n for n in names}
    out: dict[URIRef, str] = dict(tops)
    for term in g.subjects(relation, None):
        for ancestor in g.transitive_objects(term, relation):
            if ancestor in tops:
                out[term] = tops[ancestor]
                break
    return out


@lru_cache(maxsize=1)
def _top_types() -> dict[URIRef, str]:
    return _climb(ENTITY_TYPES, RDFS.subClassOf)


def top_type(cls) -> str | None:
    """The schema type a class climbs to by rdfs:subClassOf, or None."""
    return _top_types().get(URIRef(str(cls)))


@lru_cache(maxsize=1)
def _top_predicates() -> dict[URIRef, str]:
    return _climb(PREDICATES, RDFS.subPropertyOf)


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

"""Serialize: rdflib graphs to Turtle and TriG, fast and byte-stable.

rdflib's own Turtle/TriG writers compute a prefixed name for every IRI
through a namespace trie that grows with each distinct IRI; on a corpus
graph that takes minutes. pyoxigraph's writers stream in the order given,
so we sort the statements ourselves (by their N-Triples form) and the same
graph always gives the same bytes.
"""

from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef

from .rdf import PREFIXES

_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
_PREFIXES.update({"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"})
PREFIX_MAP = _PREFIXES


def _term(t):
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    raise TypeError(f"not an RDF term: {t!r}")


def _sorted(triples: Iterable[tuple]) -> list[tuple]:
    return sorted(triples, key=lambda spo: tuple(x.n3() for x in spo))


def turtle(graph: Graph) -> str:
    triples = [ox.Triple(_term(s), _term(p), _term(o)) for s, p, o in _sorted(graph)]
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES).decode("utf-8")


def trig(ds: Dataset) -> str:
    return ox.serialize(oxigraph_quads(ds), format=ox.RdfFormat.TRIG, prefixes=_PREFIXES).decode("utf-8")


def oxigraph_quads(ds: Dataset) -> list:
    """Every quad of a dataset as pyoxigraph terms, in a stable order."""
    quads = []
    for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        name = ox.NamedNode(str(g.identifier)) if isinstance(g.identifier, URIRef) and not str(g.identifier).startswith("urn:x-rdflib:") else ox.DefaultGraph()
        for s, p, o in _sorted(g):
            quads.append(ox.Quad(_term(s), _term(p), _term(o), name))
    return quads


def ntriples(graph: Graph) -> bytes:
    triples = [ox.Triple(_term(s), _term(p), _term(o)) for s, p, o in _sorted(graph)]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def ntriples_of(triples: Iterable[tuple]) -> bytes:
    """rdflib-term triples as de-duplicated N-Triples (in first-seen order;
    the build sorts when it assembles)."""
    ordered = [ox.Triple(_term(s), _term(p), _term(o)) for s, p, o in dict.fromkeys(triples)]
    return ox.serialize(ordered, format=ox.RdfFormat.N_TRIPLES)


def _rdflib(t):
    from rdflib import BNode as B, Literal as L, URIRef as U

    if isinstance(t, ox.NamedNode):
        return U(t.value)
    if isinstance(t, ox.BlankNode):
        return B(t.value)
    if t.language:
        return L(t.value, lang=t.language)
    if t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return L(t.value, datatype=U(t.datatype.value))
    return L(t.value)


def rdflib_graph(triples: Iterable) -> Graph:
    """pyoxigraph triples as an rdflib Graph."""
    g = Graph()
    for t in triples:
        g.add((_rdflib(t.subject), _rdflib(t.predicate), _rdflib(t.object)))
    return g

"""Serialize: rdflib terms to pyoxigraph's fast, streaming writers.

rdflib's own Turtle/TriG writers compute a prefixed name for every IRI
through a namespace trie that grows with each distinct IRI; on a corpus
graph that takes minutes. pyoxigraph's writers stream in the order given,
and the build gives them a deterministic order, so the same input always
gives the same bytes.
"""

from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from .store import PREFIXES as PREFIX_MAP  # noqa: F401 - the build's writers use it


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


def ntriples_of(triples: Iterable[tuple]) -> bytes:
    """rdflib-term triples as de-duplicated N-Triples, in first-seen order
    (the extraction's order, which is deterministic)."""
    ordered = [ox.Triple(_term(s), _term(p), _term(o)) for s, p, o in dict.fromkeys(triples)]
    return ox.serialize(ordered, format=ox.RdfFormat.N_TRIPLES)


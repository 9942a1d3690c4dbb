"""The entity network: entities as nodes, stated relations as edges, for
the page, the statistics and the exports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.graph.vocabulary import top_type
from kg.model import PREDICATES

if TYPE_CHECKING:
    import networkx as nx


def entity_network(graph) -> nx.MultiDiGraph:
    """Entities and the relations between them as a networkx graph.

    Node attributes: label, type (top-level), cls (most specific class),
    aliases, code, note, documents. Edge attribute: predicate.
    """
    import networkx as nx
    from rdflib import RDF, RDFS, URIRef
    from rdflib.namespace import SKOS

    from kg.graph.rdf import KGO

    g = nx.MultiDiGraph()
    for s, cls in sorted(graph.subject_objects(RDF.type)):
        t = top_type(cls)
        if t is None or not isinstance(s, URIRef):
            continue
        label = str(graph.value(s, RDFS.label) or s)
        g.add_node(
            str(s),
            label=label,
            type=t,
            cls=str(cls).rsplit("#", 1)[-1],
            aliases=sorted(str(a) for a in graph.objects(s, SKOS.altLabel)),
            code=str(graph.value(s, KGO.divisionCode) or ""),
            note=str(graph.value(s, KGO.likelyCorrection) or ""),
            documents=sorted(str(d) for d in graph.objects(s, KGO.mentionedIn)),
        )
    for p in PREDICATES:
        for s, _, o in sorted(graph.triples((None, KGO[p], None))):
            if str(s) in g and str(o) in g:
                g.add_edge(str(s), str(o), key=p, predicate=p)
    return g

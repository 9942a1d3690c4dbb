"""Export: the entity network as GraphML or GEXF, for Gephi.

Nodes carry label, type, class, aliases (joined with 、), code and
documents; edges carry the predicate and its Chinese label.
"""

from __future__ import annotations

import io

import networkx as nx
from rdflib import Graph

from .errors import FormatError
from .render import entity_network
from .vocabulary import PREDICATE_LABELS

EXPORT_FORMATS = ("graphml", "gexf")


def export_network(graph: Graph) -> nx.MultiDiGraph:
    g = entity_network(graph)
    out = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        out.add_node(
            n,
            label=d["label"],
            type=d["type"],
            cls=d["cls"],
            aliases="、".join(d["aliases"]),
            code=d["code"],
            documents=" ".join(doc.rsplit("/", 1)[-1] for doc in d["documents"]),
        )
    for u, v, k in g.edges(keys=True):
        out.add_edge(u, v, key=k, predicate=k, label=PREDICATE_LABELS.get(k, k))
    return out


def export_text(graph: Graph, fmt: str) -> str:
    if fmt not in EXPORT_FORMATS:
        raise FormatError(f"unknown export format '{fmt}'", "use graphml or gexf")
    g = export_network(graph)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buf, encoding="utf-8")
    else:
        nx.write_gexf(g, buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")

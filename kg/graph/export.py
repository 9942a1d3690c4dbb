"""Export: the entity network as GraphML or GEXF, for Gephi, igraph and
networkx.

Each relation is one edge with an id of its own (``e0``, ``e1`` ...);
node ids are the entity's IRI below our base, made a valid
``xs:NMTOKEN`` (``place/430400`` becomes ``place.430400``), the IRI
itself an attribute. Nodes carry label, type, class, aliases (joined
with 、), code and documents as strings, degree as an integer and
PageRank as a double; edges carry the predicate and its Chinese label.
Written by hand, not by networkx, so nothing internal (``networkx_key``)
leaks and the bytes are the same for the same graph.

>>> from kg.graph.graphio import load_graph
>>> text = export_text(load_graph("output/graph.ttl"), "GEXF")   # doctest: +SKIP
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from kg.extract.resolve import BASE
from kg.graph.formats import named, names
from kg.graph.network import entity_network
from kg.graph.stats import pagerank
from kg.graph.vocabulary import PREDICATE_LABELS

EXPORT_FORMATS = tuple(names("network"))

# (name, type) of the node attributes, in the files' order
NODE_ATTRIBUTES = (
    ("iri", "string"), ("label", "string"), ("type", "string"), ("cls", "string"), ("aliases", "string"),
    ("code", "string"), ("documents", "string"), ("degree", "int"), ("pagerank", "double"),
)
EDGE_ATTRIBUTES = (("predicate", "string"), ("label", "string"))

# what XML 1.0 allows in a name everywhere (4th edition's letters kept to
# ASCII and the CJK Unified Ideographs, which every edition allows)
_NOT_NMTOKEN = re.compile(r"[^A-Za-z0-9._\-\u4e00-\u9fa5]")


@dataclass(frozen=True)
class Network:
    """The entity network as it is exported: nodes (id, attributes) and
    edges (id, source id, target id, attributes), each in a fixed order."""

    nodes: tuple[tuple[str, dict], ...]
    edges: tuple[tuple[str, str, str, dict], ...]


def node_id(iri: str) -> str:
    """An entity's IRI as a valid xs:NMTOKEN.

    >>> node_id("https://w3id.org/govreport-kg/id/place/430400")
    'place.430400'
    """
    local = iri[len(BASE):] if iri.startswith(BASE) else iri
    return _NOT_NMTOKEN.sub("_", local.replace("/", ".")) or "_"


def export_network(graph) -> Network:
    """The exported network of an rdflib graph."""
    g = entity_network(graph)
    rank = pagerank(nx.DiGraph(g))
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for iri in sorted(g.nodes):
        base = candidate = node_id(iri)
        n = 2
        while candidate in taken:
            candidate = f"{base}-{n}"
            n += 1
        ids[iri] = candidate
        taken.add(candidate)
    nodes = []
    for iri in sorted(g.nodes):
        d = g.nodes[iri]
        nodes.append((ids[iri], {
            "iri": iri, "label": d["label"], "type": d["type"], "cls": d["cls"],
            "aliases": "、".join(d["aliases"]), "code": d["code"],
            "documents": " ".join(doc.rsplit("/", 1)[-1] for doc in d["documents"]),
            "degree": g.degree(iri), "pagerank": round(rank.get(iri, 0.0), 6),
        }))
    edges = []
    for i, (u, v, k) in enumerate(sorted(g.edges(keys=True))):
        edges.append((f"e{i}", ids[u], ids[v], {"predicate": k, "label": PREDICATE_LABELS.get(k, k)}))
    return Network(tuple(nodes), tuple(edges))


def export_text(graph, fmt: str) -> str:
    """The network of an rdflib graph in the network format ``fmt`` (any case)."""
    return named(fmt, "network").write(export_network(graph))


def _value(v) -> str:
    return repr(v) if isinstance(v, float) else str(v)


def write_graphml(net: Network) -> str:
    """GraphML 1.0 with typed keys."""
    types = {"string": "string", "int": "int", "double": "double"}
    out = [
        "<?xml version='1.0' encoding='utf-8'?>",
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    for i, (name, kind) in enumerate(NODE_ATTRIBUTES):
        out.append(f'  <key id="n{i}" for="node" attr.name="{name}" attr.type="{types[kind]}"/>')
    for i, (name, kind) in enumerate(EDGE_ATTRIBUTES):
        out.append(f'  <key id="e{i}" for="edge" attr.name="{name}" attr.type="{types[kind]}"/>')
    out.append('  <graph id="G" edgedefault="directed">')
    for nid, attrs in net.nodes:
        out.append(f"    <node id={quoteattr(nid)}>")
        for i, (name, _) in enumerate(NODE_ATTRIBUTES):
            out.append(f'      <data key="n{i}">{escape(_value(attrs[name]))}</data>')
        out.append("    </node>")
    for eid, source, target, attrs in net.edges:
        out.append(f"    <edge id={quoteattr(eid)} source={quoteattr(source)} target={quoteattr(target)}>")
        for i, (name, _) in enumerate(EDGE_ATTRIBUTES):
            out.append(f'      <data key="e{i}">{escape(_value(attrs[name]))}</data>')
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>", ""]
    return "\n".join(out)


def write_gexf(net: Network) -> str:
    """GEXF 1.2 with typed node attributes; the edge's Chinese label is
    its GEXF label."""
    types = {"string": "string", "int": "integer", "double": "double"}
    node_attrs = [(name, kind) for name, kind in NODE_ATTRIBUTES if name != "label"]
    out = [
        "<?xml version='1.0' encoding='utf-8'?>",
        '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
        "  <meta>",
        "    <creator>govreport-kg</creator>",
        "  </meta>",
        '  <graph defaultedgetype="directed" mode="static">',
        '    <attributes class="node" mode="static">',
    ]
    for i, (name, kind) in enumerate(node_attrs):
        out.append(f'      <attribute id="{i}" title="{name}" type="{types[kind]}"/>')
    out += ["    </attributes>", '    <attributes class="edge" mode="static">',
            '      <attribute id="0" title="predicate" type="string"/>', "    </attributes>", "    <nodes>"]
    for nid, attrs in net.nodes:
        out.append(f"      <node id={quoteattr(nid)} label={quoteattr(attrs['label'])}>")
        out.append("        <attvalues>")
        for i, (name, _) in enumerate(node_attrs):
            out.append(f'          <attvalue for="{i}" value={quoteattr(_value(attrs[name]))}/>')
        out += ["        </attvalues>", "      </node>"]
    out += ["    </nodes>", "    <edges>"]
    for eid, source, target, attrs in net.edges:
        out.append(f"      <edge id={quoteattr(eid)} source={quoteattr(source)} target={quoteattr(target)} label={quoteattr(attrs['label'])}>")
        out.append(f"        <attvalues><attvalue for=\"0\" value={quoteattr(attrs['predicate'])}/></attvalues>")
        out.append("      </edge>")
    out += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(out)

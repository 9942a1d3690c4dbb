"""Render: a graph to one self-contained, offline network page.

The page is a single HTML file: our template, the vis-network library the
package ships (``static/``, the file pyvis 0.3.2 carries; inlined, so
nothing is fetched), and the graph as JSON inside a
``<script type="application/json">`` element, escaped so no label or
sentence can close it. The page's script writes every label and sentence
with ``textContent``, never as HTML.

The page opens on a view a person can read: a small graph whole, a large
one's most connected part (:func:`first_view`); a document, a type or
everything is one choice away, a node's neighbours one double-click. The
page lays out whatever it shows on its own (force for linked nodes, a grid
for lone ones), labels the most connected nodes that fit at the zoom, and
never one over another.

Reads: an rdflib graph (with NIF provenance when it is a TriG dataset).
Writes: HTML text.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from kg.graph.network import entity_network
from kg.web.evidence import evidence_window
from kg.graph.rdf import KGO_IRI, RDF_IRI, RDFS_IRI
from kg.graph.vocabulary import PREDICATE_LABELS, top_type
from kg.model import ENTITY_TYPES, PREDICATES

if TYPE_CHECKING:
    pass

# IRIs as text: a build makes the page from pyoxigraph triples without rdflib
LABEL, ALT_LABEL = RDFS_IRI + "label", "http://www.w3.org/2004/02/skos/core#altLabel"
DIVISION_CODE, LIKELY_CORRECTION, MENTIONED_IN = KGO_IRI + "divisionCode", KGO_IRI + "likelyCorrection", KGO_IRI + "mentionedIn"

MAX_EVIDENCE = 5
FIRST_VIEW_MAX = 300  # a graph this small is drawn whole when the page opens
FIRST_VIEW_TARGET = 250  # hubs are added, with their neighbours, up to about this many
FIRST_VIEW_MIN = 50
HUB_NEIGHBOURS = 40

# Okabe and Ito's palette, which stays apart for colour-blind readers, and
# a shape per type as well (colour, shape and a darker border)
TYPE_STYLE = {
    "Organization": ("#0072B2", "dot", "#004a75"),
    "Place": ("#009E73", "triangle", "#006049"),
    "Regulation": ("#D55E00", "square", "#8a3d00"),
    "Project": ("#E69F00", "diamond", "#946600"),
    "Person": ("#CC79A7", "star", "#8c4f72"),
    "Meeting": ("#56B4E9", "hexagon", "#2c7fb0"),
    "Policy": ("#F0E442", "triangleDown", "#8f8700"),
    "Report": ("#6b6b6b", "square", "#333333"),
}
TYPE_LABELS = {
    "Organization": "组织机构",
    "Place": "地点",
    "Regulation": "法规文件",
    "Project": "项目",
    "Person": "人物",
    "Meeting": "会议",
    "Policy": "政策",
    "Report": "报告",
}
CLASS_LABELS_ZH: dict[str, str] = {}


class EntityNetwork:
    """The entity network as the page reads it: nodes with their attributes
    and edges (source, target, predicate), with the few methods of
    networkx's MultiDiGraph the page uses; a build makes its page without
    importing networkx (a sixth of a second).

    >>> g = EntityNetwork()
    >>> g.add_node("a", label="甲"); g.add_node("b", label="乙"); g.add_edge("a", "b", key="partOf")
    >>> dict(g.degree()), list(g.edges(keys=True))
    ({'a': 1, 'b': 1}, [('a', 'b', 'partOf')])
    """

    def __init__(self) -> None:
        self.nodes: dict[str, dict] = {}
        self._edges: list[tuple[str, str, str]] = []

    def add_node(self, n: str, **attrs) -> None:
        self.nodes.setdefault(n, {}).update(attrs)

    def add_edge(self, u: str, v: str, key: str, **_) -> None:
        self._edges.append((u, v, key))

    def __iter__(self):
        return iter(self.nodes)

    def __contains__(self, n) -> bool:
        return n in self.nodes

    def number_of_nodes(self) -> int:
        return len(self.nodes)

    def number_of_edges(self) -> int:
        return len(self._edges)

    def degree(self):
        counts = dict.fromkeys(self.nodes, 0)
        for u, v, _ in self._edges:
            counts[u] += 1
            counts[v] += 1
        return counts.items()

    def edges(self, keys: bool = True):
        return list(self._edges)


class NetworkBuilder:
    """The entity network, collected from pyoxigraph triples in any order
    (a build adds each document's facts as they come in).

    Where facts disagree (two labels for one IRI), the one added with the
    greatest ``key`` wins: with each triple's N-Triples line as its key,
    the result is the network of the sorted union, whatever the order."""

    RDF_TYPE = RDF_IRI + "type"

    def __init__(self) -> None:
        self.single = {LABEL: {}, DIVISION_CODE: {}, LIKELY_CORRECTION: {}}
        self.multi = {ALT_LABEL: {}, MENTIONED_IN: {}}
        self.preds = {KGO_IRI + p: p for p in PREDICATES}
        self.types: dict[str, tuple] = {}
        self.edges: set[tuple[str, str, str]] = set()

    def add(self, t, key) -> None:
        s, p, o = t.subject.value, t.predicate.value, t.object.value
        if p == self.RDF_TYPE:
            have = self.types.get(s)
            if have is None or key > have[0]:
                top = top_type(o)
                if top:
                    self.types[s] = (key, top, o.rsplit("#", 1)[-1])
        elif p in self.single:
            values = self.single[p]
            have = values.get(s)
            if have is None or key > have[0]:
                values[s] = (key, o)
        elif p in self.multi:
            self.multi[p].setdefault(s, set()).add(o)
        elif p in self.preds:
            self.edges.add((s, o, self.preds[p]))

    def graph(self) -> "EntityNetwork":
        labels, codes, notes = (self.single[x] for x in (LABEL, DIVISION_CODE, LIKELY_CORRECTION))
        aliases, docs = self.multi[ALT_LABEL], self.multi[MENTIONED_IN]
        g = EntityNetwork()
        for s in sorted(self.types):
            _, top, cls = self.types[s]
            g.add_node(s, label=labels.get(s, (None, s))[1], type=top, cls=cls, aliases=sorted(aliases.get(s, ())),
                       code=codes.get(s, (None, ""))[1], note=notes.get(s, (None, ""))[1], documents=sorted(docs.get(s, ())))
        for s, o, p in sorted(self.edges):
            if s in g and o in g:
                g.add_edge(s, o, key=p, predicate=p)
        return g


def evidence(graph) -> dict[str, list[dict]]:
    """For each entity, up to MAX_EVIDENCE sentences that name it, with the
    mention's offsets inside the sentence (empty without NIF provenance)."""
    from rdflib import RDF

    from kg.graph.rdf import ITSRDF, KGO, NIF

    sentences: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for s in graph.subjects(RDF.type, NIF.Sentence):
        ctx = graph.value(s, NIF.referenceContext)
        b, e, text = graph.value(s, NIF.beginIndex), graph.value(s, NIF.endIndex), graph.value(s, NIF.anchorOf)
        if ctx is not None and b is not None and e is not None and text is not None:
            sentences[str(ctx)].append((int(b), int(e), str(text)))
    for lst in sentences.values():
        lst.sort()
    starts = {ctx: [b for b, _, _ in lst] for ctx, lst in sentences.items()}
    names = {str(d): str(graph.value(d, KGO.sourceFile) or d) for d in sentences}
    out: dict[str, list[dict]] = defaultdict(list)
    mentions = sorted(
        (str(ent), str(graph.value(m, NIF.referenceContext)), int(graph.value(m, NIF.beginIndex)), int(graph.value(m, NIF.endIndex)))
        for m, ent in graph.subject_objects(ITSRDF.taIdentRef)
    )
    seen = set()
    for ent, ctx, b, e in mentions:
        if len(out[ent]) >= MAX_EVIDENCE or ctx not in sentences:
            continue
        k = bisect.bisect_right(starts[ctx], b) - 1
        if k < 0:
            continue
        sb, se, text = sentences[ctx][k]
        if not (sb <= b and e <= se) or (ent, ctx, sb) in seen:
            continue
        seen.add((ent, ctx, sb))
        snippet, start, end = evidence_window(text, b - sb, e - sb)
        out[ent].append({"doc": names[ctx], "text": snippet, "start": start, "end": end})
    return out


def first_view(g) -> list[str]:
    """The nodes the page draws when it opens: all of a graph of up to
    :data:`FIRST_VIEW_MAX` nodes; of a larger one, its most connected
    nodes, each with its most connected neighbours, until about
    :data:`FIRST_VIEW_TARGET` are in (at least :data:`FIRST_VIEW_MIN`:
    then the entities most documents name fill up).

    Everything else is a search, a view or a double-click away."""
    if g.number_of_nodes() <= FIRST_VIEW_MAX:
        return sorted(g.nodes)
    degree = dict(g.degree())
    label = {n: g.nodes[n]["label"] for n in g}
    neighbours: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in g.edges(keys=True):
        if u != v:
            neighbours[u].add(v)
            neighbours[v].add(u)

    def importance(n: str) -> tuple:
        return (-degree[n], label[n], n)

    chosen: dict[str, None] = {}
    for hub in sorted(neighbours, key=importance):
        if len(chosen) >= FIRST_VIEW_TARGET:
            break
        chosen[hub] = None
        for m in sorted(neighbours[hub], key=importance)[:HUB_NEIGHBOURS]:
            chosen[m] = None
    if len(chosen) < FIRST_VIEW_MIN:
        lone = sorted((n for n in g if n not in chosen), key=lambda n: (-len(g.nodes[n]["documents"]), label[n], n))
        for n in lone[: FIRST_VIEW_MIN - len(chosen)]:
            chosen[n] = None
    return sorted(chosen)[:FIRST_VIEW_MAX] if len(chosen) > FIRST_VIEW_MAX else sorted(chosen)


def page_data(graph, title: str, ev: dict | None = None) -> dict:
    """The page's JSON: ``graph`` is an rdflib graph or a ready
    networkx entity network (then ``ev`` must be given)."""
    if not hasattr(graph, "triples"):  # a network already (networkx's or ours), not an rdflib graph
        g = graph
        ev = ev or {}
    else:
        g = entity_network(graph)
        ev = evidence(graph) if ev is None else ev
    degree = dict(g.degree())
    ids = {n: i for i, n in enumerate(sorted(g.nodes))}
    nodes = []
    for n in sorted(g.nodes):
        d = g.nodes[n]
        node = {
            "id": ids[n],
            "iri": n,
            "label": d["label"],
            "type": d["type"],
            "cls": d["cls"],
            "aliases": d["aliases"],
            "code": d["code"],
            "note": d["note"],
            "docs": [doc.rsplit("/", 1)[-1] for doc in d["documents"]],
            "degree": degree.get(n, 0),
            "evidence": ev.get(n, []),
        }
        nodes.append(node)
    edges = [
        {"from": ids[u], "to": ids[v], "predicate": p, "label": PREDICATE_LABELS.get(p, p)}
        for u, v, p in sorted(g.edges(keys=True))
    ]
    docs = sorted({doc for node in nodes for doc in node["docs"]})
    return {
        "title": title,
        "core": [ids[n] for n in first_view(g)],
        "types": [
            {"name": t, "label": TYPE_LABELS[t], "color": TYPE_STYLE[t][0], "shape": TYPE_STYLE[t][1], "border": TYPE_STYLE[t][2]}
            for t in ENTITY_TYPES
        ],
        "predicates": [{"name": p, "label": PREDICATE_LABELS.get(p, p)} for p in PREDICATES],
        "documents": docs,
        "nodes": nodes,
        "edges": edges,
    }


def _script_json(data: dict) -> str:
    """JSON that is safe inside <script>: no '<', '>', '&' or line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@lru_cache(maxsize=1)
def _vis_js() -> str:
    """vis-network 9.1.2, the file the package ships (``static/``, see its NOTICE)."""
    return resources.files("kg.web").joinpath("static/vis-network.min.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _template() -> str:
    return resources.files("kg.web").joinpath("templates/page.html").read_text(encoding="utf-8")


def _escape_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def render_html(graph, title: str = "知识图谱", evidence: dict | None = None) -> str:
    """The page; ``evidence`` (entity IRI → sentences) is read from the
    graph's NIF provenance when not given."""
    data = page_data(graph, title, evidence)
    # the library must not contain a closing script tag; it does not, but be sure
    values = {
        "TITLE": _escape_text(title),
        "VIS_JS": _vis_js().replace("</script", "<\\/script"),
        "DATA": _script_json(data),
    }
    # one pass, so nothing substituted is scanned again
    return re.sub(r"\{\{(TITLE|VIS_JS|DATA)\}\}", lambda m: values[m.group(1)], _template())

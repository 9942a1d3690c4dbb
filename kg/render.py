"""Render: a graph to an interactive network page (pyvis).

Nodes are entities coloured by type and sized by degree; edges carry the
predicates' Chinese labels. Labels and tooltips are HTML-escaped. pyvis
inlines vis-network; the Bootstrap links it adds from a CDN are dropped so
the page makes no network request for its scripts.

Reads: an rdflib graph. Writes: HTML text.
"""

from __future__ import annotations

import html
import json
import re

import networkx as nx
from pyvis.network import Network
from rdflib import RDF, RDFS, Graph, URIRef

from .model import ENTITY_TYPES, PREDICATES
from .vocabulary import PREDICATE_LABELS, top_type
from .rdf import KGO

TYPE_STYLE = {
    "Organization": ("#4e79a7", "dot"),
    "Place": ("#59a14f", "triangle"),
    "Regulation": ("#e15759", "square"),
    "Project": ("#f28e2b", "diamond"),
    "Person": ("#b07aa1", "star"),
    "Meeting": ("#76b7b2", "hexagon"),
    "Policy": ("#edc948", "dot"),
    "Report": ("#9c755f", "square"),
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
FONT = "'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Source Han Sans SC', SimSun, sans-serif"
CDN_TAGS = re.compile(
    r"<link[^>]*?https?://[^>]*?>|<script[^>]*?src=\"https?://[^\"]*\"[^>]*>\s*</script>", re.S
)


def entity_network(graph: Graph) -> nx.MultiDiGraph:
    """Entities and the relations between them as a networkx graph."""
    g = nx.MultiDiGraph()
    for s, _, cls in graph.triples((None, RDF.type, None)):
        t = top_type(cls)
        if t is None:
            continue
        label = str(graph.value(s, RDFS.label) or s)
        g.add_node(str(s), label=label, type=t, cls=str(cls).rsplit("#", 1)[-1])
    for p in PREDICATES:
        for s, _, o in graph.triples((None, KGO[p], None)):
            if str(s) in g and str(o) in g:
                g.add_edge(str(s), str(o), key=p, predicate=p)
    return g


def render_html(graph: Graph, title: str = "知识图谱") -> str:
    net_graph = entity_network(graph)
    net = Network(height="90vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    degree = dict(net_graph.degree())
    for node in sorted(net_graph.nodes):
        data = net_graph.nodes[node]
        color, shape = TYPE_STYLE[data["type"]]
        net.add_node(
            node,
            label=data["label"],
            title=html.escape(f"{TYPE_LABELS[data['type']]} · {data['label']}"),
            color=color,
            shape=shape,
            size=10 + 3 * min(degree.get(node, 0), 12),
            group=data["type"],
        )
    for s, o, p in sorted(net_graph.edges(keys=True)):
        net.add_edge(s, o, label=PREDICATE_LABELS.get(p, p), title=p, arrows="to")
    net.set_options(
        json.dumps(
            {
                "nodes": {"font": {"face": FONT, "size": 14}},
                "edges": {"font": {"face": FONT, "size": 10, "align": "middle"}, "smooth": False},
                "physics": {
                    "solver": "forceAtlas2Based",
                    "stabilization": {"enabled": True, "iterations": 300, "fit": True},
                },
                "interaction": {"hover": True, "navigationButtons": False},
            }
        )
    )
    page = net.generate_html()
    page = CDN_TAGS.sub("", page)
    legend = "".join(
        f'<span style="margin-right:12px"><span style="color:{TYPE_STYLE[t][0]}">●</span> {TYPE_LABELS[t]}</span>'
        for t in ENTITY_TYPES
    )
    header = (
        f'<div style="font-family:{html.escape(FONT)};padding:6px 10px">'
        f"<strong>{html.escape(title)}</strong> · {net_graph.number_of_nodes()} 个实体 · "
        f"{net_graph.number_of_edges()} 条关系<br>{legend}</div>"
    )
    page = page.replace("<body>", "<body>\n" + header, 1)
    # stop the simulation once the layout has settled
    page = page.replace(
        "return network;",
        'network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });\n'
        "                  return network;",
        1,
    )
    return page

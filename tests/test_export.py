"""Exports other tools read: GraphML read back by networkx and igraph,
GEXF by networkx, one edge per relation with ids of their own, node ids
that are valid xs:NMTOKEN, numbers typed as numbers, nothing internal."""

import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from kg.cli import main
from kg.graph.export import export_network, node_id
from kg.graph.graphio import load_graph
from kg.graph.network import entity_network

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"
# XML 1.0 name characters as the 4th edition has them for these scripts
NMTOKEN = re.compile(r"^[A-Za-z0-9._:\-\u4e00-\u9fa5]+$")


@pytest.fixture(scope="module")
def exported(built, tmp_path_factory):
    from click.testing import CliRunner

    graph = built[0] / "graph.ttl"
    folder = tmp_path_factory.mktemp("export")
    files = {}
    for fmt in ("graphml", "GEXF"):
        target = folder / f"net.{fmt.lower()}"
        result = CliRunner().invoke(main, ["export", str(graph), "--format", fmt, "-o", str(target)])
        assert result.exit_code == 0 and result.output == f"Wrote: {target}\n"
        files[fmt.lower()] = target
    return graph, files


def test_graphml_in_networkx_has_one_edge_per_relation_with_unique_ids(exported):
    graph, files = exported
    expected = entity_network(load_graph(graph))
    g = nx.read_graphml(files["graphml"])
    assert g.number_of_nodes() == expected.number_of_nodes()
    assert g.number_of_edges() == expected.number_of_edges()
    ids = [d["id"] for _, _, d in g.edges(data=True)]
    assert len(set(ids)) == len(ids) == expected.number_of_edges()
    relations = sorted((g.nodes[u]["iri"], g.nodes[v]["iri"], d["predicate"]) for u, v, d in g.edges(data=True))
    assert relations == sorted(expected.edges(keys=True))
    node = g.nodes[node_id("https://w3id.org/govreport-kg/id/place/430400")]
    assert (node["label"], node["type"], node["code"]) == ("衡阳市", "Place", "430400")
    assert isinstance(node["degree"], int) and node["degree"] == expected.degree("https://w3id.org/govreport-kg/id/place/430400")
    assert isinstance(node["pagerank"], float) and 0 < node["pagerank"] < 1


def test_graphml_ids_are_nmtokens_and_keys_are_typed(exported):
    _, files = exported
    root = ET.parse(files["graphml"]).getroot()
    nodes = [n.get("id") for n in root.iter(GRAPHML + "node")]
    edges = [e.get("id") for e in root.iter(GRAPHML + "edge")]
    assert all(NMTOKEN.match(i) for i in nodes + edges)
    assert len(set(nodes)) == len(nodes) and len(set(edges)) == len(edges)
    types = {k.get("attr.name"): k.get("attr.type") for k in root.iter(GRAPHML + "key") if k.get("for") == "node"}
    assert (types["degree"], types["pagerank"], types["label"]) == ("int", "double", "string")


def test_graphml_in_igraph(exported):
    igraph = pytest.importorskip("igraph")
    graph, files = exported
    expected = entity_network(load_graph(graph))
    g = igraph.Graph.Read_GraphML(str(files["graphml"]))
    assert g.is_directed()
    assert (g.vcount(), g.ecount()) == (expected.number_of_nodes(), expected.number_of_edges())
    relations = sorted((g.vs[e.source]["iri"], g.vs[e.target]["iri"], e["predicate"]) for e in g.es)
    assert relations == sorted(expected.edges(keys=True))
    hengyang = g.vs.find(iri="https://w3id.org/govreport-kg/id/place/430400")
    assert hengyang["degree"] == expected.degree("https://w3id.org/govreport-kg/id/place/430400")
    assert isinstance(hengyang["pagerank"], float)


def test_gexf_has_no_internal_attributes_and_typed_numbers(exported):
    graph, files = exported
    expected = entity_network(load_graph(graph))
    g = nx.read_gexf(files["gexf"])
    assert (g.number_of_nodes(), g.number_of_edges()) == (expected.number_of_nodes(), expected.number_of_edges())
    root = ET.parse(files["gexf"]).getroot()
    titles = {a.get("title"): a.get("type") for a in root.iter(GEXF + "attribute")}
    assert not any("networkx" in t for t in titles)
    assert (titles["degree"], titles["pagerank"]) == ("integer", "double")
    edge_ids = [e.get("id") for e in root.iter(GEXF + "edge")]
    assert len(set(edge_ids)) == len(edge_ids)
    node = g.nodes[node_id("https://w3id.org/govreport-kg/id/place/430400")]
    assert node["label"] == "衡阳市" and isinstance(node["degree"], int)


def test_the_same_graph_gives_the_same_bytes(built, tmp_path, runner):
    graph = built[0] / "graph.ttl"
    for n in (1, 2):
        runner.invoke(main, ["export", str(graph), "--format", "gexf", "-o", str(tmp_path / f"{n}.gexf")])
    assert (tmp_path / "1.gexf").read_bytes() == (tmp_path / "2.gexf").read_bytes()
    # the default file name takes the format's suffix, whatever case the format was given in
    result = runner.invoke(main, ["export", str(graph), "--format", "GraphML"])
    assert result.exit_code == 0 and result.output == f"Wrote: {graph.with_suffix('.graphml')}\n"


def test_node_ids_stay_unique_when_iris_fold_together():
    from rdflib import RDF, RDFS, Graph, Literal, URIRef

    from kg.graph.rdf import KGO

    g = Graph()
    for iri in ("https://w3id.org/govreport-kg/id/organization/A(B)", "https://w3id.org/govreport-kg/id/organization/A[B]"):
        g.add((URIRef(iri), RDF.type, KGO.Organization))
        g.add((URIRef(iri), RDFS.label, Literal(iri[-4:])))
    ids = [nid for nid, _ in export_network(g).nodes]
    assert ids == ["organization.A_B_", "organization.A_B_-2"]


def test_export_unknown_format(runner, built):
    result = runner.invoke(main, ["export", str(built[0] / "graph.ttl"), "--format", "dot"], prog_name="kg")
    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: kg export [OPTIONS] GRAPH\nTry 'kg export --help' for help.\n\n"
        "Error: Invalid value for '--format': 'dot' is not one of 'graphml', 'gexf'.\n"
    )

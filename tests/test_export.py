import networkx as nx

from kg.cli import main
from kg.evaluate import load_graph
from kg.render import entity_network


def test_export_opens_in_networkx_with_the_same_counts(runner, built, tmp_path):
    graph = built[0] / "graph.ttl"
    expected = entity_network(load_graph(graph))
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        target = tmp_path / f"net.{fmt}"
        result = runner.invoke(main, ["export", str(graph), "--format", fmt, "-o", str(target)])
        assert result.exit_code == 0 and result.output == f"Wrote: {target}\n"
        g = reader(target)
        assert g.number_of_nodes() == expected.number_of_nodes()
        assert g.number_of_edges() == expected.number_of_edges()
        node = g.nodes["https://w3id.org/govreport-kg/id/place/430400"]
        assert (node["label"], node["type"], node["code"]) == ("衡阳市", "Place", "430400")


def test_export_unknown_format(runner, built):
    result = runner.invoke(main, ["export", str(built[0] / "graph.ttl"), "--format", "dot"])
    assert result.exit_code == 2
    assert result.stderr == "Error: unknown export format 'dot' (hint: use graphml or gexf)\n"

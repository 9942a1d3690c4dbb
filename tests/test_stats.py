import networkx as nx
import pytest

from kg.graph.stats import pagerank


def test_pagerank_matches_networkx_reference():
    g = nx.DiGraph([(1, 2), (2, 3), (3, 1), (4, 1), (4, 2)])
    g.add_node(5)
    ours = pagerank(g)
    # reference values from networkx's own pure-Python implementation
    ref = nx.algorithms.link_analysis.pagerank_alg._pagerank_python(g)
    for v in g:
        assert ours[v] == pytest.approx(ref[v], abs=1e-5)

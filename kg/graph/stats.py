"""Stats: graph analysis with networkx (counts, centrality, communities)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx
from rdflib import Graph

from kg.graph.network import entity_network


@dataclass(frozen=True)
class GraphStats:
    nodes: int
    edges: int
    types: dict[str, int]
    predicates: dict[str, int]
    degree: list[tuple[str, str, int]]
    pagerank: list[tuple[str, str, float]]
    communities: list[list[str]]


def pagerank(g: nx.DiGraph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200) -> dict:
    """PageRank by power iteration, in pure Python (networkx's own needs
    SciPy, too heavy a dependency for one number per node)."""
    n = g.number_of_nodes()
    if not n:
        return {}
    nodes = sorted(g.nodes)
    rank = dict.fromkeys(nodes, 1.0 / n)
    out_degree = {v: g.out_degree(v) for v in nodes}
    for _ in range(max_iter):
        dangling = alpha * sum(rank[v] for v in nodes if out_degree[v] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for v in nodes:
            if out_degree[v]:
                share = alpha * rank[v] / out_degree[v]
                for w in g.successors(v):
                    new[w] += share
        if sum(abs(new[v] - rank[v]) for v in nodes) < n * tol:
            return new
        rank = new
    return rank


def graph_stats(graph: Graph, top: int = 10) -> GraphStats:
    g = entity_network(graph)
    label = lambda n: g.nodes[n]["label"]  # noqa: E731
    types = Counter(d["type"] for _, d in g.nodes(data=True))
    preds = Counter(d["predicate"] for _, _, d in g.edges(data=True))
    simple = nx.Graph(g.to_undirected())
    degree = sorted(((label(n), g.nodes[n]["type"], d) for n, d in g.degree()), key=lambda x: (-x[2], x[0]))[:top]
    pr = pagerank(nx.DiGraph(g))
    top_rank = sorted(((label(n), g.nodes[n]["type"], round(v, 4)) for n, v in pr.items()), key=lambda x: (-x[2], x[0]))[:top]
    communities = []
    if simple.number_of_edges():
        for c in nx.algorithms.community.greedy_modularity_communities(simple):
            if len(c) > 2:
                communities.append(sorted(label(n) for n in c))
    communities.sort(key=lambda c: (-len(c), c))
    return GraphStats(
        nodes=g.number_of_nodes(),
        edges=g.number_of_edges(),
        types=dict(sorted(types.items())),
        predicates=dict(sorted(preds.items())),
        degree=degree,
        pagerank=top_rank,
        communities=communities[:top],
    )

"""The page's data: escaping, layout, determinism."""

import json

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.rdf import KGO
from kg.render import PRECOMPUTE_ABOVE, page_data, render_html


def graph(n: int) -> Graph:
    g = Graph()
    for i in range(n):
        s = URIRef(f"https://example.org/p{i}")
        g.add((s, RDF.type, KGO.Place))
        g.add((s, RDFS.label, Literal(f"地方{i}", lang="zh")))
        if i:
            g.add((s, KGO.locatedIn, URIRef(f"https://example.org/p{(i - 1) // 3}")))
    return g


def test_large_graphs_get_a_fixed_layout():
    g = graph(PRECOMPUTE_ABOVE + 50)
    a, b = page_data(g, "t"), page_data(g, "t")
    assert a["precomputed"] is True
    assert all("x" in n and "y" in n for n in a["nodes"])
    assert a == b
    assert len(a["edges"]) == PRECOMPUTE_ABOVE + 49


def test_small_graphs_settle_in_the_browser():
    data = page_data(graph(20), "t")
    assert data["precomputed"] is False
    assert all("x" not in n for n in data["nodes"])


def test_data_cannot_close_its_script_element():
    g = graph(2)
    g.add((URIRef("https://example.org/p0"), RDFS.label, Literal("</script><script>alert(1)</script>", lang="zh")))
    html = render_html(g, "</title><script>alert(2)</script>")
    body = html.split('<script id="kg-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and ">" not in body
    assert json.loads(body)["title"] == "</title><script>alert(2)</script>"
    assert "<title>&lt;/title&gt;&lt;script&gt;" in html
    from kg.render import _vis_js

    assert html.count("<script") - _vis_js().count("<script") == 3

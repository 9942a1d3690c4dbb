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


def test_layout_does_not_depend_on_string_hashing():
    # each process hashes strings with its own seed; set order must not leak
    # into the positions (small communities once came out of a set)
    import os
    import subprocess
    import sys

    script = (
        "import json, sys; sys.path.insert(0, 'tests'); from test_render import graph, star_graph; "
        "from kg.render import page_data; d = page_data(star_graph(), 't'); "
        "print(json.dumps([(n['iri'], n['x'], n['y']) for n in d['nodes']]))"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    outs = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root,
                       env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outs) == 1 and json.loads(outs.pop())


def star_graph() -> Graph:
    """Many small communities (stars of 12) and one big one: more than the
    page lays out in the browser."""
    g = Graph()
    for c in range(40):
        hub = URIRef(f"https://example.org/hub{c}")
        g.add((hub, RDF.type, KGO.Organization))
        for i in range(11):
            s = URIRef(f"https://example.org/n{c}-{i}")
            g.add((s, RDF.type, KGO.Place))
            g.add((s, KGO.partOf, hub))
    return g


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

"""The page's data: escaping, the first view, determinism, the palette."""

import json

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.graph.rdf import KGO
from kg.web.page import FIRST_VIEW_MAX, FIRST_VIEW_MIN, HUB_NEIGHBOURS, page_data, render_html


def graph(n: int) -> Graph:
    g = Graph()
    for i in range(n):
        s = URIRef(f"https://example.org/p{i}")
        g.add((s, RDF.type, KGO.Place))
        g.add((s, RDFS.label, Literal(f"地方{i}", lang="zh")))
        if i:
            g.add((s, KGO.locatedIn, URIRef(f"https://example.org/p{(i - 1) // 3}")))
    return g


def test_a_small_graph_opens_whole():
    data = page_data(graph(FIRST_VIEW_MAX), "t")
    assert data["core"] == list(range(FIRST_VIEW_MAX))


def test_a_large_graph_opens_on_its_hubs_and_their_neighbours():
    data = page_data(star_graph(), "t")
    assert FIRST_VIEW_MIN <= len(data["core"]) <= FIRST_VIEW_MAX
    core = set(data["core"])
    hubs = [n["id"] for n in data["nodes"] if n["iri"].startswith("https://example.org/hub")]
    # the biggest hub and its neighbours are in; lone nodes are not
    big = next(n["id"] for n in data["nodes"] if n["iri"] == "https://example.org/hub-big")
    assert big in core
    # with its most connected neighbours, as many as the page takes for a hub
    assert sum(e["from"] in core for e in data["edges"] if e["to"] == big) == HUB_NEIGHBOURS
    assert len(core & set(hubs)) >= 10
    lone = {n["id"] for n in data["nodes"] if n["degree"] == 0}
    assert lone and not core & lone


def test_the_first_view_does_not_depend_on_string_hashing():
    # each process hashes strings with its own seed; set order must not leak
    import os
    import subprocess
    import sys

    script = (
        "import json, sys; sys.path.insert(0, 'tests'); from test_render import star_graph; "
        "from kg.web.page import page_data; print(json.dumps(page_data(star_graph(), 't')['core']))"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    outs = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root,
                       env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outs) == 1 and json.loads(outs.pop())


def star_graph() -> Graph:
    """Many stars of 12, one big star of 60, and 100 lone nodes: more than
    the page draws when it opens."""
    g = Graph()
    for c in list(range(40)) + ["-big"]:
        hub = URIRef(f"https://example.org/hub{c}")
        g.add((hub, RDF.type, KGO.Organization))
        for i in range(60 if c == "-big" else 11):
            s = URIRef(f"https://example.org/n{c}-{i}")
            g.add((s, RDF.type, KGO.Place))
            g.add((s, KGO.partOf, hub))
    for i in range(100):
        g.add((URIRef(f"https://example.org/lone{i}"), RDF.type, KGO.Policy))
    return g


def test_data_cannot_close_its_script_element():
    g = graph(2)
    g.add((URIRef("https://example.org/p0"), RDFS.label, Literal("</script><script>alert(1)</script>", lang="zh")))
    html = render_html(g, "</title><script>alert(2)</script>")
    body = html.split('<script id="kg-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and ">" not in body
    assert json.loads(body)["title"] == "</title><script>alert(2)</script>"
    assert "<title>&lt;/title&gt;&lt;script&gt;" in html
    from kg.web.page import _vis_js

    assert html.count("<script") - _vis_js().count("<script") == 3


def test_the_palette_is_okabe_ito_and_shapes_tell_types_apart():
    from kg.web.page import TYPE_STYLE

    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    colours = [c for c, _, _ in TYPE_STYLE.values()]
    assert len(set(colours)) == len(colours)
    assert set(colours) - okabe_ito == {"#6b6b6b"}  # the eighth: a grey
    assert len({(c, s) for c, s, _ in TYPE_STYLE.values()}) == len(TYPE_STYLE)

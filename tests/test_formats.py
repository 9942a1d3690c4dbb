"""The format registry and the graph I/O module every command reads through."""

import pyoxigraph as ox
import pytest

from kg.errors import FormatError, InputError
from kg.graph.formats import Format, for_media_type, for_path, named, names, negotiate, register
from kg.graph.graphio import load_graph, load_store, read_quads


def test_names_suffixes_and_media_types():
    assert names("network") == ["graphml", "gexf"]
    assert names("results") == ["json", "xml", "csv", "tsv"]
    assert named("GEXF", "network").suffixes == (".gexf",)
    assert named(" Turtle ", "rdf").native == ox.RdfFormat.TURTLE
    assert for_path("a/b/graph.TRIG").name == "trig" and for_path("graph.trig").datasets
    assert for_path("ontology.owl").name == "rdfxml"
    assert for_media_type("application/json; charset=utf-8", "results").name == "json"
    assert named("csv", "results").content_type == "text/csv; charset=utf-8"
    assert named("json", "results").content_type == "application/sparql-results+json"


def test_unknown_formats_name_the_known_ones():
    with pytest.raises(FormatError) as e:
        named("dot", "network")
    assert (e.value.message, e.value.hint) == ("unknown export format 'dot'", "use graphml or gexf")
    with pytest.raises(InputError) as e:
        for_path("graph.docx")
    assert e.value.message == "cannot tell the format of graph.docx"
    assert ".trig" in e.value.hint and ".ttl" in e.value.hint


@pytest.mark.parametrize("accept, expected", [
    ("", "json"),
    ("*/*", "json"),
    ("text/csv", "csv"),
    ("text/csv;q=0.5, application/sparql-results+xml", "xml"),
    ("application/xml;q=0.9, text/tab-separated-values;q=0.95", "tsv"),
    ("text/*", "json"),
    ("text/csv;q=0, application/sparql-results+json;q=0.1", "json"),
    ("image/png", None),
])
def test_negotiation_follows_quality_then_order(accept, expected):
    found = negotiate(accept, "results")
    assert (found.name if found else None) == expected


def test_negotiation_among_offered_formats():
    assert negotiate("application/trig, text/turtle;q=0.5", "rdf", ["turtle", "nt"]).name == "turtle"
    assert negotiate("application/trig", "rdf", ["turtle", "nt"]) is None


def test_a_registered_format_is_found_and_written():
    register(Format("edges", "network", "text/plain", (".edges",), writer="tests_helpers:write_edge_list"))
    try:
        assert named("EDGES", "network").write.__name__ == "write_edge_list"
        assert for_path("net.edges", "network").name == "edges"
    finally:
        from kg.graph import formats

        formats._REGISTRY[:] = [f for f in formats._REGISTRY if f.name != "edges"]


def test_graphio_reads_files_and_store_folders_alike(built):
    from kg.graph.store import up_to_date

    out = built[0]
    up_to_date(out / "store")  # indexed as the first query would
    from_file = load_graph(out / "graph.trig")
    from_store = load_graph(out / "store")
    store = load_store(out / "graph.trig")
    union = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert len(union) == len(from_file) == len(from_store)
    assert sum(1 for _ in read_quads(out / "graph.ttl")) > 0


def test_graphio_errors_are_one_line_with_a_hint(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError) as e:
        list(read_quads(bad))
    assert e.value.message.startswith("bad.ttl is not valid Turtle") and "\n" not in e.value.message
    with pytest.raises(InputError) as e:
        read_quads(tmp_path)
    assert e.value.message == f"{tmp_path} is a folder, not a graph file"
    with pytest.raises(InputError) as e:
        read_quads(tmp_path / "missing.nt")
    assert e.value.message == f"{tmp_path / 'missing.nt'} does not exist"

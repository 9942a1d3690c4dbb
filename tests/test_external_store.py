"""Build into a real, stock Oxigraph server (PyPI package 'oxigraph'):
the Graph Store HTTP Protocol for each report's graph, SPARQL Update to
keep the default graph the union; the store follows the corpus."""

import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.cli import main
from kg.graph.query import format_result, run_query, saved_queries
from kg.graph.store import RemoteStore, open_store
from tests_helpers import free_port, running

OXIGRAPH = shutil.which("oxigraph")
pytestmark = pytest.mark.skipif(not OXIGRAPH, reason="the oxigraph server is not installed (pip install oxigraph)")

A = "株洲市人民代表大会常务委员会工作报告\n制定《株洲市城市绿化条例》。开展野生动物保护法执法检查。"
B = "湘潭市人民代表大会常务委员会工作报告\n开展野生动物保护法执法检查。"


@pytest.fixture()
def oxigraph(tmp_path):
    """A stock Oxigraph server: no flags, its default graph its own."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"]
    with running(cmd, base + "/query?query=ASK%7B%7D"):
        yield base


def ask(base, q, accept="text/tab-separated-values"):
    req = urllib.request.Request(f"{base}/query?{urllib.parse.urlencode({'query': q})}", headers={"Accept": accept})
    return urllib.request.urlopen(req, timeout=30).read().decode()


def graphs(base):
    """Each named graph's content as sorted N-Triples lines."""
    names = [line.strip()[1:-1] for line in ask(base, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }").splitlines()[1:]]
    out = {}
    for g in names:
        req = urllib.request.Request(f"{base}/store?{urllib.parse.urlencode({'graph': g})}", headers={"Accept": "application/n-triples"})
        out[g] = sorted(urllib.request.urlopen(req).read().decode().splitlines())
    return out


def default_graph(base):
    """The server's default graph as a set of N-Triples lines."""
    req = urllib.request.Request(f"{base}/store?default", headers={"Accept": "application/n-triples"})
    return set(urllib.request.urlopen(req).read().decode().splitlines())


def union_of(out):
    """The union of the build's document graphs (graph.trig), provenance
    included, as a set of N-Triples lines."""
    store = ox.Store()
    store.bulk_load(path=str(out / "graph.trig"))  # as a store keeps them (Oxigraph stores xsd:nonNegativeInteger as xsd:integer)
    triples = {q.triple for q in store}
    return set(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode().splitlines())


def test_build_query_rebuild(oxigraph, tmp_path, runner):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(A, encoding="utf-8")
    (reports / "b.txt").write_text(B, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(reports), "-o", str(out), "--store", oxigraph + "/store"])
    assert result.exit_code == 0, result.output
    assert "Store: 2 graphs sent, 0 removed, 0 unchanged" in result.output
    before = graphs(oxigraph)
    assert len(before) == 2
    assert default_graph(oxigraph) == union_of(out)

    result = runner.invoke(main, ["query", "--store", oxigraph + "/query",
                                  "SELECT ?l WHERE { ?r rdfs:label ?l FILTER(CONTAINS(?l, '保护法')) }", "--format", "csv"])
    assert result.exit_code == 0
    # the label both reports state comes back once: the default graph is the union, each triple once
    assert result.output.splitlines()[1:] == ["中华人民共和国野生动物保护法"]

    (reports / "a.txt").write_text(A.replace("制定《株洲市城市绿化条例》。", "制定《株洲市停车管理条例》。"), encoding="utf-8")
    result = runner.invoke(main, ["build", str(reports), "-o", str(out), "--store", oxigraph + "/store"])
    assert result.exit_code == 0, result.output
    assert "Store: 1 graph sent, 0 removed, 1 unchanged" in result.output
    after = graphs(oxigraph)
    doc_a = next(g for g in after if g.endswith("/doc/a.txt"))
    doc_b = next(g for g in after if g.endswith("/doc/b.txt"))
    assert after[doc_b] == before[doc_b]
    assert any("株洲市停车管理条例" in line for line in after[doc_a])
    assert not any("株洲市城市绿化条例" in line for line in after[doc_a])
    union = default_graph(oxigraph)
    assert union == union_of(out)
    assert not any("株洲市城市绿化条例" in line for line in union)
    # what b.txt states too stays in the union
    assert any("野生动物保护法" in line for line in union)


def test_three_pushed_one_removed_two_held_and_nothing_changed_sends_nothing(oxigraph, tmp_path, runner):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(A, encoding="utf-8")
    (reports / "b.txt").write_text(B, encoding="utf-8")
    (reports / "c.txt").write_text(B.replace("湘潭市", "邵阳市"), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(reports), "-o", str(out), "--store", oxigraph + "/store", "--no-html"])
    assert "Store: 3 graphs sent, 0 removed, 0 unchanged" in result.output
    assert len(graphs(oxigraph)) == 3

    (reports / "c.txt").unlink()
    result = runner.invoke(main, ["build", str(reports), "-o", str(out), "--store", oxigraph + "/store", "--no-html"])
    assert result.exit_code == 0, result.output
    assert "Store: 0 graphs sent, 1 removed, 2 unchanged" in result.output
    held = graphs(oxigraph)
    assert sorted(g.rsplit("/", 1)[1] for g in held) == ["a.txt", "b.txt"]
    union = default_graph(oxigraph)
    assert union == union_of(out)
    assert not any("邵阳市" in line for line in union)

    result = runner.invoke(main, ["build", str(reports), "-o", str(out), "--store", oxigraph + "/store", "--no-html"])
    assert "Store: 0 graphs sent, 0 removed, 2 unchanged" in result.output
    assert graphs(oxigraph) == held


def test_a_server_that_lost_its_graphs_gets_them_again(oxigraph, tmp_path, runner):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(A, encoding="utf-8")
    out = tmp_path / "out"
    runner.invoke(main, ["build", str(reports), "-o", str(out), "--store", oxigraph + "/store", "--no-html"])
    urllib.request.urlopen(urllib.request.Request(oxigraph + "/update", data=urllib.parse.urlencode({"update": "DROP ALL"}).encode(),
                                                  headers={"Content-Type": "application/x-www-form-urlencoded"}))
    result = runner.invoke(main, ["build", str(reports), "-o", str(out), "--store", oxigraph + "/store", "--no-html"])
    assert "Store: 1 graph sent, 0 removed, 0 unchanged" in result.output
    assert default_graph(oxigraph) == union_of(out)


PROVINCIAL = Path(__file__).parent / "data" / "provincial"


def test_the_saved_questions_answer_on_a_stock_server_as_on_the_embedded_store(oxigraph, tmp_path, sample_path):
    """The provincial reports and Hengyang in a stock Oxigraph: each saved
    question gives exactly the embedded store's rows (the questions read
    the default graph; the build keeps it the union, each triple once)."""
    out = tmp_path / "out"
    build([PROVINCIAL, sample_path], out, html=False, store=True, remote=oxigraph + "/store")
    embedded = open_store(out / "store")
    remote = RemoteStore(oxigraph + "/query", timeout=30)  # the bound for each question
    for name, saved in sorted(saved_queries().items()):
        here = format_result(run_query(embedded, saved.text, "csv"), "csv").splitlines()
        there = format_result(run_query(remote, saved.text, "csv"), "csv").splitlines()
        assert there[0] == here[0], name
        assert sorted(there[1:]) == sorted(here[1:]), name
        assert len(here) > 1, name


def test_unreachable_store(runner, tmp_path, sample_path):
    port = free_port()
    result = runner.invoke(main, ["build", str(sample_path), "-o", str(tmp_path), "--store", f"http://127.0.0.1:{port}/store"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot reach http://127.0.0.1:{port}/")

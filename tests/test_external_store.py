"""Build into a real Oxigraph server (PyPI package 'oxigraph') through the
Graph Store HTTP Protocol, query it, rebuild one document."""

import shutil
import urllib.parse
import urllib.request

import pytest

from kg.cli import main
from tests_helpers import free_port, running

OXIGRAPH = shutil.which("oxigraph")
pytestmark = pytest.mark.skipif(not OXIGRAPH, reason="the oxigraph server is not installed (pip install oxigraph)")

A = "株洲市人民代表大会常务委员会工作报告\n制定《株洲市城市绿化条例》。开展野生动物保护法执法检查。"
B = "湘潭市人民代表大会常务委员会工作报告\n开展野生动物保护法执法检查。"


@pytest.fixture()
def oxigraph(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    with running(cmd, base + "/query?query=ASK%7B%7D"):
        yield base


def graphs(base):
    """Each named graph's content as sorted N-Triples lines."""
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    req = urllib.request.Request(f"{base}/query?{urllib.parse.urlencode({'query': q})}", headers={"Accept": "text/tab-separated-values"})
    names = [line.strip()[1:-1] for line in urllib.request.urlopen(req).read().decode().splitlines()[1:]]
    out = {}
    for g in names:
        req = urllib.request.Request(f"{base}/store?{urllib.parse.urlencode({'graph': g})}", headers={"Accept": "application/n-triples"})
        out[g] = sorted(urllib.request.urlopen(req).read().decode().splitlines())
    return out


def test_build_query_rebuild(oxigraph, tmp_path, runner):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(A, encoding="utf-8")
    (reports / "b.txt").write_text(B, encoding="utf-8")
    result = runner.invoke(main, ["build", str(reports), "-o", str(tmp_path / "out"), "--store", oxigraph + "/store"])
    assert result.exit_code == 0, result.output
    before = graphs(oxigraph)
    assert len(before) == 2

    result = runner.invoke(main, ["query", "--store", oxigraph + "/query",
                                  "SELECT DISTINCT ?l WHERE { ?b kgo:inspects ?r . ?r rdfs:label ?l }", "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines()[1:] == ["中华人民共和国野生动物保护法"]

    (reports / "a.txt").write_text(A.replace("制定《株洲市城市绿化条例》。", "制定《株洲市停车管理条例》。"), encoding="utf-8")
    result = runner.invoke(main, ["build", str(reports / "a.txt"), "-o", str(tmp_path / "out2"), "--store", oxigraph + "/store"])
    assert result.exit_code == 0, result.output
    after = graphs(oxigraph)
    doc_a = next(g for g in after if g.endswith("/doc/a.txt"))
    doc_b = next(g for g in after if g.endswith("/doc/b.txt"))
    assert after[doc_b] == before[doc_b]
    assert after[doc_a] != before[doc_a]
    assert any("株洲市停车管理条例" in line for line in after[doc_a])
    assert not any("株洲市城市绿化条例" in line for line in after[doc_a])


def test_unreachable_store(runner, tmp_path, sample_path):
    port = free_port()
    result = runner.invoke(main, ["build", str(sample_path), "-o", str(tmp_path), "--store", f"http://127.0.0.1:{port}/store"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot reach http://127.0.0.1:{port}/store?graph=")

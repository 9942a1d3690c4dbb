"""Corpus builds: one IRI per thing across reports, locality-bound
abbreviations, incremental rebuilds, failures that do not stop the build,
and outputs that survive a killed build."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal

from kg.build import build
from kg.cli import main

HUNAN = "2025年湖南省政府工作报告\n——2025年1月10日在湖南省第十四届人民代表大会第三次会议上\n省长 张三\n省政府出台《湖南省招商引资条例》。开展野生动物保护法执法检查。"
SICHUAN = "2025年四川省政府工作报告\n——2025年1月12日在四川省第十四届人民代表大会第三次会议上\n省长 李四\n省政府出台《四川省招商引资条例》。开展野生动物保护法执法检查。"


@pytest.fixture()
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "hunan.txt").write_text(HUNAN, encoding="utf-8")
    (folder / "sichuan.txt").write_text(SICHUAN, encoding="utf-8")
    return folder


def subjects_labelled(graph: Graph, label: str):
    return sorted(str(s) for s in graph.subjects(RDFS.label, Literal(label, lang="zh")))


def test_one_iri_per_thing_and_local_abbreviations(reports, tmp_path):
    build([reports], tmp_path / "out", html=False)
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert len(subjects_labelled(g, "中华人民共和国野生动物保护法")) == 1
    hunan = subjects_labelled(g, "湖南省人民政府")
    sichuan = subjects_labelled(g, "四川省人民政府")
    assert len(hunan) == 1 and len(sichuan) == 1 and hunan != sichuan
    law = subjects_labelled(g, "中华人民共和国野生动物保护法")[0]
    from kg.graph.rdf import KGO

    assert len(list(g.objects(predicate=KGO.mentionedIn, subject=__import__("rdflib").URIRef(law)))) == 2


def test_touching_one_document_rebuilds_only_it(reports, tmp_path):
    first = build([reports], tmp_path / "out", html=False)
    assert sorted(first.extracted) == ["hunan.txt", "sichuan.txt"]
    again = build([reports], tmp_path / "out", html=False)
    assert again.extracted == () and sorted(again.reused) == ["hunan.txt", "sichuan.txt"]
    (reports / "hunan.txt").write_text(HUNAN.replace("招商引资", "优化营商环境"), encoding="utf-8")
    third = build([reports], tmp_path / "out", html=False)
    assert third.extracted == ("hunan.txt",) and third.reused == ("sichuan.txt",)
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert subjects_labelled(g, "湖南省优化营商环境条例") and not subjects_labelled(g, "湖南省招商引资条例")
    (reports / "sichuan.txt").unlink()
    fourth = build([reports], tmp_path / "out", html=False)
    assert fourth.documents == ("hunan.txt",)
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert not subjects_labelled(g, "四川省人民政府")
    cached = {p.name.split(".", 1)[0] for p in (tmp_path / "out" / ".cache").iterdir() if p.name not in ("manifest.json", "lock")}
    assert len(cached) == 1  # the removed report's entry is gone


def test_parallel_build_gives_the_same_bytes(reports, tmp_path):
    build([reports], tmp_path / "one", jobs=1)
    build([reports], tmp_path / "two", jobs=2)
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_unreadable_document_is_reported_and_skipped(reports, tmp_path, runner):
    (reports / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00")
    result = runner.invoke(main, ["build", str(reports), "-o", str(tmp_path / "out"), "--no-html", "-j", "1"])
    assert result.exit_code == 1
    assert "Built 2 documents: hunan.txt, sichuan.txt" in result.output
    assert result.stderr == "Error: broken.txt: broken.txt is a binary file, not a text report (hint: give a plain-text report (.txt) in UTF-8, GB18030 or UTF-16)\n"
    assert (tmp_path / "out" / "graph.ttl").exists()


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*")) if ".cache" not in p.parts and ".staging" not in str(p)}


def test_killed_build_leaves_the_previous_output(tmp_path, sample_path):
    out = tmp_path / "out"
    build([sample_path], out, html=True, store=True)
    before = snapshot(out)
    assert "store/kg-store" in before
    many = tmp_path / "many"
    many.mkdir()
    text = Path(sample_path).read_text(encoding="utf-8")
    for i in range(40):
        (many / f"r{i:02d}.txt").write_text(f"副本{i}\n" + text, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(many), "-o", str(out), "-j", "1", "-q", "--index"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    # kill it midway: some of the 40 reports extracted, the rest not
    deadline = time.monotonic() + 60
    while len(list((out / ".cache").glob("*.facts.nt"))) < 10 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = snapshot(out)
    assert {k: v for k, v in after.items() if not k.startswith(".")} == {k: v for k, v in before.items() if not k.startswith(".")}


def all_quads(store_folder: Path) -> set:
    import pyoxigraph as ox

    db = ox.Store.read_only(str(store_folder / "db"))
    return {str(q) for q in db.quads_for_pattern(None, None, None, None)}


def test_store_updates_only_the_graphs_of_changed_reports(reports, tmp_path):
    from kg.graph.store import IndexChange, index_build

    out = tmp_path / "out"
    for province, name in (("广西", "guangxi"), ("江西", "jiangxi"), ("山西", "shanxi"), ("陕西", "shaanxi")):
        (reports / f"{name}.txt").write_text(HUNAN.replace("湖南", province).replace("张三", "王五"), encoding="utf-8")
    build([reports], out)
    assert index_build(out) == IndexChange(whole=True, added=6)
    # one report changed, one removed: the store is updated in place
    (reports / "hunan.txt").write_text(HUNAN + "开展食品安全法执法检查。", encoding="utf-8")
    (reports / "guangxi.txt").unlink()
    build([reports], out)
    assert index_build(out) == IndexChange(whole=False, removed=1, replaced=1, added=0)
    updated = all_quads(out / "store")
    # the same quads as a store made from nothing: the union lost only what
    # no remaining report states (the wildlife law stays, Sichuan names it)
    fresh = tmp_path / "fresh"
    build([reports], fresh)
    index_build(fresh)
    assert updated == all_quads(fresh / "store")
    assert any("食品安全法" in q for q in updated)
    assert not any("广西" in q for q in updated)
    assert any("野生动物保护法" in q and "<https://w3id.org/govreport-kg/id/doc/sichuan.txt>" not in q for q in updated)


PROVINCIAL = Path(__file__).parent / "data" / "provincial"


def test_the_provincial_reports_are_26_reports_each_issued_delivered_and_presented(tmp_path):
    """Every provincial report is its own Report node, with one issuing
    body, one speaker and one session, whatever shape its header has."""
    build([PROVINCIAL], tmp_path / "out", html=False, jobs=2)
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    kgo = "https://w3id.org/govreport-kg/ontology#"
    from rdflib import RDF, URIRef

    reports = set(g.subjects(RDF.type, URIRef(kgo + "WorkReport")))
    assert len(reports) == 26
    for report in reports:
        for p in ("issuedBy", "deliveredBy", "presentedAt"):
            assert len(set(g.objects(report, URIRef(kgo + p)))) == 1, (report, p)
    labels = sorted(str(g.value(r, RDFS.label)) for r in reports)
    assert "2026年新疆维吾尔自治区政府工作报告" in labels and "2026年海南省政府工作报告" in labels

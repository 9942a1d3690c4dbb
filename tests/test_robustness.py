"""What an adversarial run found, each with a test that failed before the
fix: same-named reports, kills while outputs are published, workers that
outlive their parent, and extraction that must stay linear."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

from kg.build import build

REPORT = "2025年{p}政府工作报告\n——2025年1月10日在{p}第十四届人民代表大会第三次会议上\n省长 张三\n省政府出台《{p}招商引资条例》。{extra}"


def write(folder: Path, name: str, province: str, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(REPORT.format(p=province, extra=extra), encoding="utf-8")
    return path


def test_same_named_reports_in_different_folders_are_two_documents(tmp_path):
    write(tmp_path / "a" / "x", "report.txt", "湖南省", "开展野生动物保护法执法检查。")
    write(tmp_path / "b" / "x", "report.txt", "四川省", "建成成都天府国际机场。")
    build([tmp_path / "a", tmp_path / "b"], tmp_path / "out", html=False)
    ds = Dataset()
    ds.parse(tmp_path / "out" / "graph.trig", format="trig")
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    texts = {}
    for g in ds.graphs():
        for s, o in g.subject_objects(URIRef(nif + "isString")):
            texts[str(s)] = str(o)
    assert sorted(texts) == [
        "https://w3id.org/govreport-kg/id/doc/a%2Fx%2Freport.txt",
        "https://w3id.org/govreport-kg/id/doc/b%2Fx%2Freport.txt",
    ]
    spans = 0
    for g in ds.graphs():
        for node, anchor in g.subject_objects(URIRef(nif + "anchorOf")):
            ctx = g.value(node, URIRef(nif + "referenceContext"))
            begin = int(g.value(node, URIRef(nif + "beginIndex")))
            end = int(g.value(node, URIRef(nif + "endIndex")))
            assert texts[str(ctx)][begin:end] == str(anchor)
            spans += 1
    assert spans > 10


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from kg.build import build
    k = int(sys.argv[1]); calls = [0]
    for name in ("replace", "rename"):
        real = getattr(os, name)
        def patched(*a, _real=real, **kw):
            calls[0] += 1
            if calls[0] == k:
                os.kill(os.getpid(), signal.SIGKILL)
            return _real(*a, **kw)
        setattr(os, name, patched)
    build([sys.argv[2]], sys.argv[3], jobs=1)
    print("completed", calls[0])
    """
)


def outputs(folder: Path) -> dict:
    return {n: (folder / n).read_bytes() for n in ("graph.ttl", "graph.trig", "graph.html")}


def test_a_build_killed_at_any_rename_is_repaired_by_the_next(tmp_path):
    original, changed = tmp_path / "original", tmp_path / "changed"
    for folder, extra in ((original, "开展野生动物保护法执法检查。"), (changed, "建成长沙黄花国际机场。")):
        write(folder, "hunan.txt", "湖南省", extra)
        write(folder, "sichuan.txt", "四川省", extra)
    clean = tmp_path / "clean"
    build([original], clean, jobs=1)
    expected = outputs(clean)
    k, killed_at = 1, []
    while True:
        out = tmp_path / f"out{k}"
        build([original], out, jobs=1)
        run = subprocess.run([sys.executable, "-c", KILLER, str(k), str(changed), str(out)], capture_output=True, text=True)
        if run.returncode == 0:
            assert "completed" in run.stdout
            break
        assert run.returncode == -signal.SIGKILL
        killed_at.append(k)
        build([original], out, jobs=1)
        assert outputs(out) == expected, f"killed at rename {k}"
        k += 1
    assert len(killed_at) >= 9  # every cache entry, every output, the manifest


def test_workers_die_with_the_build(tmp_path):
    corpus = tmp_path / "corpus"
    body = "建设长沙黄花国际机场，推进湘江新区建设。" * 4000
    for i in range(8):
        write(corpus, f"r{i}.txt", "湖南省", body)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(tmp_path / "out"), "--jobs", "2", "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    children = []
    deadline = time.time() + 30
    while time.time() < deadline and len(children) < 2:
        time.sleep(0.2)
        children = _children(proc.pid)
    assert len(children) >= 2, "the workers started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 5
    while time.time() < deadline and any(_alive(c) for c in children):
        time.sleep(0.1)
    assert not any(_alive(c) for c in children)


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


def test_text_without_punctuation_builds_in_linear_time(tmp_path):
    """200,000 characters in one sentence: every stage linear in its
    length (it was quadratic: 80,000 characters took 20 s)."""
    import logging

    import jieba

    base = "推进长沙黄花国际机场建设实施提振消费专项行动加快湘江新区发展"
    text = (base * 8000)[:200_000]
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    (tmp_path / "title.txt").write_text("制定《" + "长沙" * 50_000 + "条例》。", encoding="utf-8")
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    t = time.perf_counter()
    list(tokenizer.cut(text))
    bare = time.perf_counter() - t
    t = time.perf_counter()
    build([tmp_path / "long.txt", tmp_path / "title.txt"], tmp_path / "out", jobs=1)
    ours = time.perf_counter() - t
    assert ours <= 10 * bare, (ours, bare)

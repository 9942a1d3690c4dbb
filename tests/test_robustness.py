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
    # evidence is a window around each mention, not the whole sentence once per entity
    assert (tmp_path / "out" / "graph.html").stat().st_size <= 20_000_000
    for evidence in (tmp_path / "out" / ".cache").glob("*.evidence.json"):
        for items in json.loads(evidence.read_text(encoding="utf-8")).values():
            assert all(len(item["text"]) <= 2 * 120 + 2 + (item["end"] - item["start"]) for item in items)


# --- clean errors everywhere ---------------------------------------------------------

from click.testing import CliRunner  # noqa: E402

from kg.cli import main  # noqa: E402
from kg.ingest import decode  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "reports" / "hengyang-2021.txt"


def cli(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def one_line_error(code, err, contains):
    """Exit 1 and one line of error (after at most a note of what was being done)."""
    assert code == 1, err
    lines = err.splitlines()
    assert lines[-1].startswith("Error: ") and contains in lines[-1] and "Traceback" not in err, err
    assert len(lines) == 1 or (len(lines) == 2 and lines[0].startswith("Indexing ")), err


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_copies_read_as_the_report(encoding):
    text = SAMPLE.read_text(encoding="utf-8")
    assert decode(text.encode(encoding)) == (text, encoding)


def test_big5_is_read_as_big5_not_as_gb18030_nonsense(tmp_path):
    traditional = "臺灣省人民代表大會常務委員會工作報告\n制定《臺北市環境保護條例》，推動經濟發展。"
    assert decode(traditional.encode("big5")) == (traditional, "big5")
    text, encoding = decode(SAMPLE.read_text(encoding="utf-8").encode("big5", errors="replace"))
    assert encoding == "big5" and "\x00" not in text and "衡" in text


def test_file_names_with_line_separators_build(tmp_path):
    for i, sep in enumerate(["\u2028", "\u2029", "\u0085"]):
        write(tmp_path / "in", f"r{i}{sep}x.txt", "湖南省")
    code, out, err = cli("build", tmp_path / "in", "-o", tmp_path / "out", "--no-html")
    assert code == 0, err
    assert "Built 3 documents" in out


def test_an_unreadable_sub_folder_is_reported_and_the_build_exits_1(tmp_path, monkeypatch):
    import kg.ingest

    write(tmp_path / "in", "a.txt", "湖南省")
    (tmp_path / "in" / "locked").mkdir()
    real = os.walk

    def walk(top, onerror=None, **kw):
        for root, dirs, files in real(top, onerror=onerror, **kw):
            if Path(root).name == "locked":
                onerror(PermissionError(13, "Permission denied", root))
                continue
            yield root, dirs, files

    monkeypatch.setattr(kg.ingest.files.os, "walk", walk)
    code, out, err = cli("build", tmp_path / "in", "-o", tmp_path / "out", "--no-html")
    assert code == 1 and "Built 1 document" in out
    assert "cannot read folder" in err and "locked: Permission denied" in err


def test_an_unreadable_file_given_directly_exits_1(tmp_path, monkeypatch):
    import builtins

    import kg.ingest

    path = write(tmp_path, "a.txt", "湖南省")
    real = builtins.open

    def deny(file, *a, **kw):
        if str(file) == str(path.resolve()):
            raise PermissionError(13, "Permission denied", str(file))
        return real(file, *a, **kw)

    monkeypatch.setattr(kg.ingest.files, "open", deny, raising=False)
    code, out, err = cli("build", path, "-o", tmp_path / "out")
    one_line_error(code, err, "Permission denied")


def test_a_second_build_into_the_same_folder_says_who_holds_it(tmp_path):
    from kg.build import OutputLock

    path = write(tmp_path, "a.txt", "湖南省")
    (tmp_path / "out" / ".cache").mkdir(parents=True)
    with OutputLock(tmp_path / "out"):
        code, out, err = cli("build", path, "-o", tmp_path / "out")
    one_line_error(code, err, f"another build (process {os.getpid()}) is writing")
    code, out, err = cli("build", path, "-o", tmp_path / "out", "--no-html")
    assert code == 0


def test_a_full_disk_is_one_line_with_two_jobs(tmp_path):
    for i in range(4):
        write(tmp_path / "in", f"r{i}.txt", "湖南省", "建设长沙黄花国际机场。" * 200)
    script = textwrap.dedent(
        """
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))  # files past 20 kB fail as on a full disk
        from kg.cli import main
        sys.argv = ["kg", "build", sys.argv[1], "-o", sys.argv[2], "--jobs", "2", "-q"]
        main()
        """
    )
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path / "in"), str(tmp_path / "out")], capture_output=True, text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines()[-1].startswith("Error: ")
    assert len([l for l in run.stderr.splitlines() if l.strip()]) <= 3
    # the hint names the cause, not the permissions
    assert "check the path and its permissions" not in run.stderr


def test_an_endpoint_answering_html_is_an_error(tmp_path):
    import http.server
    import threading

    class Html(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = b"<html><body>login</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Html)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        code, out, err = cli("query", "--store", f"http://127.0.0.1:{server.server_address[1]}/query", "ASK { ?s ?p ?o }")
    finally:
        server.shutdown()
    one_line_error(code, err, "answered text/html, not SPARQL results")


def test_a_malformed_url_is_an_error():
    code, out, err = cli("query", "--store", "http://[::1/query", "ASK { ?s ?p ?o }")
    one_line_error(code, err, "malformed URL")


def test_a_truncated_trig_is_not_indexed_in_part(tmp_path):
    write(tmp_path / "in", "a.txt", "湖南省")
    write(tmp_path / "in", "b.txt", "四川省")
    build([tmp_path / "in"], tmp_path / "out", html=False)
    trig = tmp_path / "out" / "graph.trig"
    data = trig.read_bytes()
    trig.write_bytes(data[: len(data) // 2])
    code, out, err = cli("query", tmp_path / "out" / "store", "ASK { ?s ?p ?o }")
    one_line_error(code, err, "graph.trig")
    cut = data.index(b"}\n") + 2  # whole graphs, but not all of them
    trig.write_bytes(data[:cut])
    code, out, err = cli("query", tmp_path / "out" / "store", "ASK { ?s ?p ?o }")
    one_line_error(code, err, "lacks 1 of the 2 documents")


def test_a_corrupt_store_is_an_error(tmp_path):
    write(tmp_path / "in", "a.txt", "湖南省")
    build([tmp_path / "in"], tmp_path / "out", html=False, store=True)
    for f in (tmp_path / "out" / "store" / "db").iterdir():
        if f.is_file():
            f.write_bytes(b"\x00garbage" * 10)
    code, out, err = cli("query", "--store", tmp_path / "out" / "store", "ASK { ?s ?p ?o }")
    one_line_error(code, err, "store")


@pytest.mark.parametrize("gold, message", [
    ({"entities": [{"id": "E1", "type": "Place"}]}, "entity 1 lacks an id, type or name"),
    ({"entities": [], "relations": [{"subject": "E1"}]}, "relation 1 lacks"),
    ({"entities": "E1"}, "has no 'entities' list"),
])
def test_a_gold_file_of_the_wrong_shape_is_an_error(tmp_path, gold, message):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    write(tmp_path / "in", "a.txt", "湖南省")
    build([tmp_path / "in"], tmp_path / "out", html=False)
    code, out, err = cli("evaluate", path, tmp_path / "out" / "graph.ttl")
    one_line_error(code, err, message)


def test_a_report_past_the_size_limit_is_refused_in_bounded_memory(tmp_path):
    from kg.ingest import MAX_REPORT_BYTES

    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(MAX_REPORT_BYTES + 1)
    code, out, err = cli("build", big, "-o", tmp_path / "out")
    one_line_error(code, err, "larger than 10 MB")
    t = time.time()
    code, out, err = cli("build", "/dev/zero", "-o", tmp_path / "out2")
    one_line_error(code, err, "/dev/zero is not a regular file")
    assert time.time() - t < 10


def test_a_fifo_given_as_input_is_refused_at_once(tmp_path):
    """A FIFO given as a report waited for a writer forever."""
    fifo = tmp_path / "r.txt"
    os.mkfifo(fifo)
    t = time.time()
    code, out, err = cli("build", fifo, "-o", tmp_path / "out")
    one_line_error(code, err, f"{fifo} is not a regular file")
    assert time.time() - t < 10


def test_an_escape_in_a_file_name_is_not_sent_to_the_terminal(tmp_path):
    folder = tmp_path / "in"
    write(folder, "a\x1b[31mred.txt", "湖南省")
    code, out, err = cli("build", folder, "-o", tmp_path / "out", "--no-html", "-q")
    assert code == 0 and "\x1b" not in out and "a\\x1b[31mred.txt" in out


def test_control_characters_after_the_text_are_refused_in_one_line(runner, tmp_path):
    """A report followed by megabytes of U+0001 lines built a graph.trig no
    reader could take; binary bytes after 4,000 characters were accepted."""
    from kg.cli import main

    report = tmp_path / "r.txt"
    report.write_bytes(("衡阳市人民代表大会常务委员会工作报告\n" + "开展执法检查。" * 600 + "\n").encode("utf-8") + b"\x01\n" * 300_000)
    result = runner.invoke(main, ["build", str(report), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert result.stderr == "Error: r.txt is a binary file, not a text report (hint: give a plain-text report (.txt) in UTF-8, GB18030 or UTF-16)\n"


def test_a_stray_control_character_is_dropped_and_every_command_reads_the_graph(runner, tmp_path):
    from kg.cli import main

    report = tmp_path / "r.txt"
    report.write_text("衡阳市人民代表大会常务委员会工作报告\n开展\x01执法\x1b检查，审议\x07《衡阳市扬尘污染防治条例》。\n"
                      + "全市经济社会发展稳中有进。" * 20 + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(report), "-o", str(out), "-q"]).exit_code == 0
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    assert "\\u0001" not in trig and "\\u001B" not in trig and "\x01" not in trig
    result = runner.invoke(main, ["query", str(out / "graph.trig"), "SELECT ?l WHERE { ?r a kgo:LocalRegulation ; rdfs:label ?l }"])
    assert result.exit_code == 0 and "衡阳市扬尘污染防治条例" in result.stdout


def test_a_folder_with_a_gbk_named_file_builds_every_report(runner, tmp_path, sample_path):
    """A file name that is not UTF-8 (GBK, as archives made on Chinese
    Windows unpack) aborted the whole build with an internal error."""
    import os

    from kg.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    gbk = os.fsdecode("衡阳报告.txt".encode("gbk"))
    (folder / gbk).write_bytes(sample_path.read_bytes())
    (folder / "ok.txt").write_text("衡阳市人民代表大会常务委员会工作报告\n开展执法检查。", encoding="utf-8")
    result = runner.invoke(main, ["build", str(folder), "-o", str(tmp_path / "out"), "-q", "--no-html"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Built 2 documents: ok.txt, 衡阳报告.txt\n")
    trig = (tmp_path / "out" / "graph.trig").read_text(encoding="utf-8")
    assert "衡阳报告.txt" in trig

"""The command line: exact messages and exit codes."""

import json

import pytest

from kg.cli import main

GOLD = str(__import__("pathlib").Path(__file__).parent / "data" / "gold" / "hengyang-2021.json")


def run(runner, *args):
    result = runner.invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output, result.stderr if hasattr(result, "stderr") else ""


def test_build_summary(runner, tmp_path, sample_path):
    code, out, _ = run(runner, "build", str(sample_path), "-o", str(tmp_path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Built 1 document: hengyang-2021.txt"
    assert lines[1] == "Entities:"
    assert [l.split()[0] for l in lines[2:11]] == [
        "Organization", "Place", "Regulation", "Project", "Person", "Meeting", "Policy", "Report", "total",
    ]
    assert lines[11].startswith("Relations: ")
    assert "Flagged: hengyang-2021.txt: 衡峰区: likely 雁峰区" in lines
    assert lines[-1] == f"Wrote: {tmp_path / 'graph.ttl'}, {tmp_path / 'graph.trig'}, {tmp_path / 'graph.html'}"
    assert not (tmp_path / "store").exists()  # indexed by the first query


def test_build_index_writes_the_store_at_once(runner, tmp_path, sample_path):
    code, out, _ = run(runner, "build", str(sample_path), "-o", str(tmp_path), "--index")
    assert code == 0
    assert out.splitlines()[-1].endswith(f"{tmp_path / 'graph.html'}, {tmp_path / 'store'}")
    result = runner.invoke(main, ["query", "--store", str(tmp_path / "store"), "ASK { ?s a kgo:Document }"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "true\n", "")
    # nothing changed: neither the files nor the store are made again
    marker = tmp_path / "store" / "kg-store"
    stamp = (marker.stat().st_mtime_ns, (tmp_path / "graph.trig").stat().st_mtime_ns)
    code, out, _ = run(runner, "build", str(sample_path), "-o", str(tmp_path), "--index")
    assert code == 0 and out.splitlines()[-1].endswith(f"{tmp_path / 'store'}")
    assert (marker.stat().st_mtime_ns, (tmp_path / "graph.trig").stat().st_mtime_ns) == stamp


def test_first_query_indexes_the_build_and_a_rebuild_makes_it_stale(runner, tmp_path, sample_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, ["build", str(sample_path)]).exit_code == 0
    ask = "ASK { ?d kgo:sourceFile 'copy.txt' }"
    first = runner.invoke(main, ["query", ask])
    assert (first.exit_code, first.stdout) == (0, "false\n")
    assert first.stderr == "Indexing output/graph.trig into output/store (once per build) ...\n"
    again = runner.invoke(main, ["query", ask])
    assert (again.exit_code, again.stdout, again.stderr) == (0, "false\n", "")
    # a new build: the store no longer matches graph.trig and is made again
    (tmp_path / "copy.txt").write_bytes(sample_path.read_bytes())
    assert runner.invoke(main, ["build", str(sample_path), "copy.txt"]).exit_code == 0
    after = runner.invoke(main, ["query", ask])
    assert (after.exit_code, after.stdout) == (0, "true\n")
    assert after.stderr.startswith("Indexing ")


def test_build_default_is_the_bundled_sample(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(runner, "build")
    assert code == 0
    assert out.startswith("Built 1 document: hengyang-2021.txt")
    assert (tmp_path / "output" / "graph.ttl").exists()
    assert (tmp_path / "output" / "graph.trig").exists()
    assert (tmp_path / "output" / "graph.html").exists()


BAD_INPUTS = [
    ("missing", None, "does not exist (hint: check the path, or run 'kg build' with no argument for the bundled sample)"),
    ("emptydir", None, "holds no reports (no .txt files) (hint: put plain-text reports ending in .txt in the folder)"),
    ("empty.txt", b"", "empty.txt is empty (hint: give a report with text in it)"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary.txt is a binary file, not a text report (hint: give a plain-text report (.txt) in UTF-8, GB18030 or UTF-16)"),
    ("latin.txt", b"\x82\xa0\x82\xa2\xff\xfe\xfd", "latin.txt is in no supported text encoding (hint: convert it to UTF-8 (e.g. iconv -f SHIFT-JIS -t UTF-8), or GB18030 or UTF-16)"),
]


@pytest.mark.parametrize("name, data, message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_build_bad_input(runner, tmp_path, name, data, message):
    target = tmp_path / name
    if name == "emptydir":
        target.mkdir()
    elif data is not None:
        target.write_bytes(data)
    out_dir = tmp_path / "out"
    result = runner.invoke(main, ["build", str(target), "-o", str(out_dir)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: ")
    assert result.stderr.rstrip("\n").endswith(message)
    assert "Traceback" not in result.output
    assert not out_dir.exists()


def test_failed_build_keeps_previous_output(runner, tmp_path, sample_path):
    out_dir = tmp_path / "out"
    assert runner.invoke(main, ["build", str(sample_path), "-o", str(out_dir), "--index"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out_dir.iterdir() if p.is_file()}
    store_before = sorted(p.name for p in (out_dir / "store").rglob("*"))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = runner.invoke(main, ["build", str(sample_path), str(bad), "-o", str(out_dir)])
    assert result.exit_code == 1
    assert {p.name: p.read_bytes() for p in out_dir.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in (out_dir / "store").rglob("*")) == store_before


@pytest.fixture()
def graph(built):
    return str(built[0] / "graph.ttl")


SELECT = "SELECT ?name WHERE { ?p a kgo:Person ; rdfs:label ?name } ORDER BY ?name LIMIT 2"


def test_query_formats(runner, graph):
    code, out, _ = run(runner, "query", graph, SELECT)
    assert code == 0
    assert out.splitlines()[0] == "name"
    assert out.splitlines()[-1] == "(2 rows)"
    code, out, _ = run(runner, "query", graph, SELECT, "--format", "json")
    data = json.loads(out)
    assert data["head"]["vars"] == ["name"] and len(data["results"]["bindings"]) == 2
    code, out, _ = run(runner, "query", graph, SELECT, "--format", "csv")
    assert out.splitlines()[0] == "name" and len(out.splitlines()) == 3
    code, out, _ = run(runner, "query", graph, SELECT, "--format", "tsv")
    assert out.splitlines()[0] == "?name" and out.splitlines()[1].endswith('"@zh')
    code, out, _ = run(runner, "query", graph, SELECT, "--format", "xml")
    assert out.startswith("<?xml") and "sparql-results" in out
    code, out, _ = run(runner, "query", graph, "ASK { ?s a kgo:Document }")
    assert (code, out) == (0, "true\n")
    code, out, _ = run(runner, "query", graph, "CONSTRUCT { ?s a kgo:Document } WHERE { ?s a kgo:Document }", "--format", "nt")
    assert code == 0 and out.count("\n") == 1


def test_query_from_file(runner, graph, tmp_path):
    q = tmp_path / "q.rq"
    q.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a kgo:Document }", encoding="utf-8")
    code, out, _ = run(runner, "query", graph, "-f", str(q), "--format", "csv")
    assert (code, out) == (0, "n\n1\n")  # CliRunner folds the CSV's CRLF


def test_malformed_sparql(runner, graph):
    result = runner.invoke(main, ["query", graph, "SELEC ?x WHERE {"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: malformed SPARQL: ")
    assert result.stderr.count("\n") == 1


def test_unknown_format_is_a_usage_error(runner, graph):
    result = runner.invoke(main, ["query", graph, SELECT, "--format", "yaml"], prog_name="kg")
    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: kg query [OPTIONS] [GRAPH] QUERY\nTry 'kg query --help' for help.\n\n"
        "Error: Invalid value for '--format': 'yaml' is not one of 'table', 'json', 'xml', 'csv', 'tsv', 'turtle', 'nt'.\n"
    )


def test_missing_graph(runner, tmp_path):
    result = runner.invoke(main, ["query", str(tmp_path / "nope.ttl"), SELECT])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope.ttl'} does not exist (hint: build a graph first with 'kg build', or give a graph file or store folder)\n"


def test_usage_error_exit_code(runner):
    result = runner.invoke(main, ["query"])
    assert result.exit_code == 2


def test_validate(runner, graph, tmp_path):
    code, out, _ = run(runner, "validate", graph)
    assert (code, out) == (0, f"{graph}: conforms\n")
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kgo: <https://w3id.org/govreport-kg/ontology#> .\n"
        "<https://example.org/x> a kgo:Person ; kgo:holdsPosition <https://example.org/y> .\n"
        "<https://example.org/y> a kgo:Place .\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith(f"{bad}: does not conform (")
    result = runner.invoke(main, ["validate", str(tmp_path / "missing.ttl")])
    assert result.exit_code == 2
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    assert runner.invoke(main, ["validate", str(broken)]).exit_code == 2


def test_evaluate(runner, graph):
    code, out, _ = run(runner, "evaluate", GOLD, graph)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "document: hengyang-2021.txt"
    assert [l.split()[0] for l in lines[2:10]] == ["Organization", "Place", "Regulation", "Project", "Person", "Meeting", "Policy", "Report"]
    assert lines[10].startswith("core five") and lines[11].startswith("all eight") and lines[12].startswith("relations")
    code, out, _ = run(runner, "evaluate", GOLD, graph, "--json")
    data = json.loads(out)
    assert set(data) == {"document", "entities", "core", "all", "relations", "predicates"}
    result = runner.invoke(main, ["evaluate", "nope.json", graph])
    assert result.exit_code == 1 and result.stderr.startswith("Error: gold file nope.json does not exist")


def test_render_and_stats(runner, graph, tmp_path):
    page = tmp_path / "page.html"
    code, out, _ = run(runner, "render", graph, "-o", str(page))
    assert code == 0 and out == f"Wrote: {page}\n"
    html = page.read_text(encoding="utf-8")
    assert "cdn.jsdelivr" not in html
    assert '"label":"衡阳市"' in html  # labels sit in the page's JSON
    code, out, _ = run(runner, "stats", graph, "--top", "3")
    assert code == 0
    assert out.splitlines()[0].startswith("Entities: ")
    assert "Highest degree:" in out and "Highest PageRank:" in out


def test_help_has_examples(runner):
    for cmd in ("build", "query", "render", "stats", "validate", "evaluate"):
        result = runner.invoke(main, [cmd, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output, cmd


def test_a_bug_is_one_line_unless_debug(runner, monkeypatch, graph):
    import kg.graph.stats

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(kg.graph.stats, "graph_stats", broken)
    result = runner.invoke(main, ["stats", graph])
    assert result.exit_code == 1
    assert result.stderr == "Error: internal error: RuntimeError: boom (hint: run again with --debug and report it)\n"
    result = runner.invoke(main, ["--debug", "stats", graph])
    assert isinstance(result.exception, RuntimeError)


def test_progress_bar_counts_documents_and_characters():
    import io

    from kg.cli import progress_bar

    stream = io.StringIO()
    show = progress_bar(stream)
    show(0, 3, 0, 0.0)
    show(1, 3, 5000, 1.0)
    show(3, 3, 12000, 2.0)
    final = stream.getvalue().replace("\r", "\n").strip().splitlines()[-1]
    assert "3/3" in final and "100%" in final
    assert final.endswith("6,000 chars/s]")
    assert "doc/s" in final


def test_build_counts_by_rule(runner, tmp_path, sample_path):
    result = runner.invoke(main, ["build", str(sample_path), "-o", str(tmp_path / "o"), "--no-html", "--by-rule", "-q"])
    assert result.exit_code == 0
    section = result.output.split("By rule (mentions and relations):\n")[1]
    counts = {}
    for line in section.splitlines():
        if not line.startswith("  "):
            break
        rule, count = line.split()
        counts[rule] = int(count)
    assert counts["report.reviewed"] >= 15 and counts["legislation.enacted"] >= 1
    assert all("." in rule for rule in counts)


def test_query_nesting_and_service_are_refused_in_one_line(runner, graph, tmp_path):
    deep = "ASK " + "{" * 5000 + "}" * 5000
    code, out, err = run(runner, "query", str(graph), deep)
    assert code == 1 and err.startswith("Error: the query nests 5000 levels deep") and "Traceback" not in err
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    code, out, err = run(runner, "query", str(graph), service)
    assert code == 1 and "SERVICE" in err and "--allow-service" in err


def test_a_query_file_in_gb18030_is_read(runner, graph, tmp_path):
    q = tmp_path / "q.rq"
    q.write_bytes("SELECT ?l WHERE { ?s rdfs:label ?l FILTER(?l = \"衡阳市\"@zh) }".encode("gb18030"))
    code, out, err = run(runner, "query", str(graph), "-f", str(q))
    assert code == 0 and "衡阳市" in out


# --- answers that would be silently wrong ------------------------------------


def test_a_provenance_question_on_graph_ttl_says_where_provenance_is(runner, built):
    ttl = built[0] / "graph.ttl"
    result = runner.invoke(main, ["query", str(ttl), "--saved", "relation-evidence"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "(0 rows)"
    assert result.stderr == (f"Note: {ttl} holds the facts without the sentences they came from; "
                             f"ask the build's store or {built[0] / 'graph.trig'}, which keep them\n")
    result = runner.invoke(main, ["query", str(built[0] / "graph.trig"), "--saved", "relation-evidence"])
    assert result.exit_code == 0 and result.stderr == "" and result.stdout.splitlines()[-1] != "(0 rows)"
    # a question about the facts alone gets no note
    result = runner.invoke(main, ["query", str(ttl), "--saved", "people-and-posts"])
    assert result.exit_code == 0 and result.stderr == ""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, sample_path):
    """The sample and a second report built together."""
    from kg.build import build

    folder = tmp_path_factory.mktemp("corpus")
    (folder / "reports").mkdir()
    (folder / "reports" / sample_path.name).write_bytes(sample_path.read_bytes())
    (folder / "reports" / "zhuzhou.txt").write_text("株洲市人民代表大会常务委员会工作报告\n制定《株洲市城市绿化条例》。", encoding="utf-8")
    build([folder / "reports"], folder / "out", html=False, store=True)
    return folder / "out"


def test_evaluate_picks_the_gold_document_out_of_a_corpus(runner, graph, corpus):
    alone = json.loads(runner.invoke(main, ["evaluate", GOLD, graph, "--json"]).output)
    for source in (corpus / "graph.trig", corpus / "store"):
        result = runner.invoke(main, ["evaluate", GOLD, str(source), "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output) == alone


def test_evaluate_refuses_a_corpus_graph_it_cannot_split(runner, corpus, tmp_path):
    result = runner.invoke(main, ["evaluate", GOLD, str(corpus / "graph.ttl")])
    assert result.exit_code == 1
    assert result.stderr == ("Error: graph.ttl holds 2 reports in one graph "
                             "(hint: give the build's graph.trig or store/ folder, which keep each report's graph)\n")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"document": "changsha.txt", "entities": [], "relations": []}), encoding="utf-8")
    result = runner.invoke(main, ["evaluate", str(other), str(corpus / "graph.trig")])
    assert result.exit_code == 1
    assert result.stderr == ("Error: none of the 2 reports in graph.trig is changsha.txt "
                             "(hint: build that report, or give the gold file of one of these: hengyang-2021.txt, zhuzhou.txt)\n")


def test_build_takes_an_absolute_glob(runner, tmp_path, sample_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("h1.txt", "h2.txt", "other.txt"):
        (folder / name).write_bytes(sample_path.read_bytes())
    result = runner.invoke(main, ["build", str(folder / "h*.txt"), "-o", str(tmp_path / "out"), "--no-html"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Built 2 documents: h1.txt, h2.txt"


def test_validate_tells_its_stages_and_checks_types_as_stated(built, tmp_path):
    from kg.graph.validate import validate_file

    stages = []
    report = validate_file(built[0] / "graph.trig", stage=stages.append)
    assert report.conforms
    assert stages[0] == "Reading graph.trig"
    assert stages[1].startswith("Checking ") and stages[1].endswith(" shapes")
    # a post in something never said to be an organization does not conform
    # (RDFS inference from the property's range would have made it one)
    untyped = tmp_path / "untyped.ttl"
    untyped.write_text(
        "@prefix kgo: <https://w3id.org/govreport-kg/ontology#> .\n"
        "<https://example.org/x> a kgo:Person ; kgo:holdsPosition <https://example.org/y> .\n",
        encoding="utf-8",
    )
    assert not validate_file(untyped).conforms


def test_a_missing_dependency_is_one_line(runner, tmp_path, sample_path, monkeypatch):
    import kg.build

    def missing(*args, **kwargs):
        raise ModuleNotFoundError("No module named 'pyoxigraph'", name="pyoxigraph")

    monkeypatch.setattr(kg.build, "build", missing)
    result = runner.invoke(main, ["build", str(sample_path), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == ("Error: the Python package pyoxigraph is missing "
                             "(hint: pip install . in the project, or use the Python it was installed with)\n")


# --- the third adversarial run: no spelling of SERVICE, no depth, crashes ----

BYPASSES = [
    # an escape in an IRI; a '#' or a "'" inside an IRI; an IRI past any scanning window
    "SELECT * WHERE { BIND(<http://x/\\u0041#y> AS ?z) SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://x/#y> AS ?z) SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://x/'y> AS ?z) SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://x/" + "a" * 5000 + "> AS ?z) SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    # the keyword itself written with escapes
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("query", BYPASSES, ids=["escape", "hash", "quote", "long-iri", "escaped-keyword"])
def test_no_spelling_of_service_reaches_out(runner, graph, query):
    code, out, err = run(runner, "query", str(graph), query)
    assert code == 1 and err.startswith("Error: the query calls a remote endpoint (SERVICE)") and err.count("\n") == 1


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { BIND(<http://x/'y> AS ?z) " + "{" * 3000 + "?s ?p ?o" + "}" * 3000 + " }",
    "SELECT * WHERE { ?s " + "!" * 100000 + "<http://x/p> ?o }",
    "SELECT * WHERE " + "{" * 20000 + " ?s ?p ?o " + "} UNION { ?s ?p ?o }" * 20000,
    "SELECT * WHERE { BIND(" + "+".join(["1"] * 8000) + " AS ?x) }",
    "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o"] * 12000) + ") }",
], ids=["braces-after-a-quote-iri", "bang-path", "nested-unions", "plus-chain", "or-chain"])
def test_queries_too_deep_for_the_engine_are_one_line_not_a_crash(runner, graph, query):
    code, out, err = run(runner, "query", str(graph), query)
    assert code == 1 and err.startswith("Error: the query ") and err.count("\n") == 1 and "Traceback" not in err


def test_an_update_is_refused_as_an_update(runner, graph):
    code, out, err = run(runner, "query", str(graph), "PREFIX a: <http://x/> INSERT DATA { a:b a:c a:d }")
    assert code == 1
    assert err == "Error: updates are refused: kg query only reads (hint: ask a SELECT, ASK, CONSTRUCT or DESCRIBE query)\n"


def test_an_unbounded_cross_join_is_stopped_by_memory_in_one_line(built):
    """A sorted cross join in kg query grew without limit."""
    import subprocess
    import sys

    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 5"
    run_ = subprocess.run([sys.executable, "-m", "kg", "query", str(built[0] / "graph.trig"), query, "--max-memory", "300"],
                          capture_output=True, text=True, timeout=120)
    assert run_.returncode == 1
    assert run_.stderr.splitlines()[-1] == (
        "Error: the query needed more than 300 MB and was stopped (hint: add a LIMIT or narrow the query, or give --max-memory)")
    assert run_.stdout == ""

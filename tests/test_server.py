"""kg serve: the SPARQL 1.1 Protocol over HTTP, started as a real process."""

import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests_helpers import free_port, running


@pytest.fixture(scope="module")
def endpoint(built):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "kg", "serve", "--store", str(built[0] / "store"), "--port", str(port),
           "--timeout", "2", "--max-results", "50", "--client-timeout", "2"]
    with running(cmd, base + "/", cwd=built[0]):
        yield base


def request(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type"), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read().decode("utf-8")


PEOPLE = "SELECT ?name WHERE { ?p a kgo:Person ; rdfs:label ?name } ORDER BY ?name"


def get(base, query, accept="*/*"):
    return request(f"{base}/query?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept})


def test_get_and_post_forms_agree(endpoint):
    s1, t1, b1 = get(endpoint, PEOPLE, "application/sparql-results+json")
    s2, t2, b2 = request(endpoint + "/query", urllib.parse.urlencode({"query": PEOPLE}).encode(),
                         {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    s3, t3, b3 = request(endpoint + "/query", PEOPLE.encode(),
                         {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert s1 == s2 == s3 == 200
    assert t1 == t2 == t3 == "application/sparql-results+json"
    assert b1 == b2 == b3
    names = [b["name"]["value"] for b in json.loads(b1)["results"]["bindings"]]
    assert "白玛赤林" in names and "段志刚" in names


@pytest.mark.parametrize("accept, ctype, check", [
    ("application/sparql-results+xml", "application/sparql-results+xml", lambda b: b.startswith("<?xml") and "白玛赤林" in b),
    ("text/csv", "text/csv; charset=utf-8", lambda b: b.splitlines()[0] == "name" and "白玛赤林" in b),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", lambda b: b.splitlines()[0] == "?name" and '"白玛赤林"@zh' in b),
    ("text/csv;q=0.5, application/sparql-results+json", "application/sparql-results+json", lambda b: "bindings" in b),
])
def test_content_negotiation(endpoint, accept, ctype, check):
    status, t, body = get(endpoint, PEOPLE, accept)
    assert (status, t) == (200, ctype)
    assert check(body)


def test_construct_as_turtle(endpoint):
    status, t, body = get(endpoint, "CONSTRUCT { ?d a kgo:Document } WHERE { ?d a kgo:Document }", "text/turtle")
    assert (status, t) == (200, "text/turtle; charset=utf-8")
    assert "kgo:Document" in body


def test_update_is_refused(endpoint):
    status, _, body = request(endpoint + "/query", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                              {"Content-Type": "application/sparql-update"})
    assert status == 403 and "read-only" in body
    status, _, _ = request(endpoint + "/update", urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(),
                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    status, _, _ = request(endpoint + "/query", b"x", method="PUT")
    assert status == 405
    # an update behind a prologue, sent as a query, is an update all the same
    status, _, body = get(endpoint, "PREFIX a: <http://x/> INSERT DATA { a:b a:c a:d }")
    assert status == 403 and "read-only" in body


def test_a_service_behind_an_escaped_iri_is_refused(endpoint):
    status, _, body = get(endpoint, "SELECT * WHERE { BIND(<http://x/\\u0041#y> AS ?z) SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }")
    assert status == 400 and "SERVICE" in body


def test_malformed_query_is_400_with_a_message(endpoint):
    status, _, body = get(endpoint, "SELEC ?x WHERE {")
    assert status == 400
    assert body.startswith("malformed SPARQL: ")


def test_result_size_limit(endpoint):
    status, _, body = get(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 413 and "LIMIT" in body
    status, _, _ = get(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 50")
    assert status == 200


def test_timeout_stops_the_query_and_the_server_goes_on(endpoint):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.time()
    status, _, body = get(endpoint, heavy)
    assert status == 503 and "stopped" in body
    assert time.time() - started < 10
    assert get(endpoint, "ASK { ?s a kgo:Document }", "application/sparql-results+json")[2].strip() == '{"head":{},"boolean":true}'


def test_other_paths_and_the_query_page(endpoint):
    assert request(endpoint + "/nope")[0] == 404
    assert get(endpoint, PEOPLE, "image/png")[0] == 406
    status, t, body = request(endpoint + "/")
    assert status == 200 and t.startswith("text/html")
    assert "http://" not in body.replace("http://www.w3.org", "") and "https://" not in body


def test_serving_a_build_indexes_its_store_first(tmp_path, sample_path):
    from kg.build import build
    from kg.web.endpoint import prepare_store
    from kg.graph.store import needs_index

    build([sample_path], tmp_path, html=False)
    assert needs_index(tmp_path / "store")
    db, tmp = prepare_store(str(tmp_path / "store"))
    # served as a snapshot beside the store, removed when the server stops
    assert Path(tmp).parent == tmp_path and Path(tmp).name.startswith(".kg-serve-") and db == str(Path(tmp) / "db")
    assert not needs_index(tmp_path / "store")


def test_a_rebuild_under_a_running_server_changes_no_answer(tmp_path, sample_path):
    """Workers restarted after a timeout opened the rebuilt store while the
    others kept the old: 16 counts gave 4 x 18,287 and 12 x 25,011."""
    import shutil

    from kg.build import build

    out = tmp_path / "out"
    build([sample_path], out, html=False, store=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    cmd = [sys.executable, "-m", "kg", "serve", "--store", str(out / "store"), "--port", str(port), "--timeout", "1"]
    with running(cmd, base + "/", cwd=tmp_path):
        before = get(base, count, "text/csv")[2]
        more = tmp_path / "more.txt"
        shutil.copy(sample_path, tmp_path / "a.txt")
        more.write_text("甲市人民代表大会常务委员会工作报告\n开展野生动物保护法执法检查。", encoding="utf-8")
        build([tmp_path / "a.txt", more], out, html=False, store=True)
        for _ in range(6):  # time-outs make the pool start fresh workers
            get(base, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i LIMIT 5")
        counts = {get(base, count, "text/csv")[2] for _ in range(16)}
    assert counts == {before}
    assert not list(tmp_path.glob("out/.kg-serve-*"))


# --- under pressure, and never reaching out (the adversarial run) -----------------------


def raw(base: str, data: bytes, read_timeout: float = 5) -> bytes:
    """Send bytes as they are and read what comes back (until close or timeout)."""
    import socket

    host, port = base.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=read_timeout) as s:
        s.sendall(data)
        chunks = []
        try:
            while True:
                got = s.recv(65536)
                if not got:
                    break
                chunks.append(got)
        except OSError:
            pass
    return b"".join(chunks)


def test_service_is_refused_and_the_target_receives_nothing(endpoint):
    import http.server
    import threading

    hits = []

    class Target(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *a):
            pass

    target = http.server.HTTPServer(("127.0.0.1", 0), Target)
    threading.Thread(target=target.serve_forever, daemon=True).start()
    try:
        q = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{target.server_address[1]}/sparql> {{ ?s ?p ?o }} }}"
        status, _, body = get(endpoint, q)
        time.sleep(0.5)
    finally:
        target.shutdown()
    assert status == 400 and "SERVICE" in body
    assert hits == []


def test_a_foreign_host_is_refused_and_answers_carry_nosniff(endpoint):
    status, _, _ = request(f"{endpoint}/query?query=ASK%7B%7D", headers={"Host": "evil.example:80"})
    assert status == 421
    req = urllib.request.Request(f"{endpoint}/query?query=ASK%7B%7D")
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_bodies_too_big_short_or_without_a_length(endpoint):
    big = b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 20000000\r\n\r\n"
    assert raw(endpoint, big).startswith(b"HTTP/1.1 413")
    negative = b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nContent-Length: -1\r\n\r\n"
    assert raw(endpoint, negative).startswith(b"HTTP/1.1 400")
    none = b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n\r\nASK {}"
    assert raw(endpoint, none).startswith(b"HTTP/1.1 411")
    t = time.time()
    short = b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK {}"
    answer = raw(endpoint, short, read_timeout=30)
    assert answer.startswith(b"HTTP/1.1 408") and time.time() - t < 6


def test_a_slow_client_is_dropped(endpoint):
    import socket

    host, port = endpoint.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # the headers never end
        t = time.time()
        assert s.recv(100) == b""
        assert time.time() - t < 6


def test_deep_nesting_is_refused_before_the_engine(endpoint):
    q = "ASK " + "{" * 5000 + "}" * 5000
    t = time.time()
    status, _, body = get(endpoint, q)
    assert status == 400 and "nests" in body and time.time() - t < 5
    assert get(endpoint, "ASK { ?s ?p ?o }")[0] == 200  # and the workers live on


EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_two_expensive_queries_do_not_hold_up_an_ask(endpoint):
    import threading

    threads = [threading.Thread(target=get, args=(endpoint, EXPENSIVE)) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    t0 = time.time()
    status, _, _ = get(endpoint, "ASK { ?s a kgo:Person }")
    took = time.time() - t0
    for t in threads:
        t.join()
    assert status == 200 and took < 1.0


def test_cors_preflight_and_headers(endpoint):
    status, _, _ = request(f"{endpoint}/query", method="OPTIONS", headers={
        "Origin": "http://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204
    req = urllib.request.Request(f"{endpoint}/query", method="OPTIONS", headers={"Origin": "http://example.org"})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.headers["Access-Control-Allow-Origin"] == "*"
        assert "POST" in r.headers["Access-Control-Allow-Methods"]
        assert "content-type" in r.headers["Access-Control-Allow-Headers"].lower()


def test_a_form_that_is_not_utf8_gets_400(endpoint):
    body = "query=ASK%20%7B%20%3Fs%20rdfs%3Alabel%20%22".encode() + "%E8%A1%A1".encode() + b"%C3%28" + b"%22%20%7D"
    status, _, text = request(endpoint + "/query", body, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and "UTF-8" in text
    status, _, _ = request(endpoint + "/query", "ASK { ?s rdfs:label \"衡\" }".encode("gb18030"), {"Content-Type": "application/sparql-query"})
    assert status == 400


def test_default_and_named_graph_uri_choose_the_dataset(endpoint):
    doc = "https://w3id.org/govreport-kg/id/doc/hengyang-2021.txt"
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a kgo:Person }"
    whole = json.loads(get(endpoint, q, "application/sparql-results+json")[2])
    params = urllib.parse.urlencode({"query": q, "default-graph-uri": "http://example.org/none"})
    none = json.loads(request(f"{endpoint}/query?{params}", headers={"Accept": "application/sparql-results+json"})[2])
    params = urllib.parse.urlencode({"query": q, "default-graph-uri": doc})
    own = json.loads(request(f"{endpoint}/query?{params}", headers={"Accept": "application/sparql-results+json"})[2])
    n = lambda d: int(d["results"]["bindings"][0]["n"]["value"])  # noqa: E731
    assert n(none) == 0 and n(own) == n(whole) > 0
    params = urllib.parse.urlencode({"query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", "named-graph-uri": doc})
    named = json.loads(request(f"{endpoint}/query?{params}", headers={"Accept": "application/sparql-results+json"})[2])
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [doc]


@pytest.mark.parametrize("option, value", [("--timeout", "0"), ("--max-results", "-1"), ("--port", "99999")])
def test_serve_options_out_of_range_are_usage_errors(option, value, tmp_path):
    import subprocess

    run = subprocess.run([sys.executable, "-m", "kg", "serve", option, value], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 2
    assert "Invalid value" in run.stderr and "Traceback" not in run.stderr


def test_a_page_of_another_origin_gets_rows_in_chromium(endpoint, browser):
    """What YASGUI or a notebook front end does: a page served from its own
    origin asks the endpoint by GET and by POST with a SPARQL body (a
    request the browser preflights) and reads the rows."""
    import http.server
    import threading

    class PageServer(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"<!doctype html><title>client</title><p>another origin"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PageServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        answers = page.evaluate(
            """async ([endpoint, query]) => {
                const accept = {"Accept": "application/sparql-results+json"};
                const byGet = await fetch(endpoint + "/query?query=" + encodeURIComponent(query), {headers: accept});
                const byPost = await fetch(endpoint + "/query", {method: "POST", body: query,
                    headers: {...accept, "Content-Type": "application/sparql-query"}});
                const names = async r => (await r.json()).results.bindings.map(b => b.name.value);
                return [await names(byGet), await names(byPost)];
            }""",
            [endpoint, PEOPLE],
        )
    finally:
        context.close()
        server.shutdown()
    _, _, text = get(endpoint, PEOPLE, "application/sparql-results+json")
    expected = [b["name"]["value"] for b in json.loads(text)["results"]["bindings"]]
    assert expected and answers == [expected, expected]


def _children(pid: int) -> set[int]:
    """Every live descendant of ``pid`` (from /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, pp in parents.items() if pp in frontier} - found
        found |= frontier
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_sigterm_with_a_query_in_flight_leaves_no_worker_and_no_temp_folder(built, tmp_path):
    """Stopped mid-query, the workers outlived the server computing for
    40 minutes, and serving a graph.trig left its kg-serve-* folder behind."""
    import signal
    import socket
    import subprocess
    import threading

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    temp = tmp_path / "tmp"
    temp.mkdir()
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(built[0] / "graph.trig"), "--port", str(port), "--timeout", "60"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "TMPDIR": str(temp)})
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if get(base, "ASK { }")[0] == 200:
                break
        except OSError:
            pass
        time.sleep(0.2)
    assert list(temp.glob("kg-serve-*")), "serving a graph.trig makes its temporary store"
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    threading.Thread(target=lambda: get(base, heavy), daemon=True).start()
    time.sleep(1.5)
    workers = _children(server.pid)
    assert workers
    server.send_signal(signal.SIGTERM)
    server.wait(10)
    time.sleep(5)
    alive = {pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in (Path(f"/proc/{pid}") / "stat").read_text().rsplit(")", 1)[1].split()[0]}
    assert alive == set()
    assert list(temp.glob("kg-serve-*")) == []


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_four_heavy_queries_are_stopped_by_memory_and_the_server_keeps_answering(built):
    """A cross join sorted took its worker to 5.2 GB before the time limit;
    four at once took the server to 7.3 GB."""
    import threading

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "kg", "serve", "--store", str(built[0] / "store"), "--port", str(port),
           "--timeout", "60", "--max-memory", "200"]
    heavy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i LIMIT 5"
    with running(cmd, base + "/", cwd=built[0]) as server:
        answers, peak = [], [0]
        threads = [threading.Thread(target=lambda: answers.append(get(base, heavy))) for _ in range(4)]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            peak[0] = max(peak[0], sum(_resident_mb(pid) for pid in _children(server.pid) | {server.pid}))
            time.sleep(0.05)
        assert [a[0] for a in answers] == [503] * 4
        assert all("needed more than 200 MB" in a[2] for a in answers)
        assert peak[0] < 3000, peak[0]
        assert get(base, "ASK { ?s ?p ?o }")[0] == 200


def _resident_mb(pid: int) -> int:
    try:
        return int((Path(f"/proc/{pid}/statm")).read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") // (1 << 20)
    except (OSError, ValueError, IndexError):
        return 0

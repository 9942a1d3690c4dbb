"""Serve: a read-only SPARQL 1.1 Protocol endpoint over the embedded store.

``GET /query?query=…`` and ``POST /query`` (form-encoded or
``application/sparql-query``), answers by content negotiation (SPARQL
results JSON, XML, CSV, TSV; Turtle, N-Triples or RDF/XML for graphs),
updates refused, a per-query timeout and a result-size limit, and an
offline query page at ``/``.

Queries run in worker processes that open the store read-only, so a query
that overruns its time is stopped by ending its worker, and the server
goes on.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import shutil
import tempfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import parse_qs, urlparse

from .errors import InputError

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "rdfxml",
}
CONTENT_TYPE = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}


# --- worker process ------------------------------------------------------


def _worker(db_path: str, conn) -> None:
    import pyoxigraph as ox

    from .store import PREFIXES

    store = ox.Store.read_only(db_path)
    results = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
               "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
    graphs = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
    while True:
        try:
            text, accept, max_results = conn.recv()
        except EOFError:
            return

        def run(text=text):
            return store.query(text, prefixes=PREFIXES, use_default_graph_as_union=False)

        try:
            result = run()
            if isinstance(result, ox.QueryBoolean):
                fmt = _pick(accept, RESULT_TYPES)
                conn.send((200, fmt, result.serialize(format=results[fmt]) if fmt else b""))
            elif isinstance(result, ox.QueryTriples):
                fmt = _pick(accept, GRAPH_TYPES)
                if fmt is None:
                    conn.send((406, None, b"no acceptable graph format: use text/turtle, application/n-triples or application/rdf+xml"))
                    continue
                triples = []
                for t in result:
                    triples.append(t)
                    if len(triples) > max_results:
                        break
                if len(triples) > max_results:
                    conn.send((413, None, f"the answer has more than {max_results} triples; narrow the query".encode()))
                    continue
                prefixes = PREFIXES if fmt == "turtle" else None
                conn.send((200, fmt, ox.serialize(triples, format=graphs[fmt], prefixes=prefixes)))
            else:
                fmt = _pick(accept, RESULT_TYPES)
                if fmt is None:
                    conn.send((406, None, b"no acceptable results format: use application/sparql-results+json or +xml, text/csv or text/tab-separated-values"))
                    continue
                count = 0
                for _ in result:
                    count += 1
                    if count > max_results:
                        break
                if count > max_results:
                    conn.send((413, None, f"the answer has more than {max_results} rows; add a LIMIT".encode()))
                    continue
                conn.send((200, fmt, run().serialize(format=results[fmt])))
        except SyntaxError as exc:
            conn.send((400, None, ("malformed SPARQL: " + " ".join(str(exc).split())).encode("utf-8")))
        except Exception as exc:  # noqa: BLE001 - report any evaluation error to the client
            conn.send((500, None, f"the query failed: {exc}".encode("utf-8")))


def _pick(accept: str, table: dict[str, str]) -> Optional[str]:
    """The first acceptable format, by the Accept header's quality order."""
    if not accept or accept.strip() in ("*/*", ""):
        return next(iter(table.values()))
    ranked = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, media))
    for _, _, media in sorted(ranked):
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return next(iter(table.values()))
    return None


class WorkerPool:
    """Worker processes that each hold the store open read-only."""

    def __init__(self, db_path: str, size: int = 2):
        self.db_path = db_path
        self.ctx = mp.get_context("spawn")
        self.idle: "queue.Queue[tuple]" = queue.Queue()
        for _ in range(size):
            self.idle.put(self._start())

    def _start(self):
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker, args=(self.db_path, child), daemon=True)
        proc.start()
        return proc, parent

    def run(self, text: str, accept: str, max_results: int, timeout: float) -> tuple[int, Optional[str], bytes]:
        proc, conn = self.idle.get()
        try:
            conn.send((text, accept, max_results))
            if conn.poll(timeout):
                answer = conn.recv()
                self.idle.put((proc, conn))
                return answer
        except (EOFError, OSError, BrokenPipeError):
            pass
        # overran (or died): end it, start a fresh one in its place
        proc.kill()
        proc.join(5)
        self.idle.put(self._start())
        return 503, None, f"the query ran longer than {timeout:g} s and was stopped".encode()

    def close(self) -> None:
        while True:
            try:
                proc, conn = self.idle.get_nowait()
            except queue.Empty:
                return
            conn.close()
            proc.kill()
            proc.join(5)


# --- HTTP -------------------------------------------------------------------


QUERY_PAGE = """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>SPARQL · govreport-kg</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<style>
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 1em 2em; }
textarea { width: 100%; height: 12em; font-family: monospace; font-size: 14px; }
table { border-collapse: collapse; margin-top: 1em; } td, th { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
#status { color: #a00; margin-top: .5em; white-space: pre-wrap; }
</style></head><body>
<h1>SPARQL</h1>
<p>Read-only endpoint: <code>/query</code> (GET or POST). Prefixes kgo:, kgr:, rdf:, rdfs:, skos:, dcterms:, prov:, nif:, itsrdf:, xsd: are predefined.</p>
<textarea id="q">SELECT ?type (COUNT(*) AS ?n) WHERE { ?e kgo:mentionedIn ?d ; a ?type } GROUP BY ?type ORDER BY DESC(?n)</textarea>
<p><button id="run">Run 运行</button></p>
<div id="status"></div><div id="out"></div>
<script>
document.getElementById("run").addEventListener("click", async function () {
  var status = document.getElementById("status"), out = document.getElementById("out");
  status.textContent = "…"; out.textContent = "";
  var resp = await fetch("query", { method: "POST", headers: { "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json, text/turtle;q=0.5" }, body: document.getElementById("q").value });
  var text = await resp.text();
  if (!resp.ok) { status.textContent = resp.status + " " + text; return; }
  status.textContent = "";
  if ((resp.headers.get("Content-Type") || "").indexOf("json") < 0) { var pre = document.createElement("pre"); pre.textContent = text; out.appendChild(pre); return; }
  var data = JSON.parse(text);
  if ("boolean" in data) { out.textContent = String(data.boolean); return; }
  var table = document.createElement("table"), head = document.createElement("tr");
  data.head.vars.forEach(function (v) { var th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
  table.appendChild(head);
  data.results.bindings.forEach(function (b) {
    var tr = document.createElement("tr");
    data.head.vars.forEach(function (v) { var td = document.createElement("td"); td.textContent = b[v] ? b[v].value : ""; tr.appendChild(td); });
    table.appendChild(tr);
  });
  out.appendChild(table);
});
</script></body></html>
"""


def make_handler(pool: WorkerPool, timeout: float, max_results: int):
    class Handler(BaseHTTPRequestHandler):
        server_version = "govreport-kg"
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet by default
            pass

        def _send(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8", extra=None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _error(self, status: int, message: str, extra=None) -> None:
            self._send(status, (message + "\n").encode("utf-8"), extra=extra)

        def do_GET(self):
            url = urlparse(self.path)
            if url.path in ("/", "/index.html"):
                return self._send(200, QUERY_PAGE.encode("utf-8"), "text/html; charset=utf-8")
            if url.path != "/query":
                return self._error(404, f"no such resource {url.path}; the endpoint is /query")
            params = parse_qs(url.query, keep_blank_values=True)
            if "update" in params:
                return self._error(403, "read-only endpoint: SPARQL updates are refused")
            if "query" not in params or len(params["query"]) != 1:
                return self._error(400, "give exactly one 'query' parameter")
            self._answer(params["query"][0])

        do_HEAD = do_GET

        def do_POST(self):
            url = urlparse(self.path)
            if url.path == "/update":
                return self._error(403, "read-only endpoint: SPARQL updates are refused")
            if url.path != "/query":
                return self._error(404, f"no such resource {url.path}; the endpoint is /query")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                return self._error(403, "read-only endpoint: SPARQL updates are refused")
            if ctype == "application/sparql-query":
                return self._answer(body)
            if ctype == "application/x-www-form-urlencoded":
                params = parse_qs(body, keep_blank_values=True)
                if "update" in params:
                    return self._error(403, "read-only endpoint: SPARQL updates are refused")
                if "query" not in params or len(params["query"]) != 1:
                    return self._error(400, "give exactly one 'query' parameter")
                return self._answer(params["query"][0])
            return self._error(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded")

        def _refuse(self):
            self._error(405, "read-only endpoint: use GET or POST on /query", extra={"Allow": "GET, HEAD, POST"})

        do_PUT = do_DELETE = do_PATCH = _refuse

        def _answer(self, text: str) -> None:
            if _looks_like_update(text):
                return self._error(403, "read-only endpoint: SPARQL updates are refused")
            status, fmt, body = pool.run(text, self.headers.get("Accept", "*/*"), max_results, timeout)
            if status == 200 and fmt is None:
                return self._error(406, "no acceptable results format")
            if status == 200:
                return self._send(200, body, CONTENT_TYPE[fmt])
            self._error(status, body.decode("utf-8", "replace"))

    return Handler


def _looks_like_update(text: str) -> bool:
    import re

    stripped = re.sub(r"#[^\n]*", "", text)
    stripped = re.sub(r"(?is)^\s*((PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", stripped)
    return bool(re.match(r"(?i)(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", stripped))


def prepare_store(source: str) -> tuple[str, Optional[str]]:
    """The read-only database path to serve, and a temporary folder to
    remove afterwards (when a graph file had to be loaded first)."""
    import pyoxigraph as ox

    from .store import load_graph_file, store_folder, up_to_date

    path = Path(up_to_date(source))
    db = store_folder(path)
    if db is not None:
        return str(db), None
    tmp = tempfile.mkdtemp(prefix="kg-serve-")
    try:
        store = load_graph_file(ox.Store(str(Path(tmp) / "db")), path)
        store.flush()
        del store
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return str(Path(tmp) / "db"), tmp


def make_server(source: str, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
                max_results: int = 10000, workers: int = 2):
    db, tmp = prepare_store(source)
    pool = WorkerPool(db, size=workers)
    try:
        httpd = ThreadingHTTPServer((host, port), make_handler(pool, timeout, max_results))
    except OSError as exc:
        pool.close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror}", "pick another --port") from None
    httpd.daemon_threads = True

    def cleanup():
        pool.close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    httpd.kg_cleanup = cleanup
    return httpd


def serve_forever(source: str, host: str, port: int, timeout: float, max_results: int,
                  echo: Callable[[str], None] = print) -> None:
    httpd = make_server(source, host, port, timeout, max_results)
    where = f"http://{host}:{httpd.server_address[1]}"
    echo(f"Serving {source} read-only at {where}/query (query page: {where}/); Ctrl-C stops")
    if host not in ("127.0.0.1", "localhost", "::1"):
        echo(f"Warning: listening on {host}, reachable from other machines")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
        httpd.kg_cleanup()

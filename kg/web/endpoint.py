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

import shutil
import tempfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import parse_qs, urlparse

from kg.errors import InputError
from kg.graph.formats import named, names
from kg.web.workers import MAX_MEMORY_MB, WorkerPool

# what the endpoint answers CONSTRUCT and DESCRIBE with (first: the default)


def _content_type(name: str) -> str:
    """The Content-Type of an answer in the format ``name`` (results or RDF)."""
    return named(name, "results" if name in names("results") else "rdf").content_type



# --- HTTP -------------------------------------------------------------------


def query_page() -> bytes:
    """The query page (``templates/query.html``) as served at ``/``."""
    return resources.files("kg.web").joinpath("templates/query.html").read_bytes()


MAX_BODY = 1 << 20  # a query, not a data upload
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}


class Refused(Exception):
    """A request the endpoint answers with an error status."""

    def __init__(self, status: int, message: str, extra: Optional[dict] = None):
        super().__init__(message)
        self.status, self.message, self.extra = status, message, extra or {}


def make_handler(pool: WorkerPool, timeout: float, max_results: int, host: str = "127.0.0.1", max_body: int = MAX_BODY,
                 client_timeout: float = 10.0):
    loopback = host in LOOPBACK_NAMES

    class Handler(BaseHTTPRequestHandler):
        server_version = "govreport-kg"
        protocol_version = "HTTP/1.1"
        timeout = client_timeout  # seconds a client may take to send its request (slow headers, short bodies)

        def log_message(self, fmt, *args):  # quiet by default
            pass

        def _send(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8", extra=None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            # any page may ask (a browser client on its own origin): the answers are public and read-only
            self.send_header("Access-Control-Allow-Origin", "*")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _error(self, status: int, message: str, extra=None) -> None:
            self._send(status, (message + "\n").encode("utf-8"), extra=extra)

        def handle_one_request(self):
            try:
                super().handle_one_request()
            except TimeoutError:
                self.close_connection = True  # the client went quiet: drop it

        def _checked(fn):
            def wrapper(self):
                try:
                    if loopback and not self._host_is_loopback():
                        raise Refused(421, "this endpoint answers only requests to a loopback address (the Host header names another)")
                    fn(self)
                except Refused as exc:
                    if exc.status in (408, 413):
                        self.close_connection = True
                    self._error(exc.status, exc.message, exc.extra)
            return wrapper

        def _host_is_loopback(self) -> bool:
            given = (self.headers.get("Host") or "").strip().lower()
            if not given:
                return True  # HTTP/1.0 clients send none
            name = given.rsplit(":", 1)[0] if not given.endswith("]") else given
            return name in LOOPBACK_NAMES

        @_checked
        def do_GET(self):
            url = urlparse(self.path)
            if url.path in ("/", "/index.html"):
                return self._send(200, query_page(), "text/html; charset=utf-8")
            if url.path != "/query":
                raise Refused(404, f"no such resource {url.path}; the endpoint is /query")
            self._protocol(_form(url.query))

        do_HEAD = do_GET

        @_checked
        def do_OPTIONS(self):
            # a browser's CORS preflight
            self._send(204, b"", extra={
                "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type, Accept",
                "Access-Control-Max-Age": "86400",
                "Allow": "GET, HEAD, POST, OPTIONS",
            })

        @_checked
        def do_POST(self):
            url = urlparse(self.path)
            if url.path == "/update":
                raise Refused(403, "read-only endpoint: SPARQL updates are refused")
            if url.path != "/query":
                raise Refused(404, f"no such resource {url.path}; the endpoint is /query")
            body = self._body()
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                raise Refused(403, "read-only endpoint: SPARQL updates are refused")
            if ctype == "application/sparql-query":
                params = _form(url.query)
                params["query"] = [_utf8(body, "the query")]
                return self._protocol(params)
            if ctype == "application/x-www-form-urlencoded":
                return self._protocol(_form(_utf8(body, "the form")))
            raise Refused(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded")

        def _body(self) -> bytes:
            given = self.headers.get("Content-Length")
            if given is None:
                raise Refused(411, "a POST needs a Content-Length")
            try:
                length = int(given)
            except ValueError:
                length = -1
            if length < 0:
                raise Refused(400, f"Content-Length {given!r} is no length")
            if length > max_body:
                raise Refused(413, f"the request body is {length} bytes; a query may have at most {max_body}")
            try:
                body = self.rfile.read(length)
            except TimeoutError:
                body = b""
            if len(body) < length:
                raise Refused(408, "the request body ended before its Content-Length")
            return body

        def _refuse(self):
            self._error(405, "read-only endpoint: use GET or POST on /query", extra={"Allow": "GET, HEAD, POST, OPTIONS"})

        do_PUT = do_DELETE = do_PATCH = _refuse

        def _protocol(self, params: dict) -> None:
            if "update" in params:
                raise Refused(403, "read-only endpoint: SPARQL updates are refused")
            if "query" not in params or len(params["query"]) != 1:
                raise Refused(400, "give exactly one 'query' parameter")
            self._answer(params["query"][0], tuple(params.get("default-graph-uri", ())), tuple(params.get("named-graph-uri", ())))

        def _answer(self, text: str, default_graphs: tuple = (), named_graphs: tuple = ()) -> None:
            from kg.errors import QueryError
            from kg.graph.sparql import admit

            try:
                shape = admit(text)
            except QueryError as exc:
                raise Refused(400, exc.message) from None
            if shape.is_update:
                raise Refused(403, "read-only endpoint: SPARQL updates are refused")
            status, fmt, body = pool.run(text, self.headers.get("Accept", "*/*"), max_results, timeout, default_graphs, named_graphs)
            if status == 200 and fmt is None:
                raise Refused(406, "no acceptable results format")
            if status == 200:
                return self._send(200, body, _content_type(fmt))
            raise Refused(status, body.decode("utf-8", "replace"), {"Retry-After": "1"} if status == 503 else None)

    return Handler


def _utf8(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, f"{what} is not UTF-8 text") from None


def _form(query: str) -> dict:
    try:
        return parse_qs(query, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise Refused(400, "the form's values are not UTF-8 once decoded") from None


def prepare_store(source: str) -> tuple[str, str]:
    """The read-only database to serve, and the temporary folder that holds
    it, to remove afterwards. A store folder is served as a snapshot taken
    at start (a RocksDB checkpoint: hard links beside the store, so it costs
    next to nothing): a rebuild under the running server changes no answer,
    whichever worker gives it, until the server is started again. A graph
    file is loaded into a temporary store."""
    import pyoxigraph as ox

    from kg.graph.quads import load_store
    from kg.graph.store import store_folder, up_to_date

    path = Path(up_to_date(source))
    db = store_folder(path)
    if db is not None:
        return _snapshot(db)
    tmp = tempfile.mkdtemp(prefix="kg-serve-")
    try:
        store = load_store(path, ox.Store(str(Path(tmp) / "db")))
        store.flush()
        del store
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return str(Path(tmp) / "db"), tmp


def _snapshot(db: Path) -> tuple[str, str]:
    import pyoxigraph as ox

    try:
        tmp = tempfile.mkdtemp(prefix=".kg-serve-", dir=db.parent.parent)  # beside the store: same file system
    except OSError:
        tmp = tempfile.mkdtemp(prefix="kg-serve-")
    try:
        ox.Store.read_only(str(db)).backup(str(Path(tmp) / "db"))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return str(Path(tmp) / "db"), tmp


def make_server(source: str, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
                max_results: int = 10000, workers: int = 4, client_timeout: float = 10.0, max_memory: int = MAX_MEMORY_MB):
    db, tmp = prepare_store(source)
    pool = WorkerPool(db, size=workers, most=2 * workers, max_memory=max_memory)
    try:
        httpd = ThreadingHTTPServer((host, port), make_handler(pool, timeout, max_results, host=host, client_timeout=client_timeout))
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
                  echo: Callable[[str], None] = print, client_timeout: float = 10.0, max_memory: int = MAX_MEMORY_MB) -> None:
    httpd = make_server(source, host, port, timeout, max_results, client_timeout=client_timeout, max_memory=max_memory)
    where = f"http://{host}:{httpd.server_address[1]}"
    echo(f"Serving {source} read-only at {where}/query (query page: {where}/); Ctrl-C stops")
    if host not in ("127.0.0.1", "localhost", "::1"):
        echo(f"Warning: listening on {host}, reachable from other machines")
    import signal

    def stop(signum, frame):  # SIGTERM (a service manager's stop) ends it as Ctrl-C does
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        httpd.server_close()
        httpd.kg_cleanup()

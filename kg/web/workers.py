"""The endpoint's worker processes: each holds the store open read-only and
answers one query at a time; a query past its time has its worker killed
and replaced, so no query holds up the others.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
import queue
from typing import Optional

from kg.graph.formats import named, negotiate
from kg.processes import die_with_parent, resident_mb

GRAPH_ANSWERS = ["turtle", "nt", "rdfxml"]
MAX_MEMORY_MB = 512
"""The most a worker may hold while it answers (``kg serve --max-memory``)."""
MAX_ANSWER_BYTES = 64_000_000
"""The largest answer a worker sends: past it the client is told to narrow the query."""


def _worker(db_path: str, conn, parent: Optional[int] = None) -> None:
    import pyoxigraph as ox

    die_with_parent(parent)  # a server stopped by any signal leaves no worker computing

    from kg.graph.store import PREFIXES

    store = ox.Store.read_only(db_path)
    json_results = named("json", "results").native
    while True:
        try:
            text, accept, max_results, default_graphs, named_graphs = conn.recv()
        except EOFError:
            return
        dataset = {}
        if default_graphs:
            dataset["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]

        try:
            result = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=False, **dataset)
            if isinstance(result, ox.QueryBoolean):
                fmt = negotiate(accept, "results")
                conn.send((200, fmt and fmt.name, result.serialize(format=fmt.native) if fmt else b""))
            elif isinstance(result, ox.QueryTriples):
                fmt = negotiate(accept, "rdf", GRAPH_ANSWERS)
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
                prefixes = PREFIXES if fmt.name == "turtle" else None
                _answer(conn, fmt.name, ox.serialize(triples, format=fmt.native, prefixes=prefixes))
            else:
                fmt = negotiate(accept, "results")
                if fmt is None:
                    conn.send((406, None, b"no acceptable results format: use application/sparql-results+json or +xml, text/csv or text/tab-separated-values"))
                    continue
                # the query runs once: its answer written as JSON, read back to count its rows
                data = result.serialize(format=json_results)
                rows = 0
                for _ in ox.parse_query_results(data, format=json_results):
                    rows += 1
                    if rows > max_results:
                        break
                if rows > max_results:
                    conn.send((413, None, f"the answer has more than {max_results} rows; add a LIMIT".encode()))
                    continue
                if fmt.name != "json":
                    data = ox.parse_query_results(data, format=json_results).serialize(format=fmt.native)
                _answer(conn, fmt.name, data)
        except SyntaxError as exc:
            conn.send((400, None, ("malformed SPARQL: " + " ".join(str(exc).split())).encode("utf-8")))
        except Exception as exc:  # noqa: BLE001 - report any evaluation error to the client
            conn.send((500, None, f"the query failed: {exc}".encode("utf-8")))


def _answer(conn, fmt: str, data: bytes) -> None:
    if len(data) > MAX_ANSWER_BYTES:
        conn.send((413, None, f"the answer is larger than {MAX_ANSWER_BYTES // 1_000_000} MB; narrow the query or add a LIMIT".encode()))
    else:
        conn.send((200, fmt, data))


class WorkerPool:
    """Worker processes that each hold the store open read-only.

    ``size`` start at once; when all are busy, more start, up to
    ``most``; a query that finds none free within ``wait`` seconds is
    turned away (503), so a few expensive queries cannot make every other
    request wait for their end."""

    def __init__(self, db_path: str, size: int = 4, most: int = 8, wait: float = 5.0, max_memory: int = MAX_MEMORY_MB):
        import threading

        self.db_path = db_path
        self.ctx = mp.get_context("spawn")
        self.idle: "queue.Queue[tuple]" = queue.Queue()
        self.most = max(most, size)
        self.wait = wait
        self.started = 0
        self.max_memory = max_memory
        self.live: set = set()
        self.lock = threading.Lock()
        for _ in range(size):
            self.idle.put(self._start())

    def _start(self):
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker, args=(self.db_path, child, os.getpid()), daemon=True)
        proc.start()
        with self.lock:
            self.started += 1
            self.live.add(proc)
        return proc, parent

    def _take(self):
        try:
            return self.idle.get_nowait()
        except queue.Empty:
            pass
        with self.lock:
            grow = self.started < self.most
        if grow:
            return self._start()
        try:
            return self.idle.get(timeout=self.wait)
        except queue.Empty:
            return None

    def run(self, text: str, accept: str, max_results: int, timeout: float,
            default_graphs: tuple = (), named_graphs: tuple = ()) -> tuple[int, Optional[str], bytes]:
        taken = self._take()
        if taken is None:
            return 503, None, b"every query worker is busy; try again in a moment"
        proc, conn = taken
        why = f"the query ran longer than {timeout:g} s and was stopped"
        try:
            conn.send((text, accept, max_results, list(default_graphs), list(named_graphs)))
            deadline = time.monotonic() + timeout
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                if conn.poll(min(0.1, left)):
                    answer = conn.recv()
                    self.idle.put((proc, conn))
                    return answer
                if resident_mb(proc.pid) > self.max_memory:
                    why = f"the query needed more than {self.max_memory} MB and was stopped"
                    break
        except (EOFError, OSError, BrokenPipeError):
            pass
        # overran its time or memory (or died): end it, start a fresh one in its place
        proc.kill()
        proc.join(5)
        with self.lock:
            self.started -= 1
            self.live.discard(proc)
        self.idle.put(self._start())
        return 503, None, why.encode()

    def close(self) -> None:
        """End every worker, idle or busy with a query nobody waits for."""
        while True:
            try:
                proc, conn = self.idle.get_nowait()
            except queue.Empty:
                break
            conn.close()
        with self.lock:
            live, self.live = list(self.live), set()
        for proc in live:
            proc.kill()
        for proc in live:
            proc.join(5)
            proc.kill()
            proc.join(5)

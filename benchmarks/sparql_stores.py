"""Saved questions on about a million triples: pyoxigraph vs rdflib memory.

    python benchmarks/sparql_stores.py [CORPUS_DIR] [--triples 1000000] [--runs 5]

Builds the corpus (default ../shared/corpus) once, repeats its documents
under new names until the dataset reaches the wanted size (the same
entities, new documents: what a multi-year corpus looks like), loads it into
the default store (pyoxigraph, in memory) and into rdflib's memory Dataset,
and times every saved question on both in the same run. Prints load times,
the median time per question on each store and the ratio (an rdflib run
still going after --rdflib-timeout seconds is stopped and counted at the
timeout, marked '>').
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.build import build
from kg.graph.query import saved_queries
from kg.graph.graphio import with_union
from kg.graph.store import PREFIXES

HERE = Path(__file__).resolve().parent


def grow(quads: list, target: int) -> list:
    """Copies of each document's named graph under a new document IRI."""
    out = list(quads)
    copy = 1
    while len(out) < target:
        for q in quads:
            if len(out) >= target:
                break
            g = q.graph_name
            if isinstance(g, ox.NamedNode):
                rename = lambda t: ox.NamedNode(t.value.replace(g.value, f"{g.value}-copy{copy}", 1)) if isinstance(t, ox.NamedNode) and t.value.startswith(g.value) else t  # noqa: E731
                out.append(ox.Quad(rename(q.subject), q.predicate, rename(q.object), ox.NamedNode(f"{g.value}-copy{copy}")))
        copy += 1
    return out


def _rdflib_time(ds, text: str, timeout: float) -> float:
    """Milliseconds for rdflib to answer, in a forked child that inherits the
    loaded dataset; a query still running after ``timeout`` s is ended and
    counted at the timeout (rdflib cannot be interrupted otherwise)."""
    import multiprocessing as mp

    def child(conn):
        t = time.perf_counter()
        list(ds.query(text, initNs=PREFIXES))
        conn.send((time.perf_counter() - t) * 1000)

    ctx = mp.get_context("fork")
    parent, child_end = ctx.Pipe()
    proc = ctx.Process(target=child, args=(child_end,))
    proc.start()
    if parent.poll(timeout):
        ms = parent.recv()
        proc.join()
        return ms
    proc.kill()
    proc.join()
    return timeout * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared" / "corpus"))
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5, help="runs per question on pyoxigraph")
    ap.add_argument("--rdflib-runs", type=int, default=3, help="runs per question on rdflib")
    ap.add_argument("--rdflib-timeout", type=float, default=60.0, help="seconds before an rdflib run is stopped")
    args = ap.parse_args()
    out = Path("output-bench")
    t = time.perf_counter()
    build([args.corpus], out, html=False, store=False)
    print(f"corpus build: {time.perf_counter() - t:.1f} s")
    quads = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    quads = grow(quads, args.triples)
    print(f"dataset: {len(quads):,} quads")

    t = time.perf_counter()
    store = ox.Store()
    store.bulk_extend(with_union(quads))
    print(f"load pyoxigraph: {time.perf_counter() - t:.1f} s")
    nq = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    t = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(data=nq, format="nquads")
    print(f"load rdflib (N-Quads): {time.perf_counter() - t:.1f} s")

    print(f"{'question':36}{'oxigraph ms':>12}{'rdflib ms':>12}{'ratio':>8}{'rows':>7}")
    ox_medians, ratios = [], []
    for q in saved_queries().values():
        ox_times, rd_times = [], []
        rows = 0
        for _ in range(args.runs):
            t = time.perf_counter()
            res = store.query(q.text, prefixes=PREFIXES, use_default_graph_as_union=False)
            rows = sum(1 for _ in res) if not isinstance(res, ox.QueryBoolean) else 1
            ox_times.append((time.perf_counter() - t) * 1000)
        for _ in range(args.rdflib_runs):
            rd_times.append(_rdflib_time(ds, q.text, args.rdflib_timeout))
        a, b = statistics.median(ox_times), statistics.median(rd_times)
        ox_medians.append(a)
        ratios.append(b / a if a else float("inf"))
        capped = ">" if b >= args.rdflib_timeout * 1000 else " "
        print(f"{q.name:36}{a:12.1f}{capped}{b:11.1f}{b / a:8.1f}{rows:7d}", flush=True)
    print(f"median over questions: oxigraph {statistics.median(ox_medians):.1f} ms, "
          f"rdflib/oxigraph ratio {statistics.median(ratios):.1f}")


if __name__ == "__main__":
    sys.exit(main())

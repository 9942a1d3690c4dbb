"""The endpoint under load: clients asking the saved questions at once.

    python benchmarks/endpoint_load.py [CORPUS_DIR] [--clients 8] [--requests 200]

Builds the corpus (default ../shared/corpus) with its store, starts
``kg serve`` on a free loopback port, and has each client ask the 13
saved questions in turn, ``--requests`` times in all, as fast as the
answers come. Prints requests/s, the median and 99th percentile of the
answer times, the statuses, and the same for one client alone.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

from tests_helpers import free_port, running  # noqa: E402

from kg.build import build  # noqa: E402
from kg.graph.query import saved_queries  # noqa: E402


def ask(base: str, text: str) -> tuple[int, float]:
    url = f"{base}/query?{urllib.parse.urlencode({'query': text})}"
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    return status, time.perf_counter() - t


def load(base: str, clients: int, requests: int) -> dict:
    questions = [q.text for q in saved_queries().values()]
    times: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def client(k: int) -> None:
        for i in range(requests):
            status, took = ask(base, questions[(k + i) % len(questions)])
            with lock:
                times.append(took)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    times.sort()
    return {
        "requests": len(times),
        "per_second": len(times) / wall,
        "p50_ms": 1000 * statistics.median(times),
        "p99_ms": 1000 * times[min(len(times) - 1, int(0.99 * len(times)))],
        "statuses": statuses,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared" / "corpus"))
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=200, help="requests per client")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build([args.corpus], out, html=False, store=True, jobs=2)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        cmd = [sys.executable, "-m", "kg", "serve", "--store", str(out / "store"), "--port", str(port)]
        with running(cmd, base + "/"):
            for q in saved_queries().values():  # warm the workers' caches
                ask(base, q.text)
            many = load(base, args.clients, args.requests)
            one = load(base, 1, args.requests)
    for label, r in ((f"{args.clients} clients", many), ("1 client", one)):
        print(f"{label:10} {r['requests']:5d} requests  {r['per_second']:6.1f} req/s  "
              f"p50 {r['p50_ms']:7.1f} ms  p99 {r['p99_ms']:7.1f} ms  statuses {r['statuses']}")


if __name__ == "__main__":
    main()

"""Corpus build speed and memory against bare jieba.

    python benchmarks/corpus_build.py [CORPUS_DIR] [--repeat N]

Measures in one run, each in a fresh process: bare ``jieba.cut`` over the
same texts, our extraction alone (no RDF), the full build (graph.ttl,
graph.trig and graph.html written, empty document cache) with --jobs 1 and
--jobs 2, and the indexing of that build into the store (what the first
``kg query`` after a build adds, or ``kg build --index``). Prints wall
time, characters/s, peak memory (largest resident set of any process of
the step) and the ratios to bare jieba. ``--repeat N`` copies the corpus N
times as distinct documents (the scale test).

Like jieba, which loads its dictionary from a cache it made on first use,
we load our word tables from the user cache; a first, untimed run makes
them (after a code change the fingerprint changes and they are made again).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Cluster:
    """``dask scheduler`` and N ``dask worker --nthreads 1`` on loopback."""

    def __init__(self, workers: int):
        import socket

        from distributed import Client

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.address = f"tcp://127.0.0.1:{port}"
        dask = str(Path(sys.executable).with_name("dask"))
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **quiet)]
        self.procs += [subprocess.Popen([dask, "worker", self.address, "--nthreads", "1", "--no-nanny", "--no-dashboard"], **quiet)
                       for _ in range(workers)]
        with Client(self.address, timeout="30s") as client:
            client.wait_for_workers(workers, timeout=60)

    def close(self) -> None:
        for p in reversed(self.procs):
            p.terminate()
            p.wait(15)

STEP = r"""
import json, resource, sys, time
from pathlib import Path
from kg.ingest import find_reports, load_document
paths = find_reports([sys.argv[2]])
texts = [load_document(p).text for p in paths]
chars = sum(len(t) for t in texts)
step = sys.argv[1]
t = time.perf_counter()
if step == "jieba":
    import jieba, logging
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer(); tok.initialize()
    for text in texts:
        for _ in tok.cut(text):
            pass
elif step == "warm":
    from kg.extract.words import jieba_tags, word_table
    word_table(); jieba_tags()
elif step == "index":
    import shutil
    from kg.graph.store import index_build
    shutil.rmtree(Path(sys.argv[3]) / "store", ignore_errors=True)  # a whole new store each run
    t = time.perf_counter()
    index_build(sys.argv[3])
elif step.startswith("dask"):
    from kg.build import build
    build([sys.argv[2]], sys.argv[3], scheduler=sys.argv[4])
elif step == "extract":
    from kg.extract.pipeline import extract
    for p in paths:
        extract(load_document(p))
else:
    from kg.build import build
    build([sys.argv[2]], sys.argv[3], jobs=int(step.split("-")[1]))
secs = time.perf_counter() - t
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": secs, "chars": chars, "docs": len(paths), "peak_mb": peak / 1024}))
"""


def run(step: str, corpus: Path, out: Path, *extra: str) -> dict:
    res = subprocess.run([sys.executable, "-c", STEP, step, str(corpus), str(out), *extra], capture_output=True, text=True)
    if res.returncode:
        sys.exit(res.stderr)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared" / "corpus"))
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3, help="runs of each step; the median is shown (default 3)")
    ap.add_argument("--steps", default="jieba,extract,build-1,build-2,dask-2,index",
                    help="dask-N: a Dask scheduler and N single-threaded workers on this machine")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    corpus = Path(args.corpus)
    if args.repeat > 1:
        for i in range(args.repeat):
            for f in sorted(corpus.rglob("*.txt")):
                target = work / "corpus" / f"copy{i}" / f.name
                target.parent.mkdir(parents=True, exist_ok=True)
                # a distinct document: same text, its own first line
                target.write_bytes(f"（副本{i}）\n".encode("utf-8") + f.read_bytes())
        corpus = work / "corpus"
    results = {}
    print(f"{'step':10}{'docs':>6}{'chars':>11}{'seconds':>9}{'chars/s':>10}{'peak MB':>9}{'× jieba':>9}")
    run("warm", corpus, work / "out-warm")
    last_build = work / "out-build-1"
    for step in args.steps.split(","):
        runs = []
        cluster = Cluster(int(step.split("-")[1])) if step.startswith("dask") else None
        try:
            for _ in range(args.runs):
                out = last_build if step == "index" else work / f"out-{step}"
                if step.startswith(("build", "dask")):
                    shutil.rmtree(out, ignore_errors=True)  # an empty cache each time
                runs.append(run(step, corpus, out, *([cluster.address] if cluster else [])))
        finally:
            if cluster:
                cluster.close()
        r = sorted(runs, key=lambda x: x["seconds"])[len(runs) // 2]
        if step.startswith("build"):
            last_build = out  # what the index step indexes
        results[step] = r
        base = results.get("jieba", r)["seconds"]
        print(f"{step:10}{r['docs']:6d}{r['chars']:11,d}{r['seconds']:9.1f}{r['chars'] / r['seconds']:10,.0f}{r['peak_mb']:9.0f}{r['seconds'] / base:9.2f}")
    if "build-1" in results and "index" in results:
        b1, ix = results["build-1"]["seconds"], results["index"]["seconds"]
        print(f"build --jobs 1 and index together: {b1 + ix:.1f} s ({(b1 + ix) / results.get('jieba', results['build-1'])['seconds']:.2f}× jieba)")
    if "build-1" in results and "build-2" in results:
        print(f"--jobs 2 speed-up over --jobs 1: {results['build-1']['seconds'] / results['build-2']['seconds']:.2f}×")
    if "build-2" in results and "dask-2" in results:
        d, b = results["dask-2"], results["build-2"]
        print(f"a Dask cluster of 2 workers against --jobs 2: {d['seconds'] / b['seconds']:.2f}× the time, "
              f"{(d['seconds'] - b['seconds']) / d['docs'] * 1000:+.0f} ms a report")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

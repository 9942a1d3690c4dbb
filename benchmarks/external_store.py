"""A build followed by a stock Oxigraph server (PyPI ``oxigraph``, no flags).

    python benchmarks/external_store.py [REPORTS ...]

Default reports: the 26 provincial reports in tests/data/provincial and
the bundled Hengyang report. Starts ``oxigraph serve`` on a free loopback
port and prints the seconds for:

- the first build with ``--store`` (every report's graph goes up, the
  default graph is made the union by SPARQL Update);
- a rebuild with nothing changed (nothing travels);
- a rebuild with one report changed (its graph is replaced, the union
  follows);
- each saved question on the server and on the embedded store, with both
  row counts (they must be equal; the issue's bound is 30 s a question).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

from tests_helpers import free_port, running  # noqa: E402

from kg.build import build, sample_report_path  # noqa: E402
from kg.graph.query import format_result, run_query, saved_queries  # noqa: E402
from kg.graph.store import RemoteStore, open_store  # noqa: E402


def timed(fn):
    t = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t


def main(argv: list[str]) -> None:
    server = shutil.which("oxigraph")
    if not server:
        sys.exit("the oxigraph server is not installed (pip install oxigraph)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        reports = tmp_path / "reports"
        reports.mkdir()
        sources = [Path(a) for a in argv] or sorted((HERE.parent / "tests" / "data" / "provincial").glob("*.txt")) + [sample_report_path()]
        for p in sources:
            shutil.copy(p, reports / p.name)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        cmd = [server, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"]
        out = tmp_path / "out"
        with running(cmd, base + "/query?query=ASK%7B%7D"):
            result, first = timed(lambda: build([reports], out, html=False, store=True, remote=base + "/store"))
            chars = sum(d.chars for d in result.docs)
            print(f"{len(result.documents)} reports, {chars:,} characters")
            print(f"first build with --store: {first:.1f} s ({result.synced.sent} graphs sent)")
            result, again = timed(lambda: build([reports], out, html=False, store=True, remote=base + "/store"))
            print(f"rebuild, nothing changed: {again:.2f} s ({result.synced.sent} sent, {result.synced.unchanged} unchanged)")
            changed = sorted(reports.glob("*.txt"))[0]
            changed.write_text(changed.read_text(encoding="utf-8") + "\n制定《某某条例》。\n", encoding="utf-8")
            result, one = timed(lambda: build([reports], out, html=False, store=True, remote=base + "/store"))
            print(f"rebuild, one report changed: {one:.2f} s ({result.synced.sent} sent, {result.synced.unchanged} unchanged)")
            embedded = open_store(out / "store")
            remote = RemoteStore(base + "/query", timeout=30)
            print(f"{'saved question':<34}{'server s':>9}{'rows':>7}{'embedded s':>11}{'rows':>7}  same")
            for name, saved in sorted(saved_queries().items()):
                there, t_there = timed(lambda: format_result(run_query(remote, saved.text, "csv"), "csv").splitlines())
                here, t_here = timed(lambda: format_result(run_query(embedded, saved.text, "csv"), "csv").splitlines())
                same = there[0] == here[0] and sorted(there[1:]) == sorted(here[1:])
                print(f"{name:<34}{t_there:>9.2f}{len(there) - 1:>7}{t_here:>11.2f}{len(here) - 1:>7}  {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main(sys.argv[1:])

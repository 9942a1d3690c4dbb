"""Time to interactive and memory of the network page in headless Chromium.

    python benchmarks/page_load.py            # bundled report + 5,000 nodes / 20,000 edges

Prints, for each page: file size, the time from navigation start until the
page says it is interactive (physics settled and stopped, or a precomputed
layout drawn), and the JS heap in use then (Chrome DevTools metrics).
Needs Debian's chromium and playwright (pip install ".[test]").
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.build import build, sample_report_path
from kg.model import ENTITY_TYPES, PREDICATES
from kg.rdf import KGO
from kg.render import render_html

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def synthetic_graph(nodes: int, edges: int, seed: int = 7) -> Graph:
    rng = random.Random(seed)
    g = Graph()
    iris = []
    for i in range(nodes):
        t = ENTITY_TYPES[i % len(ENTITY_TYPES)]
        s = URIRef(f"https://w3id.org/govreport-kg/id/{t.lower()}/n{i}")
        g.add((s, RDF.type, KGO[t]))
        g.add((s, RDFS.label, Literal(f"实体{i}号", lang="zh")))
        iris.append(s)
    added = 0
    while added < edges:
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        p = KGO[PREDICATES[rng.randrange(len(PREDICATES))]]
        if a != b and (iris[a], p, iris[b]) not in g:
            g.add((iris[a], p, iris[b]))
            added += 1
    return g


def measure(browser, path: Path, runs: int = 3) -> tuple[float, float]:
    times, heaps = [], []
    for _ in range(runs):
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.goto(path.resolve().as_uri())
        deadline = time.time() + 120
        while not page.evaluate("!!(window.kg && window.kg.ready)"):
            if time.time() > deadline:
                raise SystemExit(f"{path} never became interactive")
            time.sleep(0.02)
        times.append(page.evaluate("window.kg.readyAt") / 1000)
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        heaps.append(metrics["JSHeapUsedSize"] / 2**20)
        ctx.close()
    times.sort()
    heaps.sort()
    return times[len(times) // 2], heaps[len(heaps) // 2]


def main() -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("needs Debian's chromium (apt-get install chromium)")
    work = Path(tempfile.mkdtemp())
    pages = {}
    build([sample_report_path()], work / "sample")
    pages["bundled report"] = work / "sample" / "graph.html"
    t = time.perf_counter()
    big = synthetic_graph(5000, 20000)
    html = render_html(big, "5000 nodes")
    render_s = time.perf_counter() - t
    (work / "big.html").write_text(html, encoding="utf-8")
    pages["5,000 nodes / 20,000 edges"] = work / "big.html"
    print(f"render of the 5,000-node page (layout included): {render_s:.2f} s")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        print(f"{'page':28}{'size MB':>9}{'interactive s':>15}{'JS heap MB':>12}")
        for name, path in pages.items():
            secs, heap = measure(browser, path)
            print(f"{name:28}{path.stat().st_size / 2**20:9.2f}{secs:15.2f}{heap:12.1f}")
        browser.close()


if __name__ == "__main__":
    main()

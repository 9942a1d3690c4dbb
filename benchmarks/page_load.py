"""Time to interactive and memory of the network page in headless Chromium.

    python benchmarks/page_load.py

Pages: the bundled report, the corpus of 26 provincial reports
(tests/data/provincial), and a synthetic graph of 5,000 nodes and 20,000
edges. Prints, for each: file size, the nodes and edges drawn when it
opens, the time from navigation start until the page says it is
interactive (its first view laid out and labelled), the JS heap then
(Chrome DevTools metrics), the seconds to switch to one document and to
everything, and the console errors and requests it made (both must be
none; every request but the page's own file is refused and counted).
Needs Debian's chromium and playwright (pip install ".[test]").
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.build import build, sample_report_path
from kg.model import ENTITY_TYPES, PREDICATES
from kg.graph.rdf import KGO
from kg.web.page import render_html

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


def settle(page, action: str) -> float:
    """Seconds from ``action`` until the page has laid the new view out."""
    before = page.evaluate("window.kg.settled")
    t = time.perf_counter()
    page.evaluate(action)
    deadline = time.time() + 120
    while page.evaluate("window.kg.settled") == before:
        if time.time() > deadline:
            raise SystemExit(f"{action} never settled")
        time.sleep(0.02)
    return time.perf_counter() - t


def measure(browser, path: Path, runs: int = 3) -> dict:
    times, heaps, doc_s, all_s = [], [], [], []
    errors, requests, drawn = [], [], None
    for _ in range(runs):
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        url = path.resolve().as_uri()
        ctx.route("**/*", lambda route: route.continue_() if route.request.url == url else (requests.append(route.request.url), route.abort()))
        page = ctx.new_page()
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        cdp = ctx.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.goto(url)
        deadline = time.time() + 120
        while not page.evaluate("!!(window.kg && window.kg.ready)"):
            if time.time() > deadline:
                raise SystemExit(f"{path} never became interactive")
            time.sleep(0.02)
        times.append(page.evaluate("window.kg.readyAt") / 1000)
        drawn = page.evaluate("[window.kg.nodeView.length, window.kg.edgeView.length]")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        heaps.append(metrics["JSHeapUsedSize"] / 2**20)
        docs = page.evaluate("window.kg.data.documents")
        if len(docs) > 1:
            doc_s.append(settle(page, f"window.kg.setView({('doc:' + docs[0])!r})"))
        if page.evaluate("window.kg.data.core.length < window.kg.data.nodes.length"):
            all_s.append(settle(page, "window.kg.setView('all')"))
        ctx.close()

    def median(xs):
        return sorted(xs)[len(xs) // 2] if xs else float("nan")

    return {"interactive": median(times), "heap": median(heaps), "drawn": drawn, "doc": median(doc_s),
            "all": median(all_s), "errors": len(errors), "requests": len(requests)}


def main() -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("needs Debian's chromium (apt-get install chromium)")
    work = Path(tempfile.mkdtemp())
    pages = {}
    build([sample_report_path()], work / "sample")
    pages["bundled report"] = work / "sample" / "graph.html"
    build([Path(__file__).resolve().parents[1] / "tests" / "data" / "provincial"], work / "corpus")
    pages["26 provincial reports"] = work / "corpus" / "graph.html"
    t = time.perf_counter()
    big = synthetic_graph(5000, 20000)
    html = render_html(big, "5000 nodes")
    render_s = time.perf_counter() - t
    (work / "big.html").write_text(html, encoding="utf-8")
    pages["5,000 nodes / 20,000 edges"] = work / "big.html"
    print(f"render of the 5,000-node page: {render_s:.2f} s")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        print(f"{'page':28}{'size MB':>8}{'nodes':>7}{'edges':>7}{'drawn':>12}{'interactive s':>15}{'heap MB':>9}"
              f"{'1 doc s':>9}{'all s':>8}{'errors':>8}{'requests':>9}")
        for name, path in pages.items():
            data = json.loads(path.read_text(encoding="utf-8").split('<script id="kg-data" type="application/json">', 1)[1].split("</script>", 1)[0])
            m = measure(browser, path)
            print(f"{name:28}{path.stat().st_size / 2**20:8.2f}{len(data['nodes']):7}{len(data['edges']):7}"
                  f"{'%d/%d' % tuple(m['drawn']):>12}{m['interactive']:15.2f}{m['heap']:9.1f}"
                  f"{m['doc']:9.2f}{m['all']:8.2f}{m['errors']:8}{m['requests']:9}")
        browser.close()


if __name__ == "__main__":
    main()

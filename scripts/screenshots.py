"""The README's pictures of the network page, made again from a build.

    python scripts/screenshots.py [--out docs]

Builds the bundled Hengyang report and the 26 provincial government work
reports (tests/data/provincial) into a temporary folder, opens each page
in Debian's headless Chromium (Playwright drives it; nothing is fetched)
and writes:

- ``screenshot.png``: the bundled report's page as it opens on a
  1366×768 laptop screen (the commonest), nothing clicked or searched;
- ``corpus.png``: the corpus page as it opens at 1366×768 (its most
  connected part);
- ``corpus-document.png``: the corpus page with one report chosen and
  its Report node clicked (1366×768).

The pictures need a CJK font on the machine (Debian's fonts-wqy-microhei
or fonts-noto-cjk); without one Chromium draws boxes.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.build import build, sample_report_path  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def wait(page, condition: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while not page.evaluate(condition):
        if time.time() > deadline:
            raise SystemExit(f"the page never met: {condition}")
        time.sleep(0.05)


def open_page(browser, path: Path):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, device_scale_factor=1)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    page.goto(path.resolve().as_uri())
    wait(page, "!!(window.kg && window.kg.ready)")
    return context, page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs"), help="folder for the PNG files")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("needs Debian's chromium (apt-get install chromium) and playwright (pip install '.[test]')")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        build([sample_report_path()], work / "sample")
        build([ROOT / "tests" / "data" / "provincial"], work / "corpus")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)

            context, page = open_page(browser, work / "sample" / "graph.html")
            time.sleep(0.3)
            page.screenshot(path=str(out / "screenshot.png"))
            context.close()

            context, page = open_page(browser, work / "corpus" / "graph.html")
            time.sleep(0.3)
            page.screenshot(path=str(out / "corpus.png"))
            settled = page.evaluate("window.kg.settled")
            page.evaluate("window.kg.setView('doc:zhejiang-2026-gov.txt')")
            wait(page, f"window.kg.settled > {settled}")
            page.evaluate("window.kg.showNode(window.kg.data.nodes.find(n => n.type === 'Report' && n.docs.indexOf('zhejiang-2026-gov.txt') >= 0).id)")
            page.evaluate("window.kg.placeLabels()")
            time.sleep(0.3)
            page.screenshot(path=str(out / "corpus-document.png"))
            context.close()
            browser.close()
    for name in ("screenshot.png", "corpus.png", "corpus-document.png"):
        print(f"Wrote: {out / name}")


if __name__ == "__main__":
    main()

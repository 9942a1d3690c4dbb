"""The network page in a real headless Chromium (Debian's, no download).

Every request but the page's own file is blocked and recorded; the page
must make none, log no error, draw exactly the graph's nodes and edges,
show evidence on a click, and show injected markup as text.
"""

import time
from pathlib import Path

import pytest

from kg.build import build
from kg.graphio import load_graph
from kg.render import entity_network


class Page:
    def __init__(self, browser, path: Path):
        self.requests, self.errors, self.dialogs = [], [], []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        deadline = time.time() + 60
        while not self.page.evaluate("!!(window.kg && window.kg.ready)"):
            assert time.time() < deadline, "the page never became interactive"
            time.sleep(0.05)

    def _route(self, route):
        url = route.request.url
        if url == self.url:
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def click_node(self, label: str):
        box = self.page.locator("#network canvas").bounding_box()
        x, y = self.page.evaluate(
            """(label) => {
                const n = window.kg.data.nodes.find(n => n.label === label);
                window.kg.network.focus(n.id, {scale: 1.5, animation: false});
                const p = window.kg.network.getPositions([n.id])[n.id];
                const d = window.kg.network.canvasToDOM(p);
                return [d.x, d.y];
            }""",
            label,
        )
        self.page.mouse.click(box["x"] + x, box["y"] + y)

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def sample_page(browser, built):
    page = Page(browser, built[0] / "graph.html")
    yield page
    page.close()


def test_no_request_and_no_error(sample_page):
    assert sample_page.requests == []
    assert sample_page.errors == []


def test_drawn_counts_equal_the_graph(sample_page, built):
    g = entity_network(load_graph(built[0] / "graph.ttl"))
    drawn = sample_page.page.evaluate("[window.kg.nodeView.length, window.kg.edgeView.length]")
    assert drawn == [g.number_of_nodes(), g.number_of_edges()]
    assert g.number_of_nodes() > 100


def test_click_shows_evidence(sample_page):
    sample_page.click_node("衡阳市扬尘污染防治条例")
    panel = sample_page.page.locator("#panel")
    assert panel.locator("h2").inner_text() == "衡阳市扬尘污染防治条例"
    marks = panel.locator("mark").all_inner_texts()
    assert "《衡阳市扬尘污染防治条例》" in marks
    assert "认真制定《衡阳市扬尘污染防治条例》" in panel.inner_text()


def test_search_and_filters(sample_page):
    page = sample_page.page
    page.fill("#search", "雁峰")
    assert page.locator("#matches").inner_text() == "1 个匹配"
    assert page.locator("#panel h2").inner_text() == "衡峰区"
    assert "雁峰区" in page.locator("#panel").inner_text()  # the likely correction
    before = page.evaluate("window.kg.nodeView.length")
    places = page.evaluate("window.kg.data.nodes.filter(n => n.type === 'Place').length")
    page.locator("input[data-type=Place]").uncheck()
    assert page.evaluate("window.kg.nodeView.length") == before - places
    page.locator("input[data-type=Place]").check()
    assert page.evaluate("window.kg.nodeView.length") == before


INJECTIONS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


def test_injected_markup_is_shown_as_text(browser, tmp_path):
    report = tmp_path / "xss.txt"
    report.write_text(
        "某市人民代表大会常务委员会工作报告\n"
        "制定《<script>alert(1)</script>条例》和《<img src=x onerror=alert(1)>管理办法》。\n",
        encoding="utf-8",
    )
    build([report], tmp_path / "out")
    page = Page(browser, tmp_path / "out" / "graph.html")
    try:
        labels = page.page.evaluate("window.kg.data.nodes.map(n => n.label)")
        for text in INJECTIONS:
            label = next(l for l in labels if text in l)
            page.page.evaluate("(l) => window.kg.showNode(window.kg.data.nodes.find(n => n.label === l).id)", label)
            assert text in page.page.locator("#panel h2").inner_text()
            assert text in page.page.locator("#panel mark").first.inner_text()
        assert page.dialogs == []
        assert page.page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.page.evaluate("document.scripts.length") == 3
        assert page.requests == [] and page.errors == []
    finally:
        page.close()


def test_highlight_counts_characters_outside_the_basic_plane(browser, tmp_path):
    """Offsets count code points (Python's), so a character outside the
    Basic Multilingual Plane before a mention shifts nothing."""
    report = tmp_path / "astral.txt"
    report.write_text("某市人民代表大会常务委员会工作报告\n𠀀𠀁𠀂地区制定《株洲市城市绿化条例》。\n", encoding="utf-8")
    build([report], tmp_path / "out")
    page = Page(browser, tmp_path / "out" / "graph.html")
    try:
        page.page.evaluate("(l) => window.kg.showNode(window.kg.data.nodes.find(n => n.label === l).id)", "株洲市城市绿化条例")
        assert page.page.locator("#panel mark").first.inner_text() == "《株洲市城市绿化条例》"
    finally:
        page.close()

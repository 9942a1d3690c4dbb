"""The network page in a real headless Chromium (Debian's, no download).

Every request but the page's own file is blocked and recorded; the page
must make none, log no error, draw exactly the graph's nodes and edges,
show evidence on a click, and show injected markup as text.
"""

import time
from pathlib import Path

import pytest

from kg.build import build
from kg.graph.graphio import load_graph
from kg.graph.network import entity_network


class Page:
    def __init__(self, browser, path: Path, size: tuple[int, int] = (1400, 900)):
        self.requests, self.errors, self.dialogs = [], [], []
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]})
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
    wait_until(page, "document.getElementById('matches').textContent !== ''")
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


# --- the page at corpus scale ------------------------------------------------

PROVINCIAL = Path(__file__).parent / "data" / "provincial"


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus-page")
    build([PROVINCIAL], out, jobs=2)
    return out


@pytest.fixture(scope="module")
def corpus_page(browser, corpus_build):
    page = Page(browser, corpus_build / "graph.html")
    yield page
    page.close()


# a label counts as drawn when its text is set, its size on screen is 9 px
# or more, and its node lies in the window
DRAWN_LABELS = """() => {
  const kg = window.kg, s = kg.network.getScale(), ids = kg.nodeView.getIds();
  const frame = document.getElementById('network'), W = frame.clientWidth, H = frame.clientHeight;
  const pos = kg.network.getPositions(ids);
  return ids.filter(id => {
    const n = kg.nodes.get(id), c = kg.network.canvasToDOM(pos[id]);
    return n.label && n.font.size * s >= 9 && c.x >= 0 && c.y >= 0 && c.x <= W && c.y <= H;
  });
}"""


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
@pytest.mark.parametrize("which", ["bundled report", "26 reports"])
def test_the_first_view_names_the_most_connected_at_common_sizes(browser, built, corpus_build, which, size):
    folder = built[0] if which == "bundled report" else corpus_build
    page = Page(browser, folder / "graph.html", size)
    try:
        drawn = page.page.evaluate(DRAWN_LABELS)
        hub = page.page.evaluate("window.kg.data.nodes.reduce((a, n) => n.degree > a.degree ? n : a).id")
        assert len(drawn) >= 15, len(drawn)
        assert hub in drawn
        boxes = page.page.evaluate("window.kg.labelBoxes")
        assert len(boxes) == len(page.page.evaluate("window.kg.labelled"))
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
        assert page.requests == [] and page.errors == []
    finally:
        page.close()


def test_entities_without_relations_are_listed_and_open_from_the_list(sample_page):
    page = sample_page.page
    page.evaluate("window.kg.network.unselectAll(); window.kg.clearPanel()")
    listed = page.locator("#lone button")
    lone = page.evaluate("window.kg.state.lone.length")
    assert lone > 0 and listed.count() == lone
    assert page.locator("#lone h3").inner_text() == f"无关系的实体 Entities without relations ({lone})"
    name = listed.first.inner_text()
    listed.first.click()
    assert page.locator("#panel h2").inner_text() == name


def wait_until(page, condition: str, seconds: float = 60) -> None:
    """Poll ``condition`` (the page's policy forbids the eval that
    Playwright's wait_for_function needs)."""
    deadline = time.time() + seconds
    while not page.evaluate(condition):
        assert time.time() < deadline, f"never: {condition}"
        time.sleep(0.05)


def settle(page, action: str) -> None:
    before = page.evaluate("window.kg.settled")
    page.evaluate(action)
    wait_until(page, f"window.kg.settled > {before}")


def drawn_ids(page) -> list[int]:
    return sorted(page.evaluate("window.kg.nodeView.getIds()"))


def test_the_corpus_page_opens_on_a_readable_part(corpus_page):
    page = corpus_page.page
    total = page.evaluate("window.kg.data.nodes.length")
    drawn = page.evaluate("window.kg.nodeView.length")
    assert total > 4000 and 50 <= drawn <= 500
    assert corpus_page.requests == [] and corpus_page.errors == []
    edges = page.evaluate("window.kg.edgeView.length")
    assert page.locator("#counts").inner_text() == f"{drawn} / {total} 个实体 · {edges} / {page.evaluate('window.kg.data.edges.length')} 条关系"
    # the most connected node is drawn and labelled
    hub = page.evaluate("window.kg.data.nodes.reduce((a, n) => n.degree > a.degree ? n : a).id")
    assert hub in drawn_ids(page)
    assert page.evaluate(f"window.kg.nodes.get({hub}).label") != ""


def test_labels_never_overlap(corpus_page, sample_page):
    for page in (corpus_page.page, sample_page.page):
        page.evaluate("window.kg.network.fit({animation: false}); window.kg.placeLabels()")
        boxes = page.evaluate("window.kg.labelBoxes")
        assert len(boxes) >= 5
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_one_document_is_drawn_alone_compactly_and_counted(corpus_page):
    page = corpus_page.page
    doc = "zhejiang-2026-gov.txt"
    # a node of another report in the side panel goes when its report is left
    other = page.evaluate(f"window.kg.data.nodes.find(n => n.docs.indexOf({doc!r}) < 0 && window.kg.nodeView.get(n.id)).id")
    page.evaluate(f"window.kg.showNode({other})")
    settle(page, f"window.kg.setView('doc:{doc}')")
    expected = sorted(page.evaluate(f"window.kg.data.nodes.filter(n => n.docs.indexOf({doc!r}) >= 0).map(n => n.id)"))
    assert drawn_ids(page) == expected
    assert page.locator("#panel h2").count() == 0
    total = page.evaluate("window.kg.data.nodes.length")
    edges = page.evaluate("window.kg.edgeView.length")
    assert page.locator("#counts").inner_text().startswith(f"{len(expected)} / {total} 个实体 · {edges} / ")
    # compact: about a hundred canvas units square per node, and drawn big enough to read
    area, scale = page.evaluate("""() => {
        const ids = window.kg.nodeView.getIds(), pos = window.kg.network.getPositions(ids);
        const xs = ids.map(i => pos[i].x), ys = ids.map(i => pos[i].y);
        return [(Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys)) / ids.length, window.kg.network.getScale()];
    }""")
    assert area < 20000 and scale > 0.3
    settle(page, "window.kg.setView('core')")


def test_a_type_filter_lays_the_rest_out_anew_and_counts_follow(corpus_page):
    page = corpus_page.page
    box = page.locator("input[data-type=Organization]")
    before = page.evaluate("window.kg.settled")
    box.uncheck()
    wait_until(page, f"window.kg.settled > {before}")
    assert page.evaluate("window.kg.nodeView.get().every(n => window.kg.data.nodes[n.id].type !== 'Organization')")
    assert page.locator("#counts").inner_text().startswith(f"{page.evaluate('window.kg.nodeView.length')} / ")
    before = page.evaluate("window.kg.settled")
    box.check()
    wait_until(page, f"window.kg.settled > {before}")


def test_a_double_click_brings_a_nodes_neighbours(corpus_page):
    page = corpus_page.page
    node = page.evaluate("""window.kg.data.nodes.find(n => window.kg.nodeView.get(n.id) &&
        window.kg.data.edges.some(e => (e.from === n.id && !window.kg.nodeView.get(e.to)) || (e.to === n.id && !window.kg.nodeView.get(e.from)))).id""")
    neighbours = page.evaluate(f"window.kg.data.edges.filter(e => e.from === {node} || e.to === {node}).map(e => e.from === {node} ? e.to : e.from)")
    settle(page, f"window.kg.expand({node})")
    assert set(neighbours) <= set(drawn_ids(page))
    assert page.locator("#panel h2").inner_text() == page.evaluate(f"window.kg.data.nodes[{node}].label")
    settle(page, "window.kg.setView('core')")


def test_the_panel_puts_evidence_first_and_folds_long_relation_lists(corpus_page):
    page = corpus_page.page
    hub = page.evaluate("window.kg.data.nodes.reduce((a, n) => n.degree > a.degree ? n : a).id")
    page.evaluate(f"window.kg.showNode({hub})")
    headings = page.evaluate("Array.from(document.querySelectorAll('#panel h3, #panel dl, #panel details')).map(e => e.tagName)")
    assert headings == ["H3", "DL", "DETAILS"]
    assert page.evaluate("document.querySelector('#panel details').open") is False
    assert page.locator("#panel .evidence mark").count() >= 1


def test_the_legend_draws_each_types_shape_and_colour(sample_page):
    page = sample_page.page
    drawn = page.evaluate("""Array.from(document.querySelectorAll('#type-filters label')).map(l => {
        const box = l.querySelector('input'), shape = l.querySelector('svg').firstChild;
        return [box.dataset.type, shape.tagName, shape.getAttribute('fill')];
    })""")
    types = {t["name"]: t for t in page.evaluate("window.kg.data.types")}
    tags = {"dot": "circle", "square": "rect"}
    for name, tag, fill in drawn:
        assert fill == types[name]["color"]
        assert tag == tags.get(types[name]["shape"], "polygon")
    assert len({(tag, fill) for _, tag, fill in drawn}) == len(drawn)


def test_search_puts_the_exact_name_first(sample_page):
    page = sample_page.page
    page.evaluate("window.kg.search('市人大常委会')")
    first = page.locator("#results button").first.inner_text()
    assert first.startswith("衡阳市人民代表大会常务委员会")
    assert page.locator("#panel h2").inner_text() == "衡阳市人民代表大会常务委员会"
    page.evaluate("window.kg.search('')")

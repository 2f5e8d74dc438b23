"""The HTML view in headless Chromium with the network cut off."""
from __future__ import annotations

import dataclasses

import networkx as nx
import pytest
from conftest import require_binary
from test_network import sample, sample_graph

from kg.network import to_networkx
from kg.network.viz import screenshot, write_html

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", autouse=True)
def chromium() -> str:
    return require_binary("chromium")


@pytest.fixture(scope="module")
def browser(chromium):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium,
                                     args=["--no-sandbox", "--headless=new", "--disable-gpu"])
        yield instance
        instance.close()


def open_view(browser, path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    seen = {"requests": [], "errors": [], "dialogs": []}

    def route(r):
        seen["requests"].append(r.request.url)
        r.continue_() if r.request.url.startswith("file:") else r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function("() => window.kgView && window.kgView.ready", timeout=60000)
    return page, seen


def test_page_draws_offline_and_hostile_text_stays_text(browser, tmp_path):
    page, seen = open_view(browser, write_html(sample_graph(), tmp_path / "g.html"))
    assert page.evaluate("[kgView.nodes.length, kgView.edges.length]") == [6, 5]  # all in the page
    assert page.evaluate("kgView.network.physics.options.enabled") is False  # frozen
    drawn = "[kgView.nodeView.length, kgView.edgeView.length]"
    # the draft is a Thing in one statement, hidden at first, and with it Russia, whose
    # only statement is about the draft
    assert page.evaluate(drawn) == [4, 4]
    page.check("#kg-minor input")
    page.wait_for_function("() => kgView.ready")
    assert page.evaluate(drawn) == [6, 5]
    veto = page.evaluate("kgView.edges.get({filter: e => e.relation === 'veto'})[0].id")
    page.evaluate(f"kgView.network.selectEdges([{veto}])")
    page.evaluate(f"kgView.network.body.emitter.emit('click', {{nodes: [], edges: [{veto}]}})")
    details = page.inner_text("#kg-details")
    assert "<script>alert(1)</script>" in details and "<img src=x onerror=alert(1)>" in details
    assert page.locator("#kg-details mark.subject").inner_text() == "Russia"
    assert page.locator("#kg-details script, #kg-details img").count() == 0
    page.wait_for_timeout(300)
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert all(url.startswith("file:") for url in seen["requests"])


def counts(page):
    return page.evaluate("[kgView.nodeView.length, kgView.edgeView.length]")


def choose(page, selector, value):
    page.select_option(selector, value)
    page.wait_for_function("() => kgView.ready")
    return counts(page)


def test_filters_change_what_is_drawn(browser, tmp_path):
    page, _ = open_view(browser, write_html(sample_graph(), tmp_path / "g.html"))
    # "draft" is a Thing in one statement: hidden at first, and Russia with it
    assert counts(page) == [4, 4]
    assert page.inner_text("#kg-count") == "4 actors, 0 things, 4 of 5 statements"
    assert choose(page, "#kg-class", "REJECT") == [2, 1]  # Russia vetoes the draft
    assert choose(page, "#kg-class", "CONSULT") == [3, 2]
    assert choose(page, "#kg-class", "") == [4, 4]
    barack = page.evaluate("kgView.nodes.get({filter: n => n.name === 'Barack Obama'})[0].id")
    assert choose(page, "#kg-actor", str(barack)) == [2, 2]
    page.click("#kg-reset")
    page.fill("#kg-from", "2016-01-01")
    page.dispatch_event("#kg-from", "change")
    assert counts(page) == [4, 3]  # the 2016 article: Obama twice, the veto
    page.click("#kg-reset")
    page.fill("#kg-to", "2015-12-31")
    page.dispatch_event("#kg-to", "change")
    assert counts(page) == [3, 2]
    page.click("#kg-reset")
    assert counts(page) == [4, 4]


def test_legend_toggles_things_and_types(browser, tmp_path):
    page, _ = open_view(browser, write_html(sample_graph(), tmp_path / "g.html"))
    page.check("#kg-minor input")
    page.wait_for_function("() => kgView.ready")
    assert counts(page) == [6, 5]
    page.uncheck("#kg-legend [data-type=Country] input")
    assert counts(page) == [4, 4]
    page.uncheck("#kg-legend [data-type=Person] input")
    assert counts(page) == [0, 0]
    page.click("#kg-reset")
    page.wait_for_function("() => kgView.ready")
    assert counts(page) == [4, 4]


def evidence_graph():
    """The sample, the veto quoted by a diplomat, with the verb's offsets known."""
    triples, entities, documents = sample()
    triples[-1] = dataclasses.replace(triples[-1], relation_span=(7, 13), attributed_to="Vassily Nebenzia")
    return to_networkx(triples, entities, documents)


def hover(page, point_js):
    """Move the real mouse onto the canvas point ``point_js`` and return the tooltip."""
    x, y = page.evaluate(f"""(() => {{
        const p = kgView.network.canvasToDOM({point_js});
        const r = document.getElementById('kg-network').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y];
    }})()""")
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=4)
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    return tip


def test_hover_shows_who_and_the_evidence(browser, tmp_path):
    page, seen = open_view(browser, write_html(evidence_graph(), tmp_path / "g.html"))
    page.check("#kg-minor input")
    page.wait_for_function("() => kgView.ready")
    putin = page.evaluate("kgView.nodes.get({filter: n => n.name === 'Vladimir Putin'})[0].id")
    tip = hover(page, f"kgView.network.getPositions([{putin}])[{putin}]")
    text = tip.inner_text()
    for expected in ("Vladimir Putin", "Type: Person", "Titles: President", "Also called: Putin"):
        assert expected in text
    corner = page.locator("#kg-network").bounding_box()
    page.mouse.move(corner["x"] + 3, corner["y"] + 3, steps=4)  # empty canvas
    tip.wait_for(state="hidden")
    veto = page.evaluate("kgView.edges.get({filter: e => e.relation === 'veto'})[0].id")
    tip = hover(page, f"kgView.network.body.edges[{veto}].edgeType.getPoint(0.5)")
    assert [tip.locator(f"mark.{role}").inner_text() for role in ("subject", "relation", "object")] == [
        "Russia", "vetoed", "draft"]
    text = tip.inner_text()
    assert "<script>alert(1)</script>" in text  # hostile article text shown as text
    assert "Article: Veto <b>night</b>, 2016-05-03" in text
    assert "According to: Vassily Nebenzia" in text and "REJECT" in text
    assert tip.locator("script, img").count() == 0
    assert seen["dialogs"] == [] and seen["errors"] == []


def label_boxes(page):
    """[label, left, right, top, bottom] of every drawn node, label included, as vis-network drew it."""
    page.wait_for_timeout(300)  # a frame drawn: vis-network measures labels while drawing
    return page.evaluate("""kgView.nodeView.getIds().map(id => {
        const n = kgView.nodes.get(id), b = kgView.network.getBoundingBox(id);
        return [n.label, b.left, b.right, b.top, b.bottom, n.actor];
    })""")


def overlaps(boxes):
    return [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if min(a[2], b[2]) > max(a[1], b[1]) and min(a[4], b[4]) > max(a[3], b[3])]


def test_labels_do_not_overlap(browser, tmp_path):
    # a hub with long-named neighbours: force layout alone leaves labels on top of each other
    g = nx.MultiDiGraph()
    for i in range(14):
        name = f"Minister of Foreign Affairs number {i}"
        g.add_node(name, type="Person", mentions=1)
        g.add_edge("Hub Country", name, relation="meet", sentence="They met.")
    g.add_node("Hub Country", type="Country", mentions=20)
    page, _ = open_view(browser, write_html(g, tmp_path / "g.html"))
    boxes = label_boxes(page)
    assert len(boxes) == 15 and all(box[0] for box in boxes)
    assert overlaps(boxes) == []


def test_seeds_view_reads_at_first_sight(browser, seeds_graph, tmp_path):
    page, seen = open_view(browser, seeds_graph.to_html(tmp_path / "seeds.html"))
    boxes = label_boxes(page)
    assert 20 <= len(boxes) <= 80  # actors and the Things in several statements, not a hairball
    assert all(label for label, *_ in boxes)
    assert "Vladimir Putin" in {box[0] for box in boxes}
    assert overlaps(boxes) == []
    assert page.evaluate("kgView.network.getScale()") > 0.4  # fitted, yet labels still readable
    assert seen["errors"] == []


def test_screenshot_is_a_png(tmp_path):
    png = screenshot(write_html(sample_graph(), tmp_path / "g.html"), tmp_path / "g.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_a_capped_page_says_so_and_an_actor_shows_all_its_statements(browser, tmp_path):
    """A hub with 30 statements, 20 of them with people left out by the node cap."""
    g = nx.MultiDiGraph()
    g.add_node("Hub", type="Person", mentions=50, label="Hub")
    for i in range(30):
        g.add_node(f"P{i:02}", type="Person", mentions=30 - i, label=f"P{i:02}")
        g.add_edge("Hub", f"P{i:02}", key=f"d:{i}:k", relation="call", sentence=f"Hub called P{i:02}.")
    g.add_edge("Hub", "Hub", key="d:99:k", relation="be", sentence="Hub is Hub.")  # copular: no loop drawn
    page, seen = open_view(browser, write_html(g, tmp_path / "g.html", max_nodes=11))
    assert counts(page) == [11, 10] and not seen["errors"]
    assert "a subset" in page.inner_text("#kg-count")
    assert "most connected of 31 actors and things" in page.inner_text("#kg-legend")
    assert page.evaluate("kgView.edges.get({filter: e => e.from === e.to}).length") == 0
    hub = page.evaluate("kgView.nodes.get({filter: n => n.name === 'Hub' && !n.extra})[0].id")
    assert choose(page, "#kg-actor", str(hub)) == [31, 30]  # every statement of the hub
    assert page.evaluate("document.querySelectorAll('#kg-actor option').length") == 1 + 11  # drawn actors only
    page.click("#kg-reset")
    page.wait_for_function("() => kgView.ready")
    assert counts(page) == [11, 10]

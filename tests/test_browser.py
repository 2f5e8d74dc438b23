"""The HTML view in headless Chromium with the network cut off."""
from __future__ import annotations


import pytest

from kg.viz import screenshot, write_html
from conftest import require_binary
from test_network import sample_graph

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
    page.wait_for_function("window.kgView && window.kgView.ready", timeout=60000)
    return page, seen


def test_page_draws_offline_and_hostile_text_stays_text(browser, tmp_path):
    page, seen = open_view(browser, write_html(sample_graph(), tmp_path / "g.html"))
    assert page.evaluate("[kgView.nodes.length, kgView.edges.length]") == [6, 5]
    assert page.evaluate("kgView.network.physics.options.enabled") is False  # frozen
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


def test_filters_hide_what_does_not_match(browser, tmp_path):
    page, _ = open_view(browser, write_html(sample_graph(), tmp_path / "g.html"))
    page.select_option("#kg-class", "REJECT")
    assert page.evaluate("[kgView.nodeView.length, kgView.edgeView.length]") == [2, 1]
    page.click("#kg-reset")
    page.fill("#kg-from", "2016-01-01")
    page.dispatch_event("#kg-from", "change")
    assert page.evaluate("kgView.edgeView.length") == 3
    page.click("#kg-reset")
    assert page.evaluate("kgView.edgeView.length") == 5


def test_screenshot_is_a_png(tmp_path):
    png = screenshot(write_html(sample_graph(), tmp_path / "g.html"), tmp_path / "g.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000

"""The dashboard in real headless Chromium (Debian's /usr/bin/chromium) through Playwright."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from present_world import XSS_ID

from detente.present.web import highlight

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path("/tmp/detente-shots")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium")


def test_highlight_uses_the_stored_span_and_falls_back_to_the_evidence():
    text = "One. Two <b>x</b>. Three."
    assert highlight(text, 5, 18, "Two <b>x</b>.") == {"before": "One. ", "mark": "Two <b>x</b>.", "after": " Three."}
    assert highlight(text, 0, 4, "Three.")["mark"] == "Three."  # a stale span: found by its text
    assert highlight(text, 0, 400, None) is None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(world_db: Path) -> Iterator[str]:
    import uvicorn

    from detente.present.api import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(world_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("needs Debian chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield pg
    context.close()


@pytest.mark.browser
@needs_chromium
def test_dashboard_shows_trend_network_and_sections(server, page):
    page.goto(f"{server}/?a=USA&b=PAK")
    page.wait_for_selector("#trend.js-plotly-plot svg.main-svg", timeout=20000)
    page.wait_for_selector("#network-chart.js-plotly-plot svg.main-svg", timeout=20000)
    assert page.locator("#trend .barlayer .point").count() > 0  # bars were drawn, not just an empty frame
    assert page.locator("#shifts .warming").first.inner_text() == "warming"
    assert page.locator("#events a.js-evidence").count() > 0
    assert "India" in page.locator("#disputes").inner_text()
    assert "Kestrel Review" in page.locator("#stories").inner_text()
    assert page.dialogs == []
    page.screenshot(path=str(SHOTS / "dashboard.png"), full_page=True)


@pytest.mark.browser
@needs_chromium
def test_picker_page_lists_pairs(server, page):
    page.goto(f"{server}/")
    page.get_by_role("link", name="PAK ↔ USA").click()
    page.wait_for_selector("#trend svg.main-svg", timeout=20000)
    assert "a=PAK" in page.url
    page.goto(f"{server}/")
    page.screenshot(path=str(SHOTS / "picker.png"), full_page=True)


@pytest.mark.browser
@needs_chromium
def test_clicking_an_event_highlights_its_evidence(server, page):
    page.goto(f"{server}/?a=USA&b=PAK")
    link = page.locator("#events a.js-evidence").first
    evidence = link.inner_text()
    link.click()
    page.wait_for_url("**/articles/**")
    marked = page.locator("mark#evidence")
    assert marked.count() == 1
    assert marked.inner_text() == evidence
    assert marked.is_visible()
    page.screenshot(path=str(SHOTS / "article.png"), full_page=True)


@pytest.mark.browser
@needs_chromium
def test_untrusted_article_text_is_shown_as_text(server, page):
    page.goto(f"{server}/articles/{XSS_ID}?event=e-{XSS_ID}-28#evidence")
    page.wait_for_selector("mark#evidence")
    text = page.locator(".article-text").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert page.get_by_text("<img src=x onerror=alert(1)>", exact=False).first.is_visible()
    assert page.locator(".article-text script, .article-text img, main img").count() == 0
    assert "<script>alert(2)</script>" in page.locator("h1").inner_text()
    assert page.locator("a[href^='javascript']").count() == 0
    page.wait_for_timeout(300)
    page.goto(f"{server}/?a=USA&b=PAK&since=2025-04-14&until=2025-04-30")  # the same text in the event table
    page.wait_for_selector("#trend svg.main-svg", timeout=20000)
    assert "onerror=alert(1)" in page.locator("#events").inner_text()
    assert page.dialogs == []
    page.goto(f"{server}/articles/{XSS_ID}?event=e-{XSS_ID}-28#evidence")
    page.screenshot(path=str(SHOTS / "article-untrusted.png"), full_page=True)


@pytest.mark.browser
@needs_chromium
def test_story_page_compares_outlets(server, page):
    page.goto(f"{server}/?a=USA&b=PAK")
    page.get_by_role("link", name="open this story").first.click()
    page.wait_for_url("**/stories/**")
    table = page.locator("table.compare").first.inner_text()
    assert "Kestrel Review" in table and "Tidewater Observer" in table and "Lantern Gazette" in table
    assert "omitted" in page.locator("table.compare").nth(1).inner_text()
    page.screenshot(path=str(SHOTS / "story.png"), full_page=True)


@pytest.mark.browser
@needs_chromium
def test_errors_are_pages(server, page):
    response = page.goto(f"{server}/?a=USA&b=ZZZ")
    assert response.status == 404
    assert "No events involve actor 'ZZZ'" in page.locator("h1").inner_text()

"""Briefs: self-contained HTML (opened offline in Chromium) and Markdown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.errors import InputError
from detente.present.brief import build_brief, plotly_js, safe_url, third_person
from detente.store import Store

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def store(world_db):
    with Store(world_db, read_only=True) as s:
        yield s


def test_html_brief_is_self_contained(store, tmp_path):
    path = build_brief(store, "USA", "PAK", tmp_path / "usa-pak.html")
    text = path.read_text(encoding="utf-8")
    assert plotly_js() in text  # plotly.js is inlined ...
    page = text.replace(plotly_js(), "")
    assert "<script src=" not in page and "http" not in page.split("<main>")[0]  # ... and nothing else is loaded
    assert "Plotly.newPlot" in page
    for needle in ("warming", "driving events", "Top events", "Washington accused Islamabad", "Disputes",
                   "India</strong> (INDGOV) denies", "Kestrel Review", "omitted", "tone toward each actor"):
        assert needle in text
    assert 'href="https://example.org/' in text


def test_untrusted_text_is_escaped_in_both_formats(store, tmp_path):
    period = {"since": dt.date(2025, 4, 14), "until": dt.date(2025, 4, 30)}
    html = build_brief(store, "USA", "PAK", tmp_path / "b.html", **period).read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x onerror" not in html and "<script>alert(1)" not in html
    assert "javascript:alert(3)" not in html
    md = build_brief(store, "USA", "PAK", tmp_path / "b.md", **period).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md and "<script>" not in md


def test_markdown_brief_sections(store, tmp_path):
    text = build_brief(store, "USA", "PAK", tmp_path / "b.md", freq="month").read_text(encoding="utf-8")
    for needle in ("# How relations between USA and PAK are moving", "## Trend (per month)", "| 2025-01-01 | 8 |",
                   "## Shifts", "## Top events", "## Disputes", "**India** denies", "## Outlets compared",
                   "| IND → PAK · ACCUSE | omitted | omitted | claimed |"):
        assert needle in text


def test_bad_brief_requests(store, tmp_path):
    with pytest.raises(InputError):
        build_brief(store, "USA", "PAK", tmp_path / "b.pdf")
    with pytest.raises(InputError):
        build_brief(store, "USA", "PAK", tmp_path / "b.html", freq="hour")


@pytest.mark.parametrize("url, safe", [("https://a.org/x", "https://a.org/x"), ("http://a.org", "http://a.org"),
                                       ("javascript:alert(1)", None), (" JavaScript:alert(1)", None),
                                       ("data:text/html,x", None), ("", None), (None, None), ("/relative", None)])
def test_safe_url(url, safe):
    assert safe_url(url) == safe


def test_third_person():
    assert [third_person(v) for v in ("deny", "say", "accuse", "claim", "reach")] == [
        "denies", "says", "accuses", "claims", "reaches"]


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium")
def test_html_brief_renders_its_chart_offline(store, tmp_path):
    from playwright.sync_api import sync_playwright

    path = build_brief(store, "USA", "PAK", tmp_path / "brief.html")
    requested: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else (requested.append(route.request.url), route.abort()))
        page.goto(path.as_uri())
        page.wait_for_selector("#trend.js-plotly-plot svg.main-svg", timeout=20000)
        Path("/tmp/detente-shots").mkdir(parents=True, exist_ok=True)
        page.screenshot(path="/tmp/detente-shots/brief.png", full_page=True)
        browser.close()
    assert requested == []  # nothing outside the file was fetched


def test_too_many_articles_to_cluster_is_a_note_not_an_error(store, tmp_path, monkeypatch):
    monkeypatch.setattr("detente.present.brief.MAX_ARTICLES", 2)
    text = build_brief(store, "USA", "PAK", tmp_path / "b.md").read_text(encoding="utf-8")
    assert "Stories are not clustered" in text and "## Shifts" in text


def test_undated_reports_are_shown_apart_not_dropped(tmp_path):
    from detente.coding import Coding, get_coder
    from detente.config import Settings
    from detente.pipeline import ingest

    text = ("Pakistan and US sign a deal\n\nThe United States and Pakistan signed a minerals agreement in "
            "Islamabad, officials of both governments said after the ceremony at the finance ministry.")
    (tmp_path / "undated.txt").write_text(text, "utf-8")
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    report = ingest(settings, [tmp_path / "undated.txt"], coder=Coding(settings, get_coder(settings, "rules")))
    assert report.added == 1 and report.undated == 1 and report.events >= 1
    with Store(settings.db, read_only=True) as s:
        markdown = build_brief(s, "USA", "PAK", tmp_path / "b.md").read_text("utf-8")
        page = build_brief(s, "USA", "PAK", tmp_path / "b.html").read_text("utf-8")
    assert "from undated articles are left out of the trend" in markdown
    undated = markdown.split("## Undated reports", 1)[1].split("## Disputes", 1)[0]
    assert "AGREE" in undated and "signed a minerals agreement" in undated
    assert "<h2>Undated reports</h2>" in page and "signed a minerals agreement" in page
    from fastapi.testclient import TestClient

    from detente.present.api import create_app

    with TestClient(create_app(settings.db)) as client:
        dashboard = client.get("/", params={"a": "USA", "b": "PAK"}).text
    assert 'id="undated"' in dashboard and "signed a minerals agreement" in dashboard

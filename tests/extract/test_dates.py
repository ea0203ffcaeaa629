"""Article dates with their evidence, and undated articles kept, counted and shown."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.extract.dates import date_article
from detente.present.cli import app
from detente.store import Store

TODAY = dt.date(2025, 12, 31)


@pytest.mark.parametrize("published, url, paragraphs, expected, source", [
    ("2025-12-03T07:00:00+06:00", None, [], dt.date(2025, 12, 3), "metadata"),
    ("Unknown", "https://example.org/news/2025/12/03/talks", [], dt.date(2025, 12, 3), "url"),
    (None, "https://example.org/world/talks-resume-20251204.html", [], dt.date(2025, 12, 4), "url"),
    (None, None, ["Published: 3 December 2025", "Body."], dt.date(2025, 12, 3), "text"),
    (None, None, ["DHAKA, Dec 5, 2025 (UNB) — The ministry said ..."], dt.date(2025, 12, 5), "text"),
    (None, None, ["December 30, 2025 She was arrested ..."], dt.date(2025, 12, 30), "text"),
    (None, "https://example.org/story-1322271", ["In 1971 the war began."], None, None),
])
def test_the_date_and_where_it_came_from(published, url, paragraphs, expected, source) -> None:
    dated = date_article(published, url, paragraphs, today=TODAY)
    assert (dated.date, dated.source) == (expected, source)


def test_a_future_or_pre_1900_date_is_refused_with_a_warning() -> None:
    dated = date_article("2031-01-01", "https://example.org/2099/01/02/x", ["Updated: 1 Dec 2025"], today=TODAY)
    assert dated.date == dt.date(2025, 12, 1) and dated.source == "text"
    assert dated.warnings == ("metadata date 2031-01-01 is after the day of ingest; ignored",
                              "url date 2099-01-02 is after the day of ingest; ignored")


def test_a_date_before_1900_is_refused() -> None:
    dated = date_article("1850-03-01", None, [], today=TODAY)
    assert dated.date is None and dated.warnings == ("metadata date 1850-03-01 is before 1900; ignored",)


def test_the_users_date_fills_only_undated_articles() -> None:
    assert date_article(None, None, ["No date."], today=TODAY, fallback=dt.date(2025, 1, 2)).source == "user"
    assert date_article("2025-05-05", None, [], today=TODAY, fallback=dt.date(2025, 1, 2)).date == dt.date(2025, 5, 5)


def test_ingest_counts_undated_articles_and_takes_a_batch_date(tmp_path: Path) -> None:
    body = ("Officials of Pakistan and India met in Geneva to discuss the border. Both sides agreed to meet "
            "again next month, and the talks were described as frank by a spokesman for the ministry.")
    (tmp_path / "in.jsonl").write_text(
        json.dumps({"text": body, "url": "https://example.org/a", "outlet": "Kestrel"}) + "\n"
        + json.dumps({"text": body.replace("Geneva", "Doha"), "url": "https://example.org/b",
                      "date": "2025-06-01"}) + "\n", "utf-8")
    runner = CliRunner(env={"COLUMNS": "300"})
    db = str(tmp_path / "s.duckdb")
    first = runner.invoke(app, ["ingest", str(tmp_path / "in.jsonl"), "--db", db, "--no-code"])
    assert first.exit_code == 0, first.output
    assert "1 new articles have no date" in first.output and "--date YYYY-MM-DD" in first.output
    with Store(db, read_only=True) as store:
        rows = {r["url"]: r for r in store.query("SELECT url, published, date_source FROM articles")}
    assert rows["https://example.org/b"]["date_source"] == "metadata"
    assert rows["https://example.org/a"]["published"] is None and rows["https://example.org/a"]["date_source"] is None
    (tmp_path / "more.jsonl").write_text(json.dumps({"text": body.replace("Geneva", "Oslo"),
                                                     "url": "https://example.org/c"}) + "\n", "utf-8")
    second = runner.invoke(app, ["ingest", str(tmp_path / "more.jsonl"), "--db", db, "--no-code",
                                 "--date", "2025-07-04"])
    assert second.exit_code == 0 and "no date" not in second.output, second.output
    with Store(db, read_only=True) as store:
        (row,) = store.query("SELECT published, date_source FROM articles WHERE url = 'https://example.org/c'")
    assert row == {"published": dt.date(2025, 7, 4), "date_source": "user"}

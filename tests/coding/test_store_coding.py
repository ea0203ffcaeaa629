"""Coding through the store: idempotent, resumable, and two coder versions side by side."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.coding import Coding
from detente.config import Settings
from detente.pipeline import ingest
from detente.store import Store

ARTICLE = """Talks in Doha
Outlet: The Test Courier
Date: 2025-10-19

Pakistan and Afghanistan held talks in Doha on Saturday.

Qatar hosted the delegations, and Turkey sent a mediator. Pakistan accused Afghanistan of sheltering militants.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "doha.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def counts(db: Path) -> tuple[int, int, int]:
    with Store(db, read_only=True) as store:
        return store.count("articles"), store.count("events"), store.count("claims")


def test_recoding_is_idempotent(tmp_path: Path, corpus: Path, coding: Coding) -> None:
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    first = ingest(settings, [corpus], coder=coding)
    assert first.events >= 2
    again = ingest(settings, [corpus], coder=coding)
    assert again.added == 0 and again.events == 0
    assert counts(tmp_path / "s.duckdb") == (1, first.events, first.claims)


def test_a_new_coder_version_adds_its_own_events(tmp_path: Path, corpus: Path, coding: Coding,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    first = ingest(settings, [corpus], coder=coding)
    monkeypatch.setattr(coding.coder, "name", "plover.rules.v2-test")
    second = ingest(settings, [corpus], coder=coding)  # nothing new to ingest, but uncoded for this version
    assert second.added == 0 and second.events == first.events
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        by_coder = store.query("SELECT coder, count(*) AS n FROM coded GROUP BY coder ORDER BY coder")
        events = store.query("SELECT coder, count(*) AS n FROM events GROUP BY coder ORDER BY coder")
    assert [r["coder"] for r in by_coder] == ["plover.rules.v2", "plover.rules.v2-test"]
    assert [(r["coder"], r["n"]) for r in events] == [("plover.rules.v2", first.events),
                                                      ("plover.rules.v2-test", first.events)]


def test_coding_resumes_after_a_crash(tmp_path: Path, corpus: Path, coding: Coding,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(db=str(tmp_path / "s.duckdb"))

    def crash(articles: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(coding, "code_articles", crash)
    with pytest.raises(RuntimeError):
        ingest(settings, [corpus], coder=coding)
    assert counts(tmp_path / "s.duckdb") == (0, 0, 0)  # the batch rolled back whole
    monkeypatch.undo()
    report = ingest(settings, [corpus], coder=coding)
    assert report.added == 1 and report.events >= 2


def test_jsonl_export_of_events_and_claims_has_the_documented_fields(tmp_path: Path, corpus: Path,
                                                                      coding: Coding) -> None:
    import json

    from typer.testing import CliRunner

    from detente.present.cli import app
    from tests_fields import ACTOR_FIELDS, CLAIM_FIELDS, EVENT_FIELDS

    db = tmp_path / "s.duckdb"
    ingest(Settings(db=str(db)), [corpus], coder=coding)
    runner = CliRunner()
    events = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    claims = runner.invoke(app, ["claims", "--db", str(db), "--format", "jsonl"])
    assert events.exit_code == 0 and claims.exit_code == 0, events.output + claims.output
    rows = [json.loads(line) for line in events.output.splitlines()]
    assert rows and all(set(r) >= EVENT_FIELDS for r in rows)
    assert all(set(r["source"]) == ACTOR_FIELDS and len(r["span"]) == 2 for r in rows)
    said = [json.loads(line) for line in claims.output.splitlines()]
    assert said and all(set(c) >= CLAIM_FIELDS and "country" in c["speaker"] for c in said)

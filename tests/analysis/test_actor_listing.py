"""``detente actors``: resolved actors by mentions, unresolved names by frequency, one coder at a time."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from detente.analysis.actors import actor_listing
from detente.present.cli import app
from detente.records import ActorRef, Event
from detente.store import Store

PAK = ActorRef("PAKGOV", "PAK", "GOV", "Islamabad", "dictionary", 0.98)
USA = ActorRef("USAGOV", "USA", "GOV", "Washington", "dictionary", 0.98)
NOBODY = ActorRef("GOV", None, "GOV", "the Harbour Board")


def event(n: int, source: ActorRef, target: ActorRef, coder: str = "plover.rules.v2") -> Event:
    return Event(f"e{n}-{coder}", f"a{n % 3}", 0, (0, 10), "Some sentence.", dt.date(2025, 1, 1), source, target,
                 "CONSULT", None, 1, 1.0, "asserted", None, coder, 0.8)


def fill(path: str) -> None:
    with Store(path) as store:
        events = [event(1, PAK, USA), event(2, USA, PAK), event(3, PAK, NOBODY), event(4, NOBODY, USA),
                  event(5, PAK, USA, coder="plover.learned.v1+00000000")]
        store.write_coding(["a0", "a1", "a2"], events[:4], [], "plover.rules.v2")
        store.write_coding(["a0", "a1", "a2"], events[4:], [], "plover.learned.v1+00000000")


def test_resolved_and_unresolved_mentions_of_one_coder(tmp_path) -> None:
    path = str(tmp_path / "s.duckdb")
    fill(path)
    with Store(path, read_only=True) as store:
        listing = actor_listing(store, "rules")
        learned = actor_listing(store, "learned")
    assert listing.coder == "plover.rules.v2" and listing.mentions == 8 and listing.unresolved_mentions == 2
    assert [(r["code"], r["mentions"]) for r in listing.resolved] == [("PAKGOV", 3), ("USAGOV", 3)]
    assert listing.resolved[0]["resolved_by"] == ["dictionary"] and listing.resolved[0]["forms"] == ["Islamabad"]
    assert listing.unresolved == [{"name": "the harbour board", "mentions": 2, "articles": 2, "sector": "GOV",
                                   "example": "the Harbour Board"}]
    assert learned.mentions == 2 and learned.unresolved == []


def test_cli_lists_them(tmp_path) -> None:
    path = str(tmp_path / "s.duckdb")
    fill(path)
    runner = CliRunner(env={"COLUMNS": "200"})
    table = runner.invoke(app, ["actors", "--db", path, "--coder", "rules"])
    assert table.exit_code == 0, table.output
    assert "PAKGOV" in table.output and "the harbour board" in table.output and "2 (25%) without a country" in table.output
    data = json.loads(runner.invoke(app, ["actors", "--db", path, "--coder", "rules", "--format", "json"]).output)
    assert data["unresolved_mentions"] == 2 and data["resolved"][0]["code"] == "PAKGOV"

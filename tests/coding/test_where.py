"""Event places: the place on the trigger, else the dateline; countries from the dictionary or the world's cities."""

from __future__ import annotations

import pytest

from detente.actors.places import place_country
from detente.coding import Coding, get_coder, shared_parser
from detente.coding.base import Context
from detente.coding.where import event_location
from detente.config import Settings
from detente.records import Article


def located(text: str, trigger: str):  # noqa: ANN201 - Location | None
    parsed = shared_parser(Settings())(Article(id="a", source_uri="a", text=text))
    token = next(t for t in parsed.doc if t.text == trigger)
    return event_location(token, token.sent, Context.of(parsed, with_home=True))


@pytest.mark.parametrize("text, trigger, expected", [
    ("Pakistan and India held talks in Geneva on Monday.", "talks", ("Geneva", "CHE", "sentence")),
    ("Gunmen attacked a checkpoint near Kabul.", "attacked", ("Kabul", "AFG", "sentence")),
    ("The minister met envoys at the White House.", "met", ("the White House", "USA", "sentence")),
    ("DHAKA, Dec 3 (UNB) — Police arrested five protesters.", "arrested", ("DHAKA", "BGD", "dateline")),
    ("India accused Pakistan of backing the attackers.", "accused", None),
])
def test_the_events_place(text: str, trigger: str, expected: tuple | None) -> None:
    found = located(text, trigger)
    assert (found and (found.text, found.country, found.source)) == expected


def test_a_shared_city_name_follows_the_articles_country() -> None:
    assert place_country("Hyderabad") == "IND"
    assert place_country("Hyderabad", prefer="PAK") == "PAK"
    assert place_country("ISLAMABAD") == "PAK"  # not Chittagong, whose old name it was
    assert place_country("Springfield") == "USA" and place_country("Nowhere-on-Sea") is None


def test_coded_events_carry_their_location_and_can_be_filtered(tmp_path) -> None:
    from typer.testing import CliRunner

    from detente.pipeline import ingest
    from detente.present.cli import app

    settings = Settings(db=str(tmp_path / "s.duckdb"))
    (tmp_path / "a.txt").write_text("Talks in Doha\n\nThe United States and Iran held talks in Doha on Monday, "
                                    "officials of both governments said after the meeting.", "utf-8")
    ingest(settings, [tmp_path / "a.txt"], coder=Coding(settings, get_coder(settings, "rules")))
    runner = CliRunner(env={"COLUMNS": "250"})
    qatar = runner.invoke(app, ["events", "--db", settings.db, "--location", "QAT", "--format", "jsonl"])
    assert qatar.exit_code == 0 and '"location": {"text": "Doha", "country": "QAT"' in qatar.output, qatar.output
    elsewhere = runner.invoke(app, ["events", "--db", settings.db, "--location", "FRA", "--format", "jsonl"])
    assert elsewhere.exit_code == 0 and elsewhere.output.strip() == ""

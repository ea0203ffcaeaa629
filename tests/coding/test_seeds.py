"""The two articles the project started from: the obvious facts come out of ingest + coding."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.coding import Coding, get_coder
from detente.config import Settings
from detente.pipeline import ingest
from detente.store import Store

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/corpus/seeds not present")


@pytest.fixture(scope="module", params=["rules", "learned"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    settings = Settings(db=str(db))
    ingest(settings, [SEEDS], coder=Coding(settings, get_coder(settings, request.param)))
    return Store(db, read_only=True)


def learned_misses(request: pytest.FixtureRequest) -> None:
    """Facts the learned coder does not get yet (the rules coder, the default, does): strict, so a
    model that gets them fails here until the mark is removed."""
    if "learned" in request.node.callspec.id:
        request.applymarker(pytest.mark.xfail(strict=True, reason="plover.learned.v1 misses this seed fact"))


def events(store: Store, where: str) -> list[dict]:
    return store.query(f"SELECT * FROM events WHERE {where}")


def test_meetings_and_calls_between_pakistan_and_the_us(store: Store) -> None:
    rows = events(store, "type = 'CONSULT' AND modality = 'asserted' AND "
                         "list_sort([source_country, target_country]) = ['PAK', 'USA']")
    texts = " | ".join(r["evidence"] for r in rows)
    assert "phone call" in texts and "White House" in texts


def test_suspect_handover(store: Store, request: pytest.FixtureRequest) -> None:
    learned_misses(request)
    (row,) = events(store, "type = 'COOPERATE' AND source_country = 'PAK' AND target_country = 'USA'")
    assert "handing over a terrorism suspect" in row["evidence"] and row["modality"] == "asserted"


def test_minerals_agreement_between_the_two_firms(store: Store, request: pytest.FixtureRequest) -> None:
    learned_misses(request)
    (row,) = events(store, "type = 'AGREE' AND target_text = 'US Strategic Metals'")
    assert row["source_text"] == "the Frontier Works Organisation" and row["target_code"] == "USABUS"
    assert "$500 million" in row["evidence"]


def test_pakistan_credits_trump_and_india_denies_it(store: Store, request: pytest.FixtureRequest) -> None:
    learned_misses(request)
    (support,) = events(store, "type = 'SUPPORT' AND source_country = 'PAK' AND target_country = 'USA' "
                               "AND evidence LIKE '%cease-fire%'")
    assert support["modality"] == "asserted"
    credit = store.query("SELECT * FROM claims WHERE verb = 'credit'")[0]
    denial = store.query("SELECT * FROM claims WHERE verb = 'deny'")[0]
    assert credit["speaker_country"] == "PAK" and denial["speaker_country"] == "IND"
    assert denial["disputes"] == credit["id"] and denial["modality"] == "denied"


def test_no_asserted_us_aid_to_pakistan(store: Store) -> None:
    assert events(store, "type = 'AID' AND source_country = 'USA' AND modality = 'asserted'") == []


def test_every_event_points_at_its_sentence(store: Store) -> None:
    for row in store.query("SELECT e.evidence, e.span_start, e.span_end, a.text FROM events e "
                           "JOIN articles a ON a.id = e.article_id"):
        assert row["text"][row["span_start"]: row["span_end"]] == row["evidence"]

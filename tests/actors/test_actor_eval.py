"""``detente eval --actors`` on gold written for this test: accuracy overall and per corpus."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from detente.actors import Resolver, load_gazetteer
from detente.actors.evaluate import evaluate_actors, resolve_gold_actors
from detente.config import Settings
from detente.nlp import load_model
from detente.present.cli import app

GOLD = [
    {"id": "a1", "source_corpus": "wire", "article": "A", "date": "2025-05-02",
     "text": "Pakistani troops shelled villages in Kashmir, Indian officials said.",
     "events": [{"type": "ASSAULT", "modality": "claimed", "trigger": "shelled",
                 "source": {"country": "PAK", "sector": "MIL", "text": "Pakistani troops"},
                 "target": {"country": "IND", "sector": "CVL", "text": "villages in Kashmir"}}]},
    {"id": "a2", "source_corpus": "wire", "article": "A", "date": "2025-05-02",
     "text": "The UN urged both sides to show restraint.",
     "events": [{"type": "REQUEST", "modality": "asserted", "trigger": "urged",
                 "source": {"country": "UN", "sector": "IGO", "text": "The UN"},
                 "target": {"country": None, "sector": None, "text": "both sides"}}]},
    {"id": "b1", "source_corpus": "paper", "article": "B", "date": "2025-06-01",
     "text": "Jordan Peterson criticised Canada's government.",
     "events": [{"type": "ACCUSE", "modality": "asserted", "trigger": "criticised",
                 "source": {"country": "CAN", "sector": None, "text": "Jordan Peterson"},
                 "target": {"country": "CAN", "sector": "GOV", "text": "Canada's government"}}]},
]


def write_gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in GOLD), "utf-8")
    return path


def test_each_gold_actor_is_resolved_in_context(tmp_path: Path) -> None:
    results = {r.text: r for r in resolve_gold_actors(Settings(), write_gold(tmp_path), "rules")}
    assert set(results) == {"Pakistani troops", "villages in Kashmir", "The UN", "both sides", "Jordan Peterson",
                            "Canada's government"}
    assert results["Pakistani troops"].code == "PAKMIL" and results["Pakistani troops"].right
    assert results["The UN"].resolved == "UN" and results["The UN"].resolved_by == "dictionary"
    assert results["both sides"].resolved is None and results["both sides"].right  # none for none is right
    assert results["Jordan Peterson"].resolved != "JOR"


def test_scores_overall_and_per_corpus(tmp_path: Path) -> None:
    scores = evaluate_actors(Settings(), write_gold(tmp_path), "rules")
    right = sum(r.right for r in resolve_gold_actors(Settings(), write_gold(tmp_path), "rules"))
    assert scores.n == 6 and scores.actor_country_accuracy == round(right / 6, 4)
    assert set(scores.per_corpus) == {"wire", "paper"} and scores.per_corpus["wire"]["n"] == 4


def test_cli_prints_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--actors", str(write_gold(tmp_path)), "--json", "--coder", "rules"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["n"] == 6 and 0 < data["actor_country_accuracy"] <= 1 and "wire" in data["per_corpus"]


def test_historical_states_follow_the_article_date() -> None:
    nlp = load_model()
    now = Resolver(load_gazetteer(), nlp)
    then = Resolver(load_gazetteer(historical_states=True), nlp)
    doc = nlp("Moscow rejected the proposal.")
    head = doc[0]
    assert now.resolve(head, now.mentions(doc), dt.date(1987, 3, 1)).country == "RUS"
    assert then.resolve(head, then.mentions(doc), dt.date(1987, 3, 1)).country == "SUN"
    assert then.resolve(head, then.mentions(doc), dt.date(2022, 3, 1)).country == "RUS"


def test_a_person_named_once_keeps_country_and_role_later(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    text = ("Pakistan's Foreign Minister Zafar Qadeer met officials in Kabul on Monday.\n\n"
            "Later, Qadeer criticised the Afghan Taliban, and the minister warned of consequences.")
    gold.write_text(json.dumps({"id": "p1", "article": "P", "date": "2025-05-02", "text": text, "events": [
        {"type": "ACCUSE", "modality": "asserted", "trigger": "criticised",
         "source": {"country": "PAK", "sector": "GOV", "text": "Qadeer"},
         "target": {"country": "AFG", "sector": "REB", "text": "the Afghan Taliban"}},
        {"type": "THREATEN", "modality": "asserted", "trigger": "warned",
         "source": {"country": "PAK", "sector": "GOV", "text": "the minister"},
         "target": {"country": "AFG", "sector": "REB", "text": "the Afghan Taliban"}}]}) + "\n", "utf-8")
    results = list(resolve_gold_actors(Settings(), gold, "rules"))
    by_text = {r.text: r for r in results}
    assert (by_text["Qadeer"].resolved, by_text["Qadeer"].resolved_by) == ("PAK", "article")  # no dictionary entry
    assert (by_text["the minister"].resolved, by_text["the minister"].resolved_by) == ("PAK", "article")

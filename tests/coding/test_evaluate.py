"""Scoring as the guidelines define it, on hand-made events with known answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.coding.evaluate import match, plover_fold, read_jsonl, score
from detente.errors import InputError


def ev(kind: str, source: str | None, target: str | None, modality: str = "asserted") -> dict:
    return {"type": kind, "source": {"country": source}, "target": {"country": target}, "modality": modality}


def test_micro_scores_and_modality() -> None:
    gold = [[ev("CONSULT", "PAK", "USA"), ev("AID", "USA", "PAK", "hedged")], [ev("ACCUSE", "IND", "PAK")], []]
    pred = [[ev("CONSULT", "PAK", "USA"), ev("AID", "USA", "PAK")], [ev("ACCUSE", "PAK", "IND")], [ev("AGREE", "CHN", "PAK")]]
    s = score(zip(gold, pred))
    assert (s.gold, s.predicted, s.matched) == (3, 4, 2)
    assert s.precision == 0.5 and s.recall == pytest.approx(2 / 3) and s.f1 == pytest.approx(4 / 7)
    assert s.modality_accuracy == 0.5
    assert s.false_assertions == 1 and s.false_assertion_rate == 1.0
    assert s.per_type["CONSULT"]["f1"] == 1.0 and s.per_type["ACCUSE"]["f1"] == 0.0
    assert s.macro_f1 == pytest.approx((1 + 1 + 0 + 0) / 4)


def test_each_gold_event_matches_once() -> None:
    assert len(match([ev("AID", "USA", "PAK")], [ev("AID", "USA", "PAK"), ev("AID", "USA", "PAK")])) == 1


def test_old_gold_codes() -> None:
    assert match([ev("AGREE", "IGO", "JAP")], [ev("AGREE", "UN", "JPN")], frozenset({"UN"}))


def test_plover_fold() -> None:
    assert plover_fold(ev("AID", "USA", "PAK", "future"))["type"] == "AGREE"
    assert plover_fold(ev("AID", "USA", "PAK", "negated"))["type"] == "AID"


def test_bad_gold_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"text": "ok", "events": []}) + "\n{broken\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.jsonl, line 2"):
        list(read_jsonl(path))


def test_a_gold_file_that_is_not_utf8_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_bytes(json.dumps({"text": "ok"}).encode() + b'\n{"text": "caf\xe9"}\n')
    with pytest.raises(InputError, match=r"gold.jsonl, line 2: not UTF-8"):
        list(read_jsonl(path))

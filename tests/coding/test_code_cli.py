"""``detente code`` and ``detente eval`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from detente.present.cli import app

from tests_fields import CLAIM_FIELDS
from tests_fields import EVENT_FIELDS as FIELDS


def test_code_writes_events_and_claims(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    records = [
        {"id": "a", "date": "2025-05-13", "text": "Pakistan credited Donald Trump with mediating the cease-fire, a claim India denied."},
        {"id": "b", "text": "The weather stayed dry all week."},
    ]
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["code", "--jsonl", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    a, b = [json.loads(line) for line in out.read_text().splitlines()]
    assert a["id"] == "a" and b["events"] == [] and b["claims"] == []
    support = next(e for e in a["events"] if e["type"] == "SUPPORT")
    assert set(support) >= FIELDS
    assert support["source"] == {"code": "PAK", "country": "PAK", "sector": None, "text": "Pakistan",
                                 "resolved_by": "dictionary", "confidence": 0.98}
    assert support["target"]["country"] == "USA"
    assert all(set(c) >= CLAIM_FIELDS for c in a["claims"])
    denial = next(c for c in a["claims"] if c["verb"] == "deny")
    assert denial["disputes"] == next(c["id"] for c in a["claims"] if c["verb"] == "credit")


def test_eval_on_own_predictions(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "g1", "text": "India imposed sanctions on Pakistan.", "events": [
        {"source": {"country": "IND"}, "target": {"country": "PAK"}, "type": "SANCTION", "modality": "asserted"}]}) + "\n")
    result = CliRunner().invoke(app, ["eval", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["f1"] == 1.0 and scores["per_type"]["SANCTION"]["f1"] == 1.0

"""``detente code`` and ``detente eval``: coding JSONL records without touching the store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detente.coding.evaluate import Scores, plover_fold, read_jsonl, score
from detente.config import Settings
from detente.extract.fields import parse_date
from detente.records import Claim, Event
from detente.store.database import claim_row, event_row
from detente.store.rows import claim_export, event_export

# Records coded per parsing batch: large enough for nlp.pipe, small enough to stream.
CHUNK = 256


def event_json(event: Event) -> dict[str, Any]:
    """An event in the exported (and guideline) JSON format: the same one ``detente events`` writes."""
    return event_export(event_row(event))


def claim_json(claim: Claim) -> dict[str, Any]:
    return claim_export(claim_row(claim))


def code_records(settings: Settings, path: str | Path) -> Iterator[dict[str, Any]]:
    """Each record of a JSONL file with ``events`` and ``claims`` coded from its ``text``."""
    from detente.coding import get_coder

    coder = get_coder(settings)
    records = read_jsonl(path)
    while True:
        chunk = [r for _, r in zip(range(CHUNK), records)]
        if not chunk:
            return
        items = [(r["text"], parse_date(r.get("date")), str(r.get("id", i))) for i, r in enumerate(chunk)]
        for record, (events, claims) in zip(chunk, coder.code_texts(items)):
            yield {**record, "events": [event_json(e) for e in events], "claims": [claim_json(c) for c in claims]}


def code_file(settings: Settings, path: str | Path, out: str | Path) -> int:
    """Write the coded records of ``path`` to ``out``; returns how many."""
    count = 0
    with open(out, "w", encoding="utf-8") as handle:
        for record in code_records(settings, path):
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


def evaluate_file(settings: Settings, gold_path: str | Path, pred_path: str | Path | None = None,
                  fold: bool = False) -> Scores:
    """Score predictions (from ``pred_path``, or from running the coder) against gold."""
    from detente.actors import load_gazetteer

    gold = list(read_jsonl(gold_path))
    predicted = list(read_jsonl(pred_path)) if pred_path else list(code_records(settings, gold_path))
    by_id = {str(r.get("id")): r for r in predicted}
    pairs = []
    for index, record in enumerate(gold):
        pred = by_id.get(str(record.get("id")), predicted[index] if index < len(predicted) and not pred_path else {})
        output = pred.get("events") or []
        pairs.append((record.get("events") or [], [plover_fold(e) for e in output] if fold else output))
    gazetteer = load_gazetteer(tuple(settings.actors.extra_files))
    igo_codes = frozenset(e.country for entries in gazetteer.forms.values() for e in entries
                          if e.kind == "igo" and e.country)
    return score(pairs, igo_codes)

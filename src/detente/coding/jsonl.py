"""``detente code`` and ``detente eval``: coding JSONL records without touching the store."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detente.coding.evaluate import Scores, plover_fold, read_jsonl, score
from detente.config import Settings
from detente.export import claim_json, event_json
from detente.extract.fields import parse_date
from detente.records import Article, Claim, Event

# Records coded per parsing batch: large enough for nlp.pipe, small enough to stream.
CHUNK = 256


def record_article(record: dict[str, Any], number: int) -> Article:
    """A JSONL record as the article the coding stage reads (its id is the record's, or its line)."""
    return Article(id=str(record.get("id", number)), source_uri=str(record.get("id", number)),
                   text=str(record.get("text") or ""), outlet=record.get("outlet"),
                   published=parse_date(record.get("date")), language="en")


def code_records(settings: Settings, path: str | Path, coder: str | None = None) -> Iterator[dict[str, Any]]:
    """Each record of a JSONL file with ``events`` and ``claims`` coded from its ``text``."""
    from detente.coding import Coding, get_coder

    stage = Coding(settings, get_coder(settings, coder))
    records = enumerate(read_jsonl(path))
    while True:
        chunk = [(i, r) for _, (i, r) in zip(range(CHUNK), records)]
        if not chunk:
            return
        articles = [record_article(r, i) for i, r in chunk]
        if len({a.id for a in articles}) < len(articles):  # a repeated id must not merge two records' events
            articles = [dataclasses.replace(a, id=f"{a.id}#{i}") for a, (i, _) in zip(articles, chunk)]
        events, claims = stage.code_articles(articles)
        by_article: dict[str, tuple[list[Event], list[Claim]]] = {a.id: ([], []) for a in articles}
        for event in events:
            by_article[event.article_id][0].append(event)
        for claim in claims:
            by_article[claim.article_id][1].append(claim)
        for article, (_, record) in zip(articles, chunk):
            found, said = by_article[article.id]
            yield {**record, "events": [event_json(e) for e in found], "claims": [claim_json(c) for c in said]}


def code_file(settings: Settings, path: str | Path, out: str | Path, coder: str | None = None) -> int:
    """Write the coded records of ``path`` to ``out``; returns how many."""
    count = 0
    with open(out, "w", encoding="utf-8") as handle:
        for record in code_records(settings, path, coder):
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


def evaluate_file(settings: Settings, gold_path: str | Path, pred_path: str | Path | None = None,
                  fold: bool = False, coder: str | None = None) -> Scores:
    """Score predictions (from ``pred_path``, or from running the coder) against gold."""
    from detente.actors import load_gazetteer

    gold = list(read_jsonl(gold_path))
    predicted = list(read_jsonl(pred_path)) if pred_path else list(code_records(settings, gold_path, coder))
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

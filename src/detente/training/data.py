"""Training examples from annotated JSONL (``shared/eval/GUIDELINES.md`` format, with triggers).

Each event's trigger and actor ``text`` are exact words of its sentence; they are found in the
text (the occurrence nearest the trigger, for actors) and turned into per-token labels.
Records whose events carry no trigger (the PLOVER gold standard records) train the actor tags
only: their trigger, role and modality losses are masked.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.actors.spans import locate
from detente.coding.evaluate import read_jsonl
from detente.coding.learned.labels import (
    ACTOR_TAGS,
    MODALITY_LABELS,
    ROLES,
    TRIGGER_TAGS,
    Encoded,
    encode,
)

IGNORE = -100


@dataclass(slots=True)
class Example:
    ids: list[int]
    trigger_tags: list[int]
    actor_tags: list[int]
    # (trigger token indices, {token: role index}, modality index), one per distinct trigger
    triggers: list[tuple[list[int], dict[int, int], int]] = field(default_factory=list)
    has_triggers: bool = True
    actors: list[tuple[list[int], int]] = field(default_factory=list)  # (tokens, country index)


def read_records(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    """The records of JSONL files in order; a malformed line is an ``InputError`` naming file and line."""
    for path in paths:
        yield from read_jsonl(path)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tag(tags: list[int], tokens: list[int], begin: int, inside: int) -> None:
    for n, i in enumerate(tokens):
        if tags[i] == 0:
            tags[i] = begin if n == 0 else inside


def country_vocabulary(records: Iterable[dict[str, Any]], min_count: int = 3) -> list[str]:
    """Countries of the training actors seen at least ``min_count`` times; index 0 means none/other."""
    counts: dict[str, int] = {}
    for record in records:
        for event in record.get("events") or []:
            for key in ("source", "target"):
                country = (event.get(key) or {}).get("country")
                if country:
                    counts[country] = counts.get(country, 0) + 1
    return ["-", *sorted(c for c, n in counts.items() if n >= min_count)]


def build_example(tokenizer: object, record: dict[str, Any], countries: list[str] | None = None) -> Example:
    """Labels of one annotated sentence."""
    text = record["text"]
    enc: Encoded = encode(tokenizer, text)
    n = len(enc.ids)
    events = record.get("events") or []
    has_triggers = all(e.get("trigger") for e in events)
    trigger_tags = [0] * n if has_triggers else [IGNORE] * n
    actor_tags = [0] * n
    by_trigger: dict[tuple[int, int], tuple[list[int], dict[int, int], int]] = {}
    index = {c: i for i, c in enumerate(countries or ["-"])}
    actors: dict[tuple[int, int], tuple[list[int], int]] = {}
    for event in events:
        trigger = locate(text, event.get("trigger") or "")
        near = trigger[0] if trigger else None
        for role, key in ((1, "source"), (2, "target")):
            actor = locate(text, (event.get(key) or {}).get("text") or "", near)
            if actor is None:
                continue
            tokens = enc.tokens_in(*actor)
            _tag(actor_tags, tokens, ACTOR_TAGS.index("B"), ACTOR_TAGS.index("I"))
            if tokens:
                actors.setdefault(actor, (tokens, index.get((event.get(key) or {}).get("country") or "-", 0)))
            if trigger is None:
                continue
            t_tokens = enc.tokens_in(*trigger)
            if not t_tokens:
                continue
            entry = by_trigger.setdefault(trigger, (t_tokens, {}, MODALITY_LABELS.index(event.get("modality", "asserted"))))
            for i in tokens:
                entry[1].setdefault(i, role)
        if trigger and has_triggers:
            t_tokens = enc.tokens_in(*trigger)
            kind = event["type"]
            _tag(trigger_tags, t_tokens, TRIGGER_TAGS.index(f"B-{kind}"), TRIGGER_TAGS.index(f"I-{kind}"))
    for i, (start, end) in enumerate(enc.offsets):
        if start == end:  # [CLS] / [SEP]
            actor_tags[i] = IGNORE
            if has_triggers:
                trigger_tags[i] = IGNORE
    return Example(enc.ids, trigger_tags, actor_tags, list(by_trigger.values()) if has_triggers else [], has_triggers,
                   list(actors.values()))


def split_by_article(records: list[dict[str, Any]], share: float, seed: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(train, validation): ``share`` of the articles held out, never splitting an article."""
    articles = sorted({str(r.get("article") or r.get("id")) for r in records})
    random.Random(seed).shuffle(articles)
    held = set(articles[: int(len(articles) * share)])
    return ([r for r in records if str(r.get("article") or r.get("id")) not in held],
            [r for r in records if str(r.get("article") or r.get("id")) in held])


__all__ = ["ROLES", "Example", "build_example", "read_records", "sha256", "split_by_article"]

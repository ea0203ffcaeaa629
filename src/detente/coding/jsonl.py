"""``detente code`` and ``detente eval``: coding JSONL records without touching the store."""

from __future__ import annotations

import bisect
import dataclasses
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.coding.evaluate import (
    ClaimScores,
    Scores,
    igo_codes,
    plover_fold,
    read_jsonl,
    score,
    score_claims,
)
from detente.config import Settings
from detente.export import claim_json, event_json
from detente.extract.fields import parse_date
from detente.records import Article, Claim, Event, stable_id

if TYPE_CHECKING:
    from detente.nlp import Parsed

# Records coded per parsing batch: large enough for nlp.pipe, small enough to stream.
CHUNK = 256


def record_article(record: dict[str, Any], number: int) -> Article:
    """A JSONL record as the article the coding stage reads (its id is the record's, or its line)."""
    return Article(id=str(record.get("id", number)), source_uri=str(record.get("id", number)),
                   text=str(record.get("text") or ""), outlet=record.get("outlet"),
                   published=parse_date(record.get("date")), language="en")


@dataclass
class ArticleGroup:
    """Records of one article (same ``article`` field), coded together as that article."""

    article: Article
    members: list[int]  # positions in the chunk
    starts: list[int]  # character offset of each member's text in the article
    first_sentence: list[int] = field(default_factory=list)


def article_groups(chunk: list[tuple[int, dict[str, Any]]]) -> list[ArticleGroup]:
    # A sentence is coded in its article's context, as ingest codes it: "he" and "the government" of
    # one sentence resolve from the countries the article's other sentences name.
    keyed: dict[str, list[int]] = {}
    for pos, (number, record) in enumerate(chunk):
        key = record.get("article")
        keyed.setdefault(f"article:{key}" if isinstance(key, str) and key else f"record:{number}", []).append(pos)
    groups = []
    for key, members in keyed.items():
        first = record_article(chunk[members[0]][1], chunk[members[0]][0])
        texts = [str(chunk[pos][1].get("text") or "").strip() for pos in members]
        starts = [sum(len(t) + 2 for t in texts[:k]) for k in range(len(texts))]
        article = dataclasses.replace(first, id=stable_id(key), source_uri=key, text="\n\n".join(texts))
        groups.append(ArticleGroup(article, members, starts))
    return groups


def code_records(settings: Settings, path: str | Path, coder: str | None = None) -> Iterator[dict[str, Any]]:
    """Each record of a JSONL file with ``events`` and ``claims`` coded from its ``text``.

    Records that share an ``article`` are coded together as that article; each event and claim goes
    back to its own record, with its span and sentence index counted within that record's text.
    """
    from detente.coding import Coding, get_coder

    stage = Coding(settings, get_coder(settings, coder))
    records = enumerate(read_jsonl(path))
    while chunk := [(i, r) for _, (i, r) in zip(range(CHUNK), records)]:
        groups = article_groups(chunk)
        events, claims = stage.code_parsed(located(groups, stage.parser.pipe(g.article for g in groups)))
        found: list[tuple[list[Event], list[Claim]]] = [([], []) for _ in chunk]
        by_id = {g.article.id: g for g in groups}
        for event in events:
            group = by_id[event.article_id]
            k = bisect.bisect_right(group.starts, event.span[0]) - 1
            shift = group.starts[k]
            found[group.members[k]][0].append(dataclasses.replace(
                event, article_id=_record_id(chunk[group.members[k]]), span=(event.span[0] - shift, event.span[1] - shift),
                sentence=event.sentence - group.first_sentence[k]))
        for claim in claims:
            group = by_id[claim.article_id]
            k = bisect.bisect_right(group.first_sentence, claim.sentence) - 1
            found[group.members[k]][1].append(dataclasses.replace(
                claim, article_id=_record_id(chunk[group.members[k]]), sentence=claim.sentence - group.first_sentence[k]))
        for (_, record), (said, claimed) in zip(chunk, found):
            yield {**record, "events": [event_json(e) for e in said], "claims": [claim_json(c) for c in claimed]}


def located(groups: list[ArticleGroup], parsed: Iterable[Parsed]) -> Iterator[Parsed]:
    """Pass the parsed articles on, noting where each member record's sentences start."""
    for group, item in zip(groups, parsed):
        sentence_starts = [s.start_char for s in item.doc.sents]
        group.first_sentence = [bisect.bisect_left(sentence_starts, start) for start in group.starts]
        yield item


def _record_id(item: tuple[int, dict[str, Any]]) -> str:
    return str(item[1].get("id", item[0]))


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
    pairs = []
    for record, pred in _paired(settings, gold_path, pred_path, coder):
        output = pred.get("events") or []
        pairs.append((record.get("events") or [], [plover_fold(e) for e in output] if fold else output))
    return score(pairs, _igo_codes(settings))


def evaluate_claims_file(settings: Settings, gold_path: str | Path, pred_path: str | Path | None = None,
                         coder: str | None = None) -> ClaimScores:
    """Score claims (from ``pred_path``, or from running the coding stage) against claims gold."""
    pairs = [(record.get("claims") or [], pred.get("claims") or [])
             for record, pred in _paired(settings, gold_path, pred_path, coder)]
    return score_claims(pairs, _igo_codes(settings))


def _paired(settings: Settings, gold_path: str | Path, pred_path: str | Path | None, coder: str | None
            ) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Each gold record with its output record: from ``pred_path`` by id, else coded here (by id, or
    by position for gold records without one)."""
    gold = list(read_jsonl(gold_path))
    predicted = list(read_jsonl(pred_path)) if pred_path else list(code_records(settings, gold_path, coder))
    by_id = {str(r.get("id")): r for r in predicted}
    for index, record in enumerate(gold):
        yield record, by_id.get(str(record.get("id")), predicted[index] if index < len(predicted) and not pred_path
                                else {})


def _igo_codes(settings: Settings) -> frozenset[str]:
    from detente.actors import gazetteer_of

    return igo_codes(gazetteer_of(settings.actors))

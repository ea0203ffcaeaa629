"""The one home of record serialisation: ``Event``/``Claim`` <-> flat store rows <-> the export format.

Flat rows (``source_code``, ``source_country`` ...) are what DuckDB, CSV listings and raw table
exports hold. The export format nests actors (``source{code,country,sector,text,resolved_by,confidence}``) and gives the
evidence span as a pair: ``detente events/claims --format jsonl``, ``detente code`` and the REST
API all write it through ``event_export``/``claim_export``.
"""

from __future__ import annotations

import json
from typing import Any

from detente.records import ActorRef, Article, Claim, Event


def event_row(event: Event) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": event.id, "article_id": event.article_id, "sentence": event.sentence,
        "span_start": event.span[0], "span_end": event.span[1], "evidence": event.evidence, "date": event.date,
    }
    for role in ("source", "target"):
        actor = getattr(event, role)
        row.update(_actor_row(actor, role))
    row.update({"type": event.type, "mode": event.mode, "quad_class": event.quad_class,
                "intensity": event.intensity, "modality": event.modality, "attributed_to": event.attributed_to,
                "coder": event.coder, "confidence": event.confidence, "trigger": event.trigger,
                "article_date": event.article_date, "date_precision": event.date_precision,
                "historical": event.historical})
    location = event.location
    row.update({f"location_{key}": getattr(location, key) if location else None for key in LOCATION_KEYS})
    return row


ACTOR_KEYS = ("code", "country", "sector", "text", "resolved_by", "confidence")
LOCATION_KEYS = ("text", "country", "place", "source")


def _actor_row(actor: ActorRef, role: str) -> dict[str, Any]:
    return {f"{role}_{key}": getattr(actor, key) for key in ACTOR_KEYS}


def claim_row(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id, "article_id": claim.article_id, "sentence": claim.sentence, "evidence": claim.evidence,
        **_actor_row(claim.speaker, "speaker"), "verb": claim.verb,
        "content": claim.content, "modality": claim.modality,
        "subjects": json.dumps([s.to_dict() for s in claim.subjects]), "disputes": claim.disputes,
        "coder": claim.coder,
    }


def article_from_row(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"], source_uri=row["source_uri"], text=row["text"] or "", url=row.get("url"),
        outlet=row.get("outlet"), title=row.get("title"), published=row.get("published"),
        authors=tuple(row.get("authors") or ()), language=row.get("language"),
        paragraphs=tuple(row.get("paragraphs") or ()), relays=tuple(row.get("relays") or ()),
        duplicate_of=row.get("duplicate_of"), removed=tuple(row.get("removed") or ()),
        date_source=row.get("date_source"), warnings=tuple(row.get("warnings") or ()),
    )


EVENT_FIELDS = ("id", "article_id", "sentence", "span", "evidence", "date", "article_date", "date_precision",
                "historical", "location", "source", "target", "type", "mode", "quad_class", "intensity",
                "modality", "attributed_to", "coder", "confidence")
CLAIM_FIELDS = ("id", "article_id", "sentence", "evidence", "speaker", "verb", "content", "modality", "subjects",
                "disputes")


def _actor(row: dict[str, Any], role: str) -> dict[str, Any]:
    return {key: row.get(f"{role}_{key}") for key in ACTOR_KEYS}


def event_export(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row in the documented JSONL export format (actors nested, span as a pair)."""
    location = {key: row.get(f"location_{key}") for key in LOCATION_KEYS}
    out = {**row, "span": [row.get("span_start"), row.get("span_end")],
           "source": _actor(row, "source"), "target": _actor(row, "target"),
           "location": location if location["text"] else None}
    return {key: out.get(key) for key in EVENT_FIELDS} | {k: v for k, v in row.items() if k in ("outlet", "title", "url")}


def claim_export(row: dict[str, Any]) -> dict[str, Any]:
    """A stored claim row in the documented JSONL export format."""
    subjects = row.get("subjects")
    out = {**row, "speaker": _actor(row, "speaker"),
           "subjects": json.loads(subjects) if isinstance(subjects, str) else subjects}
    return {key: out.get(key) for key in CLAIM_FIELDS} | {k: v for k, v in row.items() if k in ("date", "outlet", "url")}


def event_json(event: Event) -> dict[str, Any]:
    """An event in the export (and guideline) format."""
    return event_export(event_row(event))


def claim_json(claim: Claim) -> dict[str, Any]:
    return claim_export(claim_row(claim))

"""Stored rows back into records."""

from __future__ import annotations

import json
from typing import Any

from detente.records import Article


def article_from_row(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"], source_uri=row["source_uri"], text=row["text"] or "", url=row.get("url"),
        outlet=row.get("outlet"), title=row.get("title"), published=row.get("published"),
        authors=tuple(row.get("authors") or ()), language=row.get("language"),
        paragraphs=tuple(row.get("paragraphs") or ()), relays=tuple(row.get("relays") or ()),
        duplicate_of=row.get("duplicate_of"), removed=tuple(row.get("removed") or ()),
    )


EVENT_FIELDS = ("id", "article_id", "sentence", "span", "evidence", "date", "source", "target", "type", "mode",
                "quad_class", "intensity", "modality", "attributed_to", "coder", "confidence")
CLAIM_FIELDS = ("id", "article_id", "sentence", "evidence", "speaker", "verb", "content", "modality", "subjects",
                "disputes")


def _actor(row: dict[str, Any], role: str) -> dict[str, Any]:
    return {key: row.get(f"{role}_{key}") for key in ("code", "country", "sector", "text")}


def event_export(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row in the documented JSONL export format (actors nested, span as a pair)."""
    out = {**row, "span": [row.get("span_start"), row.get("span_end")],
           "source": _actor(row, "source"), "target": _actor(row, "target")}
    return {key: out.get(key) for key in EVENT_FIELDS} | {k: v for k, v in row.items() if k in ("outlet", "title", "url")}


def claim_export(row: dict[str, Any]) -> dict[str, Any]:
    """A stored claim row in the documented JSONL export format."""
    subjects = row.get("subjects")
    out = {**row, "speaker": _actor(row, "speaker"),
           "subjects": json.loads(subjects) if isinstance(subjects, str) else subjects}
    return {key: out.get(key) for key in CLAIM_FIELDS} | {k: v for k, v in row.items() if k in ("date", "outlet", "url")}

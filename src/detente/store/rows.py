"""Stored rows back into records."""

from __future__ import annotations

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

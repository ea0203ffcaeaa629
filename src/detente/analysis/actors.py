"""``detente actors``: who the store's events and claims name, and what the resolver could not place.

Every source, target and claim speaker of one coder is a mention. Resolved mentions are counted
per actor code (with how they were resolved and the surface forms seen most); unresolved ones
(no country) per surface form, most frequent first: the names worth adding to a dictionary file
of one's own (``actors.extra_files``; format in ``src/detente/data/actors/README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from detente.analysis.dyads import default_coder
from detente.store import Store

# One row per mention: (code, country, sector, text, resolved_by, article).
_MENTIONS = """
    SELECT source_code AS code, source_country AS country, source_sector AS sector, source_text AS text,
           source_resolved_by AS resolved_by, article_id FROM events WHERE coder = $coder
    UNION ALL
    SELECT target_code, target_country, target_sector, target_text, target_resolved_by, article_id
    FROM events WHERE coder = $coder
    UNION ALL
    SELECT speaker_code, speaker_country, speaker_sector, speaker_text, speaker_resolved_by, article_id
    FROM claims WHERE coder = $claims_coder
"""


@dataclass
class ActorListing:
    coder: str | None
    mentions: int = 0
    resolved: list[dict[str, Any]] = field(default_factory=list)
    unresolved: list[dict[str, Any]] = field(default_factory=list)
    unresolved_mentions: int = 0


def actor_listing(store: Store, coder: str | None = None, limit: int = 50) -> ActorListing:
    """Resolved actors by mentions, and the most frequent unresolved names, of one coder's output."""
    events_coder = default_coder(store, "events", coder)
    params = {"coder": events_coder, "claims_coder": default_coder(store, "claims", coder)}
    listing = ActorListing(events_coder)
    totals = store.con.execute(f"SELECT count(*), count(*) FILTER (WHERE country IS NULL) FROM ({_MENTIONS})",
                               params).fetchall()[0]
    listing.mentions, listing.unresolved_mentions = int(totals[0]), int(totals[1])
    listing.resolved = store.query(
        f"""SELECT code, any_value(country) AS country, any_value(sector) AS sector, count(*) AS mentions,
                   count(DISTINCT article_id) AS articles,
                   list(DISTINCT coalesce(resolved_by, 'unknown') ORDER BY coalesce(resolved_by, 'unknown'))
                       AS resolved_by,
                   list(text ORDER BY text)[:200] AS texts
            FROM ({_MENTIONS}) WHERE country IS NOT NULL GROUP BY code ORDER BY mentions DESC, code LIMIT $limit""",
        {**params, "limit": limit})
    for row in listing.resolved:
        row["forms"] = _top_forms(row.pop("texts"))
    listing.unresolved = store.query(
        f"""SELECT lower(text) AS name, count(*) AS mentions, count(DISTINCT article_id) AS articles,
                   any_value(sector) AS sector, mode(text) AS example
            FROM ({_MENTIONS}) WHERE country IS NULL AND text IS NOT NULL AND trim(text) <> ''
            GROUP BY lower(text) ORDER BY mentions DESC, name LIMIT $limit""",
        {**params, "limit": limit})
    return listing


def _top_forms(texts: list[str], n: int = 3) -> list[str]:
    counts: dict[str, int] = {}
    for text in texts:
        counts[text] = counts.get(text, 0) + 1
    return [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]

"""Who says what: outlets side by side on one story, claim listings and disputes.

Outlet comparison (``compare_outlets``)
    For a story (``clusters.py``) every event the story's articles report is keyed by
    (source code, target code, PLOVER type) and every claim by (speaker, verb); a table row per
    key shows, for each outlet, how it reported it (modality and evidence) or that it left it out.
    A syndicated copy reports what its original reports, under its own outlet.
    Tone toward each actor of the story is the mean VADER compound score of the outlet's
    sentences that mention it (``tone.py``).

Disputes
    A claim whose ``disputes`` names another claim (a denial of it), with both sides' speakers,
    evidence and articles.

Example::

    >>> story = find_stories(store)[0]
    >>> table = compare_outlets(store, story)
    >>> [(row["label"], sorted(row["outlets"])) for row in table.events]
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from detente.analysis.clusters import Story
from detente.analysis.dyads import (
    NOT_DUPLICATE,
    Page,
    check_code,
    check_period,
    default_coder,
    resolve_actor,
)
from detente.analysis.tone import actor_tone, country_aliases
from detente.store import Store

MAX_TONE_ACTORS = 6  # more columns than this make the side-by-side table unreadable


@dataclass(slots=True)
class OutletComparison:
    story: Story
    outlets: list[str]
    events: list[dict[str, Any]] = field(default_factory=list)  # label, key parts, outlets: {outlet: [reports]}
    claims: list[dict[str, Any]] = field(default_factory=list)
    tone: list[dict[str, Any]] = field(default_factory=list)  # actor, outlets: {outlet: Tone dict}

    def to_dict(self) -> dict[str, Any]:
        return {"story": self.story.to_dict(), "outlets": self.outlets, "events": self.events,
                "claims": self.claims, "tone": self.tone}


def _story_rows(store: Store, table: str, originals: list[str], coder: str | None) -> list[dict[str, Any]]:
    return store.query(f"SELECT * FROM {table} WHERE article_id IN (SELECT unnest(?)) AND coder = ? "
                       "ORDER BY article_id, sentence, id", [originals, coder])


def compare_outlets(store: Store, story: Story, coder: str | None = None) -> OutletComparison:
    """Events, claims and tone of each outlet on ``story``, side by side."""
    outlet_of = {a["id"]: a["outlet"] or "unknown" for a in story.articles}
    readers: dict[str, list[str]] = {}  # original article id -> outlets that carry it
    for a in story.articles:
        readers.setdefault(a["duplicate_of"] or a["id"], []).append(outlet_of[a["id"]])
    originals = list(readers)
    events = _story_rows(store, "events", originals, default_coder(store, wanted=coder))
    claims = _story_rows(store, "claims", originals, default_coder(store, "claims", coder))
    result = OutletComparison(story, story.outlets)
    result.events = _side_by_side(events, readers, lambda e: (e["source_code"], e["target_code"], e["type"]),
                                  lambda k: f"{k[0]} → {k[1]} · {k[2]}")
    result.claims = _side_by_side(claims, readers, lambda c: (c["speaker_code"] or c["speaker_text"], c["verb"]),
                                  lambda k: f"{k[0]} {k[1]}")
    result.tone = _tones(store, story, readers, events, claims)
    return result


def _side_by_side(rows: list[dict[str, Any]], readers: dict[str, list[str]], key: Any, label: Any) -> list[dict[str, Any]]:
    table: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        k = key(row)
        entry = table.setdefault(k, {"label": label(k), "key": list(k), "outlets": {}})
        report = {name: row.get(name) for name in ("id", "article_id", "modality", "evidence", "intensity",
                                                   "content", "disputes") if name in row}
        for outlet in readers.get(row["article_id"], []):
            entry["outlets"].setdefault(outlet, []).append(report)
    return sorted(table.values(), key=lambda e: (-len(e["outlets"]), e["label"]))


def _tones(store: Store, story: Story, readers: dict[str, list[str]], events: list[dict[str, Any]],
           claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    forms: dict[str, set[str]] = {}
    counts: Counter[str] = Counter()
    for row in events:
        for role in ("source", "target"):
            if row[f"{role}_country"]:
                counts[row[f"{role}_country"]] += 1
                forms.setdefault(row[f"{role}_country"], set()).add(row[f"{role}_text"] or "")
    for row in claims:
        if row["speaker_country"]:
            counts[row["speaker_country"]] += 1
            forms.setdefault(row["speaker_country"], set()).add(row["speaker_text"] or "")
    texts = {r["id"]: r["text"] or "" for r in store.query(
        "SELECT id, text FROM articles WHERE id IN (SELECT unnest(?))", [list(readers)])}
    by_outlet: dict[str, list[str]] = {}
    for original, outlets in readers.items():
        for outlet in outlets:
            by_outlet.setdefault(outlet, []).append(texts.get(original, ""))
    rows = []
    for actor, _ in counts.most_common(MAX_TONE_ACTORS):
        aliases = forms[actor] | set(country_aliases(actor))
        rows.append({"actor": actor, "outlets": {o: actor_tone(t, aliases).to_dict() for o, t in by_outlet.items()}})
    return rows


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Filters of the claim listing (CLI ``detente claims``, API ``/api/claims``)."""

    actor: str | None = None  # speaker or subject
    verb: str | None = None
    modality: str | None = None
    disputed: bool | None = None  # True: only claims that dispute another
    article_id: str | None = None
    coder: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def __post_init__(self) -> None:
        check_period(self.since, self.until)


def _claim_where(store: Store, f: ClaimFilter) -> tuple[list[str], list[Any]]:
    where = [NOT_DUPLICATE.replace("article_id", "c.article_id"), "c.coder = ?"]
    params: list[Any] = [default_coder(store, "claims", f.coder)]
    if f.actor:
        m = resolve_actor(store, f.actor, strict=False)
        part = "country" if m.level == "country" else "code"
        subject = (f"list_contains(json_extract_string(c.subjects, '$[*].{part}'), ?)" if part == "country" else
                   "len(list_filter(json_extract_string(c.subjects, '$[*].code'), lambda x: starts_with(x, ?))) > 0")
        where.append(f"({m.sql('c.speaker')} OR coalesce({subject}, false))")
        params += [m.code, m.code]
    if f.disputed is not None:
        where.append("c.disputes IS NOT NULL" if f.disputed else "c.disputes IS NULL")
    for clause, value in (("c.verb = ?", f.verb), ("c.modality = ?", f.modality), ("c.article_id = ?", f.article_id),
                          ("a.published >= ?", f.since), ("a.published <= ?", f.until)):
        if value:
            where.append(clause)
            params.append(value)
    return where, params


def list_claims(store: Store, f: ClaimFilter, *, limit: int = 50, offset: int = 0) -> Page:
    """Claims with their article's date and outlet, newest first."""
    where, params = _claim_where(store, f)
    sql = f"FROM claims c LEFT JOIN articles a ON a.id = c.article_id WHERE {' AND '.join(where)}"
    total = store.con.execute(f"SELECT count(*) {sql}", params).fetchall()[0][0]
    items = store.query(f"SELECT c.*, a.published AS date, a.outlet, a.title, a.url {sql} "
                        "ORDER BY a.published DESC NULLS LAST, c.id LIMIT ? OFFSET ?", [*params, limit, offset])
    return Page(items, int(total), limit, offset)


def disputes(store: Store, actors: tuple[str, ...] = (), *, since: dt.date | None = None,
             until: dt.date | None = None, coder: str | None = None) -> list[dict[str, Any]]:
    """Claims that dispute another claim, each with the disputed claim; with ``actors``, only pairs
    in which every one of them speaks or is a subject (on either side)."""
    check_period(since, until)
    codes = [check_code(a) for a in actors]
    where = ["c.coder = ?"]
    params: list[Any] = [default_coder(store, "claims", coder)]
    for clause, value in (("a.published >= ?", since), ("a.published <= ?", until)):
        if value:
            where.append(clause)
            params.append(value)
    rows = store.query(
        "SELECT c.id, c.article_id, c.evidence, c.speaker_code, c.speaker_country, c.speaker_text, c.verb, "
        "c.content, c.modality, c.subjects, a.published AS date, a.outlet, a.title, a.url, "
        "struct_pack(id := d.id, article_id := d.article_id, evidence := d.evidence, speaker_code := d.speaker_code,"
        " speaker_country := d.speaker_country, speaker_text := d.speaker_text, verb := d.verb, content := d.content,"
        " subjects := d.subjects, date := b.published, outlet := b.outlet, title := b.title) AS disputed "
        "FROM claims c JOIN claims d ON d.id = c.disputes LEFT JOIN articles a ON a.id = c.article_id "
        "LEFT JOIN articles b ON b.id = d.article_id "
        f"WHERE {' AND '.join(where)} ORDER BY a.published NULLS LAST, c.id", params)
    return [r for r in rows if all(_mentions(r, code) for code in codes)]


def _mentions(pair: dict[str, Any], code: str) -> bool:
    found: set[str] = set()
    for claim in (pair, pair["disputed"]):
        found.update(x for x in (claim.get("speaker_code"), claim.get("speaker_country")) if x)
        try:
            subjects = json.loads(claim.get("subjects") or "[]")
        except ValueError:
            subjects = []
        found.update(x for s in subjects if isinstance(s, dict) for x in (s.get("code"), s.get("country")) if x)
    return any(x == code or x.startswith(code) for x in found)

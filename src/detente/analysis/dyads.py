"""Dyad series: how events between two actors move over time, each real-world event counted once.

Which events count
    * One coder's output (``coder``; default: the coder with the most stored events).
    * Asserted events make the series; claimed, hedged, future, denied and negated events are
      counted apart per period (``Period.other``) and never enter the index.
    * Events of duplicate articles (``articles.duplicate_of`` set) are left out. The pipeline does
      not code duplicates; the filter keeps a store written by another tool honest.
    * Events with no date (the article had no published date) are left out of the series and
      counted in ``DyadSeries.undated``.

Counting each real-world event once
    Several articles (other outlets, follow-ups) and several sentences of one article report the
    same event. Reports that share (date, direction, PLOVER type, modality) *at the resolution of
    the query* are one real-world event: for ``USA``–``PAK`` the reports "USAGOV → PAKGOV consult"
    and "USA → PAKMIL consult" of one day are one consultation; its intensity is the mean of its
    reports' intensities and ``reports`` says how many reports it had. Reports published on
    different days stay apart (an event's date is its article's publication date).

Net cooperation–conflict index
    ``index = Σ intensity / Σ |intensity|`` over a period's real-world events: +1 when every event is
    cooperative, −1 when every event is conflictual, 0 when they balance; ``None`` for a period
    without events (no evidence is not neutrality). Weighting by |intensity| makes a military strike
    count for more than a verbal complaint.

Example::

    >>> series = dyad_series(store, DyadQuery("USA", "PAK", freq="month"))
    >>> [(p.start, p.events, p.index) for p in series.periods]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from detente.coding.base import ALIASES, coder_family
from detente.errors import InputError, NotFound
from detente.store import Store

Freq = Literal["day", "week", "month"]
FREQS: tuple[str, ...] = ("day", "week", "month")
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
PRIMARY_MODALITIES: tuple[str, ...] = ("asserted",)
_CODE = re.compile(r"^[A-Z0-9]{2,15}$")
# Reports of a duplicate article never count (see module docstring).
NOT_DUPLICATE = "article_id NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL)"


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor code and the level it matches at: a country (``PAK``) or a code prefix (``PAKGOV``)."""

    code: str
    level: Literal["country", "code"]

    def sql(self, role: str) -> str:
        """SQL condition (one ``?``) matching this actor in ``role`` (source, target or speaker)."""
        return f"{role}_country = ?" if self.level == "country" else f"starts_with({role}_code, ?)"


@dataclass(frozen=True, slots=True)
class DyadQuery:
    """What dyad series, event lists and shift detection are asked for; shared by library, CLI and API."""

    a: str
    b: str
    freq: Freq = "week"
    both: bool = True
    since: dt.date | None = None
    until: dt.date | None = None
    coder: str | None = None
    modalities: tuple[str, ...] = PRIMARY_MODALITIES
    historical: bool = False  # also events dated more than a year before their article ("the 1971 war")

    def __post_init__(self) -> None:
        if self.freq not in FREQS:
            raise InputError(f"Unknown frequency {self.freq!r}; use one of {', '.join(FREQS)}.")
        check_period(self.since, self.until)


@dataclass(slots=True)
class Period:
    """One day, week or month of a dyad series."""

    start: dt.date
    events: int = 0
    reports: int = 0
    quad: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    types: dict[str, int] = field(default_factory=dict)
    a_to_b: int = 0
    b_to_a: int = 0
    intensity_sum: float = 0.0
    magnitude: float = 0.0
    other: dict[str, int] = field(default_factory=dict)

    @property
    def intensity_mean(self) -> float | None:
        return self.intensity_sum / self.events if self.events else None

    @property
    def index(self) -> float | None:
        return self.intensity_sum / self.magnitude if self.magnitude else (0.0 if self.events else None)

    def to_dict(self) -> dict[str, Any]:
        row = asdict(self)
        row.pop("magnitude")
        row["quad"] = {QUADS[i + 1]: n for i, n in enumerate(self.quad)}
        row.update(intensity_mean=self.intensity_mean, index=self.index)
        return row


@dataclass(slots=True)
class DyadSeries:
    """A dyad's periods (empty ones included), with what was left out and why."""

    query: DyadQuery
    coder: str | None
    periods: list[Period]
    undated: int = 0
    historical: int = 0  # left out: dated more than a year before their article (``DyadQuery.historical``)

    @property
    def events(self) -> int:
        return sum(p.events for p in self.periods)

    def to_dict(self) -> dict[str, Any]:
        q = self.query
        return {"a": q.a, "b": q.b, "freq": q.freq, "both": q.both, "since": q.since, "until": q.until,
                "coder": self.coder, "modalities": list(q.modalities), "events": self.events,
                "undated": self.undated, "historical_left_out": self.historical,
                "periods": [p.to_dict() for p in self.periods]}


@dataclass(slots=True)
class Page:
    """One page of a listing, with the total for paging."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset}


def parse_day(value: str | None, name: str) -> dt.date | None:
    """A YYYY-MM-DD option or query parameter; empty means no bound."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{name} {value!r} is not a date.", hint="Use YYYY-MM-DD.") from exc


def check_period(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise InputError(f"The period starts ({since}) after it ends ({until}).", hint="Swap --since and --until.")


def check_code(code: str) -> str:
    """An actor code in capitals, or InputError."""
    code = code.strip().upper()
    if not _CODE.match(code):
        raise InputError(f"{code!r} is not an actor code.", hint="Actor codes look like USA, PAK or PAKGOV.")
    return code


def default_coder(store: Store, table: str = "events", wanted: str | None = None) -> str | None:
    """The stored coder whose rows ``table`` lists: ``wanted`` when stored under that exact name,
    else the stored version of its family (``learned``, ``plover.learned.v1`` match
    ``plover.learned.v1+1a2b3c4d``), else the coder with the most rows (ties: the greatest name)."""
    rows = store.con.execute(f"SELECT coder, count(*) FROM {table} GROUP BY coder ORDER BY count(*) DESC, "
                             "coder DESC").fetchall()
    names = [r[0] for r in rows if r[0]]
    if wanted:
        for exact in (wanted, ALIASES.get(wanted)):
            if exact in names:
                return exact
        matching = [n for n in names if coder_family(n) == coder_family(wanted)]
        if matching:
            return matching[0]
    return names[0] if names else None


def resolve_actor(store: Store, code: str, *, strict: bool = True) -> ActorMatch:
    """Country level when ``code`` is a stored country, else a code prefix; NotFound when strict and unknown."""
    code = check_code(code)
    found = store.con.execute(
        "SELECT EXISTS (SELECT 1 FROM events WHERE source_country = $1 OR target_country = $1), "
        "EXISTS (SELECT 1 FROM events WHERE starts_with(source_code, $1) OR starts_with(target_code, $1))",
        [code]).fetchall()[0]
    if found[0]:
        return ActorMatch(code, "country")
    if strict and not found[1]:
        raise NotFound(f"No events involve actor {code!r}.",
                       hint="Use a country code (USA, PAK) or an actor code (PAKGOV); `detente events` lists them.")
    return ActorMatch(code, "code")


def _dyad_sql(store: Store, q: DyadQuery) -> tuple[str, list[Any], str | None]:
    """The CTEs ``dyad`` (every report of the dyad, with its direction) and ``matched`` (those the query
    counts: historical ones only when asked for), and their parameters."""
    a, b = resolve_actor(store, q.a), resolve_actor(store, q.b)
    coder = default_coder(store, wanted=q.coder)
    ab = f"({a.sql('source')} AND {b.sql('target')})"
    ba = f"({b.sql('source')} AND {a.sql('target')})"
    where = [f"({ab} OR {ba})" if q.both else ab, "coder = ?", NOT_DUPLICATE]
    params: list[Any] = [a.code, b.code, a.code, b.code, *([b.code, a.code] if q.both else []), coder]
    for clause, value in (("date >= ?", q.since), ("date <= ?", q.until)):
        if value:
            where.append(clause)
            params.append(value)
    sql = (f"dyad AS (SELECT *, CASE WHEN {ab} THEN 'ab' ELSE 'ba' END AS direction "
           f"FROM events WHERE {' AND '.join(where)}), "
           f"matched AS (SELECT * FROM dyad{'' if q.historical else ' WHERE NOT coalesce(historical, false)'})")
    return sql, params, coder


def _real_sql() -> str:
    """The CTE ``real``: one row per real-world event (see the module docstring)."""
    return ("real AS (SELECT date, direction, type, modality, mode(quad_class) AS quad_class, "
            "avg(intensity) AS intensity, count(*) AS reports FROM matched WHERE date IS NOT NULL "
            "GROUP BY date, direction, type, modality)")


def dyad_series(store: Store, q: DyadQuery) -> DyadSeries:
    """Events per period between ``q.a`` and ``q.b``, each real-world event once."""
    matched, params, coder = _dyad_sql(store, q)
    rows = store.query(
        f"WITH {matched}, {_real_sql()} "
        f"SELECT date_trunc('{q.freq}', date)::DATE AS period, direction, type, modality, quad_class, "
        "count(*) AS n, sum(reports) AS reports, sum(intensity) AS total, sum(abs(intensity)) AS magnitude "
        "FROM real GROUP BY ALL ORDER BY period", params)
    undated = store.con.execute(f"WITH {matched} SELECT count(*) FROM matched WHERE date IS NULL "
                                f"AND modality IN (SELECT unnest(?))", [*params, list(q.modalities)]).fetchall()
    historical = 0
    if not q.historical:
        historical = store.con.execute(f"WITH {matched} SELECT count(*) FROM dyad WHERE historical "
                                       f"AND modality IN (SELECT unnest(?))", [*params, list(q.modalities)]
                                       ).fetchall()[0][0]
    periods = _fill(rows, q)
    for row in rows:
        _add(periods[row["period"]], row, q.modalities)
    return DyadSeries(q, coder, list(periods.values()), undated=int(undated[0][0]), historical=int(historical))


def _add(period: Period, row: dict[str, Any], primary: tuple[str, ...]) -> None:
    n = int(row["n"])
    if row["modality"] not in primary:
        period.other[row["modality"]] = period.other.get(row["modality"], 0) + n
        return
    period.events += n
    period.reports += int(row["reports"])
    if row["quad_class"] in QUADS:
        period.quad[int(row["quad_class"]) - 1] += n
    period.types[row["type"]] = period.types.get(row["type"], 0) + n
    if row["direction"] == "ab":
        period.a_to_b += n
    else:
        period.b_to_a += n
    period.intensity_sum += float(row["total"] or 0.0)
    period.magnitude += float(row["magnitude"] or 0.0)


def period_start(day: dt.date, freq: str) -> dt.date:
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1) if freq == "month" else day


def next_period(start: dt.date, freq: str) -> dt.date:
    if freq == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start + dt.timedelta(days=7 if freq == "week" else 1)


def _fill(rows: list[dict[str, Any]], q: DyadQuery) -> dict[dt.date, Period]:
    """Every period from the first to the last (or since/until), empty ones included."""
    days = [r["period"] for r in rows]
    first = q.since or (min(days) if days else None)
    last = q.until or (max(days) if days else None)
    periods: dict[dt.date, Period] = {}
    if first is None or last is None:
        return periods
    start, end = period_start(first, q.freq), period_start(last, q.freq)
    while start <= end:
        periods[start] = Period(start)
        start = next_period(start, q.freq)
    return periods


def event_sequence(store: Store, q: DyadQuery) -> list[tuple[dt.date, float]]:
    """(date, mean intensity) of each real-world event of the dyad, oldest first (for shift tests)."""
    matched, params, _ = _dyad_sql(store, q)
    rows = store.query(
        f"WITH {matched} SELECT date, avg(intensity) AS intensity FROM matched "
        "WHERE date IS NOT NULL AND modality IN (SELECT unnest(?)) GROUP BY date, direction, type, modality "
        "ORDER BY date, type, direction", [*params, list(q.modalities)])
    return [(r["date"], float(r["intensity"] or 0.0)) for r in rows]


def undated_reports(store: Store, q: DyadQuery, limit: int = 20) -> Page:
    """The dyad's reports from undated articles (left out of the series), with their evidence."""
    matched, params, _ = _dyad_sql(store, q)
    where = "m.date IS NULL AND m.modality IN (SELECT unnest(?))"
    total = store.con.execute(f"WITH {matched} SELECT count(*) FROM matched m WHERE {where}",
                              [*params, list(q.modalities)]).fetchall()[0][0]
    items = store.query(
        f"WITH {matched} SELECT m.id AS event_id, m.article_id, m.direction, m.type, m.modality, m.intensity, "
        "m.source_code, m.target_code, m.evidence, a.outlet, a.title, a.url FROM matched m "
        f"LEFT JOIN articles a ON a.id = m.article_id WHERE {where} "
        "ORDER BY abs(m.intensity) DESC, a.outlet NULLS LAST, m.id LIMIT ?", [*params, list(q.modalities), limit])
    return Page(items, int(total), limit, 0)


def real_events(store: Store, q: DyadQuery, *, order: Literal["date", "salience"] = "date",
                limit: int = 50, offset: int = 0) -> Page:
    """The dyad's real-world events, each with the reports (evidence, article, outlet) behind it.

    ``salience`` orders by |intensity| × reports, strongest first; ``date`` by date, newest first.
    Only ``q.modalities`` are listed (asserted by default).
    """
    matched, params, _ = _dyad_sql(store, q)
    sort = "abs(intensity) * reports DESC, date DESC" if order == "salience" else "date DESC, abs(intensity) DESC"
    # First the page of real-world events (a cheap aggregate), then the reports behind just those.
    items = store.query(
        f"WITH {matched} SELECT * FROM (SELECT date, direction, type, modality, mode(quad_class) AS quad_class, "
        "avg(intensity) AS intensity, count(*) AS reports, count(*) OVER () AS total FROM matched "
        "WHERE date IS NOT NULL AND modality IN (SELECT unnest(?)) GROUP BY date, direction, type, modality) "
        f"ORDER BY {sort}, type LIMIT ? OFFSET ?", [*params, list(q.modalities), limit, offset])
    total = items[0]["total"] if items else _count_real(store, matched, params, q.modalities)
    reports: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    if items:
        for row in store.query(
                f"WITH {matched} SELECT m.date, m.direction, m.type, m.modality, m.id AS event_id, m.article_id, "
                "m.evidence, m.source_code, m.target_code, a.outlet, a.title, a.url FROM matched m "
                "LEFT JOIN articles a ON a.id = m.article_id WHERE m.date IN (SELECT unnest(?)) "
                "AND m.modality IN (SELECT unnest(?)) ORDER BY a.outlet NULLS LAST, m.id",
                [*params, sorted({i["date"] for i in items}), list(q.modalities)]):
            key = (row.pop("date"), row.pop("direction"), row.pop("type"), row.pop("modality"))
            reports.setdefault(key, []).append(row)
    for item in items:
        item.pop("total")
        item["evidence"] = reports.get((item["date"], item["direction"], item["type"], item["modality"]), [])
        item["source"], item["target"] = (q.a, q.b) if item["direction"] == "ab" else (q.b, q.a)
    return Page(items, int(total), limit, offset)


def _count_real(store: Store, matched: str, params: list[Any], modalities: tuple[str, ...]) -> int:
    """Real-world events of the dyad (for a page past the end, where the window count is missing)."""
    rows = store.con.execute(
        f"WITH {matched} SELECT count(*) FROM (SELECT DISTINCT date, direction, type, modality FROM matched "
        "WHERE date IS NOT NULL AND modality IN (SELECT unnest(?)))", [*params, list(modalities)]).fetchall()
    return int(rows[0][0])


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters of the event listing (CLI ``detente events``, API ``/api/events``)."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    type: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    coder: str | None = None
    article_id: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    location: str | None = None  # country of the event's place (ISO alpha-3)

    def __post_init__(self) -> None:
        check_period(self.since, self.until)
        if self.quad_class is not None and self.quad_class not in QUADS:
            raise InputError(f"quad_class must be 1 to 4, not {self.quad_class}.")


def list_events(store: Store, f: EventFilter, *, limit: int = 50, offset: int = 0) -> Page:
    """Reported events (one row per evidence sentence), newest first, with their article's outlet."""
    where = [NOT_DUPLICATE.replace("article_id", "e.article_id"), "e.coder = ?"]
    params: list[Any] = [default_coder(store, wanted=f.coder)]
    if f.actor:
        m = resolve_actor(store, f.actor, strict=False)
        where.append(f"({m.sql('e.source')} OR {m.sql('e.target')})")
        params += [m.code, m.code]
    for role, code in (("source", f.source), ("target", f.target)):
        if code:
            m = resolve_actor(store, code, strict=False)
            where.append(m.sql(f"e.{role}"))
            params.append(m.code)
    for clause, value in (("e.type = ?", f.type and f.type.upper()), ("e.quad_class = ?", f.quad_class),
                          ("e.modality = ?", f.modality), ("e.article_id = ?", f.article_id),
                          ("e.date >= ?", f.since), ("e.date <= ?", f.until),
                          ("e.location_country = ?", f.location and check_code(f.location))):
        if value is not None and value != "":
            where.append(clause)
            params.append(value)
    sql = f"FROM events e LEFT JOIN articles a ON a.id = e.article_id WHERE {' AND '.join(where)}"
    total = store.con.execute(f"SELECT count(*) {sql}", params).fetchall()[0][0]
    items = store.query(f"SELECT e.*, a.outlet, a.title, a.url {sql} ORDER BY e.date DESC NULLS LAST, e.id "
                        "LIMIT ? OFFSET ?", [*params, limit, offset])
    return Page(items, int(total), limit, offset)


def known_actors(store: Store, limit: int = 500) -> list[dict[str, Any]]:
    """Countries and actor codes in the store, most reported first (for pickers and hints)."""
    return store.query(
        "SELECT code, level, count(*) AS events FROM ("
        " SELECT source_country AS code, 'country' AS level FROM events UNION ALL"
        " SELECT target_country, 'country' FROM events UNION ALL"
        " SELECT source_code, 'code' FROM events WHERE source_code <> source_country UNION ALL"
        " SELECT target_code, 'code' FROM events WHERE target_code <> target_country)"
        " WHERE code IS NOT NULL GROUP BY code, level ORDER BY events DESC, code LIMIT ?", [limit])


def dyad_article_ids(store: Store, q: DyadQuery) -> set[str]:
    """Ids of the articles that report an event of the dyad (any modality)."""
    matched, params, _ = _dyad_sql(store, q)
    return {r[0] for r in store.con.execute(f"WITH {matched} SELECT DISTINCT article_id FROM matched", params).fetchall()}

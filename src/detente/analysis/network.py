"""Actor network: who interacts with whom in a period, weighted by events and signed by their tone.

An edge ``source → target`` carries the number of real-world events (counted once, as in
``dyads.py``: reports sharing date, source, target, type and modality at the chosen level are one
event; undated reports count one each), their summed intensity and the net index
``Σ intensity / Σ |intensity|`` (+1 all cooperation, −1 all conflict) that gives the edge its sign.

Example::

    >>> net = actor_network(store, NetworkQuery(since=dt.date(2025, 1, 1), level="country"))
    >>> [(e.source, e.target, e.events, e.index) for e in net.edges[:3]]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from detente.analysis.dyads import (
    NOT_DUPLICATE,
    PRIMARY_MODALITIES,
    check_code,
    check_period,
    default_coder,
)
from detente.errors import InputError
from detente.store import Store


@dataclass(frozen=True, slots=True)
class NetworkQuery:
    """Which events make the network; shared by library, CLI and API."""

    since: dt.date | None = None
    until: dt.date | None = None
    level: Literal["country", "code"] = "country"
    focus: tuple[str, ...] = ()  # keep only edges touching one of these nodes (an ego network)
    coder: str | None = None
    modalities: tuple[str, ...] = PRIMARY_MODALITIES
    min_events: int = 1
    max_edges: int = 200

    def __post_init__(self) -> None:
        check_period(self.since, self.until)
        if self.level not in ("country", "code"):
            raise InputError(f"Network level must be 'country' or 'code', not {self.level!r}.")
        object.__setattr__(self, "focus", tuple(check_code(c) for c in self.focus))


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    events: int
    cooperative: int
    conflictual: int
    intensity_sum: float
    magnitude: float  # Σ |intensity|

    @property
    def index(self) -> float:
        return self.intensity_sum / self.magnitude if self.magnitude else 0.0


@dataclass(slots=True)
class Network:
    query: NetworkQuery
    coder: str | None
    edges: list[Edge] = field(default_factory=list)

    @property
    def nodes(self) -> list[dict[str, Any]]:
        """Every actor on an edge, with its event count and number of partners, busiest first."""
        events: dict[str, int] = {}
        partners: dict[str, set[str]] = {}
        for e in self.edges:
            for node, other in ((e.source, e.target), (e.target, e.source)):
                events[node] = events.get(node, 0) + e.events
                partners.setdefault(node, set()).add(other)
        return [{"code": n, "events": events[n], "partners": len(partners[n])}
                for n in sorted(events, key=lambda n: (-events[n], n))]

    def to_dict(self) -> dict[str, Any]:
        q = self.query
        return {"since": q.since, "until": q.until, "level": q.level, "coder": self.coder,
                "nodes": self.nodes, "edges": [{**asdict(e), "index": e.index} for e in self.edges]}


def actor_network(store: Store, q: NetworkQuery = NetworkQuery()) -> Network:
    """The directed, weighted, signed network of actors for the period ``q``."""
    col = "country" if q.level == "country" else "code"
    coder = default_coder(store, wanted=q.coder)
    where = [f"source_{col} IS NOT NULL", f"target_{col} IS NOT NULL", f"source_{col} <> target_{col}",
             "coder = ?", "modality IN (SELECT unnest(?))", NOT_DUPLICATE]
    params: list[Any] = [coder, list(q.modalities)]
    for clause, value in (("date >= ?", q.since), ("date <= ?", q.until)):
        if value:
            where.append(clause)
            params.append(value)
    if q.focus:
        where.append(f"(source_{col} IN (SELECT unnest(?)) OR target_{col} IN (SELECT unnest(?)))")
        params += [list(q.focus), list(q.focus)]
    rows = store.query(
        f"WITH real AS (SELECT source_{col} AS s, target_{col} AS t, avg(intensity) AS i FROM events "
        f"WHERE {' AND '.join(where)} GROUP BY s, t, type, modality, coalesce(date::VARCHAR, id)) "
        "SELECT s, t, count(*) AS n, count_if(i > 0) AS coop, count_if(i < 0) AS conflict, sum(i) AS total, "
        "sum(abs(i)) AS magnitude FROM real GROUP BY s, t HAVING count(*) >= ? ORDER BY n DESC, s, t LIMIT ?",
        [*params, q.min_events, q.max_edges])
    edges = [Edge(r["s"], r["t"], int(r["n"]), int(r["coop"]), int(r["conflict"]), float(r["total"] or 0),
                  float(r["magnitude"] or 0)) for r in rows]
    return Network(q, coder, edges)


def top_dyads(network: Network, limit: int = 10) -> list[dict[str, Any]]:
    """Unordered actor pairs by real-world events, both directions together."""
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for e in network.edges:
        key = (min(e.source, e.target), max(e.source, e.target))
        pair = pairs.setdefault(key, {"a": key[0], "b": key[1], "events": 0, "intensity_sum": 0.0, "magnitude": 0.0})
        pair["events"] += e.events
        pair["intensity_sum"] += e.intensity_sum
        pair["magnitude"] += e.magnitude
    rows = sorted(pairs.values(), key=lambda p: (-p["events"], p["a"], p["b"]))[:limit]
    for row in rows:
        magnitude = row.pop("magnitude")
        row["index"] = row["intensity_sum"] / magnitude if magnitude else 0.0
    return rows

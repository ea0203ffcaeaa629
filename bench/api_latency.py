"""Latency of the dyad route on a store of 1M synthetic events.

Builds the store with DuckDB SQL (``range()``: a few seconds), then times
``GET /api/dyads/USA/PAK`` through FastAPI's TestClient: one warm-up call, then the median
and the 90th percentile of ``--calls`` calls. The goal is a median under 300 ms.

Usage::

    python bench/api_latency.py [--events 1000000] [--calls 20] [--db PATH]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import warnings
from pathlib import Path

from detente.store import Store

COUNTRIES = ["USA", "PAK", "IND", "CHN", "AFG", "RUS", "IRN", "SAU", "TUR", "QAT", "BGD", "GBR"]
SECTORS = ["GOV", "MIL", "BUS", "CVL", ""]
# PLOVER type, quad class, base intensity
TYPES = [("CONSULT", 1, 1.0), ("AGREE", 1, 3.0), ("SUPPORT", 1, 3.0), ("COOPERATE", 2, 5.0), ("AID", 2, 6.0),
         ("ACCUSE", 3, -4.0), ("THREATEN", 3, -6.0), ("PROTEST", 3, -3.0), ("SANCTION", 4, -6.0),
         ("ASSAULT", 4, -9.0)]
MODALITIES = ["asserted"] * 17 + ["claimed", "hedged", "future"]


def build(path: Path, events: int, articles: int) -> float:
    """Write ``events`` synthetic events over ``articles`` articles and three years; returns seconds."""
    started = time.perf_counter()
    store = Store(path)
    con = store.con
    con.execute("CREATE TEMP TABLE types AS SELECT * FROM (VALUES " +
                ", ".join(f"({i}, '{t}', {q}, {v})" for i, (t, q, v) in enumerate(TYPES)) +
                ") t(k, type, quad, base)")
    with store.transaction():
        con.execute("""
            INSERT INTO articles (id, source_uri, outlet, title, published, language, text, run_id, ingested_at)
            SELECT 'a' || i, 'bench://' || i, ['Kestrel', 'Lantern', 'Tidewater', 'Saltmarsh'][1 + i % 4],
                   'Article ' || i, DATE '2023-01-01' + (i % 1095)::INTEGER, 'en', 'Synthetic text.', 'bench', now()
            FROM range(?) r(i)""", [articles])
        con.execute("""
            INSERT INTO events
            SELECT 'e' || i, 'a' || (i % $articles), 0, 0, 10, 'Synthetic evidence.',
                   DATE '2023-01-01' + ((i % $articles) % 1095)::INTEGER,
                   src || ssec, src, nullif(ssec, ''), src, tgt || tsec, tgt, nullif(tsec, ''), tgt,
                   t.type, NULL, t.quad, greatest(-10, least(10, t.base + ((hash(i || '-7') % 41)::INTEGER - 20) / 10.0)),
                   $modalities[1 + (hash(i || '-3') % 20)::INTEGER], NULL, 'plover.rules.v1', 0.9, ''
            FROM (SELECT i, $countries[1 + a] AS src, $countries[1 + (a + 1 + b) % 12] AS tgt,
                         $sectors[1 + (hash(i || '-4') % 5)::INTEGER] AS ssec,
                         $sectors[1 + (hash(i || '-5') % 5)::INTEGER] AS tsec, (hash(i || '-6') % 10)::INTEGER AS k
                  FROM (SELECT i, (hash(i || '-1') % 12)::INTEGER AS a, (hash(i || '-2') % 11)::INTEGER AS b
                        FROM range($events) r(i))) g JOIN types t USING (k)""",
                    {"articles": articles, "events": events, "countries": COUNTRIES, "sectors": SECTORS,
                     "modalities": MODALITIES})
    count = store.count("events")
    store.close()
    print(f"built {count:,} events over {articles:,} articles in {time.perf_counter() - started:.1f} s → {path}")
    return time.perf_counter() - started


def time_route(path: Path, url: str, calls: int) -> list[float]:
    """Seconds per call of ``url`` (after one warm-up call)."""
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

    from detente.present.api import create_app

    timings = []
    with TestClient(create_app(path, web=False)) as client:
        first = client.get(url)
        first.raise_for_status()
        for _ in range(calls):
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
            response.raise_for_status()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--db", type=Path, help="Store to build (default: a temporary file).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.duckdb"
        path.unlink(missing_ok=True)
        build(path, args.events, args.articles)
        for url in ("/api/dyads/USA/PAK", "/api/dyads/USA/PAK?freq=day", "/api/dyads/USAGOV/PAKMIL?freq=month",
                    "/api/dyads/USA/PAK/events?limit=50", "/api/shifts?a=USA&b=PAK"):
            t = sorted(time_route(path, url, args.calls))
            p90 = t[min(len(t) - 1, int(0.9 * len(t)))]
            print(f"GET {url:42s} median {statistics.median(t) * 1000:7.1f} ms   p90 {p90 * 1000:7.1f} ms"
                  f"   ({len(t)} calls)")


if __name__ == "__main__":
    main()

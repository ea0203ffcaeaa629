"""DuckDB store: versioned schema, idempotent batch writes, one transaction per batch.

Example::

    >>> with Store("detente.duckdb") as store:
    ...     store.write_batch(run_id, articles, events, claims)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from detente.errors import InputError, NotFound, StoreError
from detente.export import claim_row, event_row
from detente.records import Article, Claim, Event, RunReport
from detente.store.schema import MIGRATIONS

TABLES = ("articles", "events", "claims", "runs", "rejections")
EXPORT_FORMATS = ("parquet", "csv", "jsonl")


class Store:
    """One DuckDB file (or ``:memory:``), migrated to the newest schema on open."""

    def __init__(self, path: str | Path = "detente.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise NotFound(f"No store at {self.path}.", hint="Run `detente ingest PATH --db FILE` or `detente demo` first.")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"Cannot open store {self.path}: {exc}") from exc
        if read_only:
            if self.version < len(MIGRATIONS):
                self._migrate_then_reopen()
        else:
            self.migrate()

    def _migrate_then_reopen(self) -> None:
        """An older store opened for reading is migrated first (briefly opened for writing)."""
        old = self.version
        self.con.close()
        try:
            with Store(self.path):
                pass
            self.con = duckdb.connect(self.path, read_only=True)
        except (duckdb.Error, StoreError) as exc:
            raise StoreError(f"Store {self.path} has schema {old}; this detente needs {len(MIGRATIONS)} and could "
                             f"not migrate it: {exc}",
                             hint="Close other programs using the store, then run any detente command again.") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- schema -------------------------------------------------------------------------
    @property
    def version(self) -> int:
        exists = self._scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'")
        return int(self._scalar("SELECT max(version) FROM schema_version") or 0) if exists else 0

    def _scalar(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        # fetchall, not fetchone: DuckDB 2 refuses new work while a result is left half-read.
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0][0] if rows else None

    def migrate(self) -> None:
        current = self.version
        if current > len(MIGRATIONS):
            raise StoreError(f"Store {self.path} has schema {current}, newer than this detente ({len(MIGRATIONS)}).",
                             hint="Upgrade detente.")
        for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
            with self.transaction():
                self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied TIMESTAMP)")
                self.con.execute(script)
                self.con.execute("INSERT INTO schema_version VALUES (?, ?)", [number, dt.datetime.now()])

    def transaction(self) -> _Transaction:
        return _Transaction(self.con)

    # -- writes -------------------------------------------------------------------------
    def _insert(self, table: str, rows: Sequence[dict[str, Any]]) -> int:
        """INSERT OR IGNORE through an Arrow table: existing ids are left as they are."""
        if not rows:
            return 0
        columns = [c[0] for c in self.con.execute(f"DESCRIBE {table}").fetchall()]
        data = pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows])
        before = self.count(table)
        self.con.register("_incoming", data)
        try:
            self.con.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) "
                             f"SELECT {', '.join(columns)} FROM _incoming")
        finally:
            self.con.unregister("_incoming")
        return self.count(table) - before

    def write_batch(self, run_id: str, articles: Sequence[tuple[Article, str, list[int] | None]],
                    events: Sequence[Event] = (), claims: Sequence[Claim] = (), coder: str | None = None) -> int:
        """Store one batch atomically: all of it or none of it. Returns the articles added."""
        now = dt.datetime.now()
        rows = [{**a.to_row(), "content_hash": digest, "minhash": sig, "run_id": run_id, "ingested_at": now}
                for a, digest, sig in articles]
        with self.transaction():
            added = self._insert("articles", rows)
            if coder:
                self._insert_coding([a.id for a, _, _ in articles if a.duplicate_of is None], events, claims, coder)
        return added

    def write_coding(self, article_ids: Sequence[str], events: Sequence[Event], claims: Sequence[Claim],
                     coder: str) -> None:
        """Store a coder's output for already stored articles, atomically."""
        with self.transaction():
            self._insert_coding(article_ids, events, claims, coder)

    def _insert_coding(self, article_ids: Sequence[str], events: Sequence[Event], claims: Sequence[Claim],
                       coder: str) -> None:
        self._insert("events", [event_row(e) for e in events])
        self._insert("claims", [claim_row(c) for c in claims])
        self._insert("coded", [{"article_id": i, "coder": coder} for i in article_ids])

    def record_run(self, report: RunReport, inputs: Sequence[str], started: dt.datetime, status: str) -> None:
        with self.transaction():
            self.con.execute("DELETE FROM runs WHERE run_id = ?", [report.run_id])
            self.con.execute(
                "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [report.run_id, started, dt.datetime.now(), list(inputs), report.added, report.unchanged,
                 report.duplicates, len(report.rejected), status],
            )
            self.con.execute("DELETE FROM rejections WHERE run_id = ?", [report.run_id])
            if report.rejected:
                self.con.executemany("INSERT INTO rejections VALUES (?, ?, ?)",
                                     [[report.run_id, r.uri, r.reason] for r in report.rejected])

    # -- reads --------------------------------------------------------------------------
    def count(self, table: str) -> int:
        self._check_table(table)
        return int(self._scalar(f"SELECT count(*) FROM {table}") or 0)

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def dedupe_rows(self) -> list[tuple[str, str, list[int] | None]]:
        return self.con.execute(
            "SELECT id, content_hash, minhash FROM articles WHERE duplicate_of IS NULL ORDER BY ingested_at, id"
        ).fetchall()

    def uncoded_articles(self, coder: str) -> list[dict[str, Any]]:
        return self.query(
            "SELECT a.* EXCLUDE (minhash) FROM articles a WHERE a.duplicate_of IS NULL AND a.text IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM coded c WHERE c.article_id = a.id AND c.coder = ?) ORDER BY a.id",
            [coder],
        )

    def query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def articles(self, *, limit: int = 50, offset: int = 0, outlet: str | None = None) -> list[dict[str, Any]]:
        where, params = ("WHERE outlet = ?", [outlet]) if outlet else ("", [])
        return self.query(
            f"SELECT id, published, outlet, title, language, url, source_uri, relays, duplicate_of, "
            f"length(text) AS chars FROM articles {where} ORDER BY published NULLS LAST, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def article(self, article_id: str) -> dict[str, Any]:
        rows = self.query("SELECT * EXCLUDE (minhash) FROM articles WHERE id = ? OR id LIKE ? ORDER BY id",
                          [article_id, f"{article_id}%"])
        if not rows:
            raise NotFound(f"No article with id {article_id!r} in {self.path}.")
        if len(rows) > 1:
            raise InputError(f"Article id prefix {article_id!r} is ambiguous ({len(rows)} articles).")
        return rows[0]

    def export(self, table: str, fmt: str, out: str | Path) -> int:
        """Write a whole table to Parquet, CSV or JSONL; returns rows written."""
        self._check_table(table)
        if fmt not in EXPORT_FORMATS:
            raise InputError(f"Unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}.")
        select = f"SELECT * EXCLUDE (minhash) FROM {table}" if table == "articles" else f"SELECT * FROM {table}"
        options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json"}[fmt]
        target = str(out).replace("'", "''")
        try:
            self.con.execute(f"COPY ({select}) TO '{target}' ({options})")
        except duckdb.Error as exc:
            raise StoreError(f"Cannot export {table} to {out}: {exc}") from exc
        return self.count(table)

    def _check_table(self, table: str) -> None:
        if table not in (*TABLES, "coded", "schema_version"):
            raise NotFound(f"No table {table!r}; tables are {', '.join(TABLES)}.")


class _Transaction:
    """BEGIN ... COMMIT, or ROLLBACK when the block raises (a crash leaves no half batch)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")

"""The DuckDB store: schema, idempotent atomic batches, look-ups, exports, and a round-trip of articles."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from detente.errors import InputError, NotFound, StoreError
from detente.records import Article, RunReport, Rejected
from detente.store import TABLES, Store
from detente.export import article_from_row
from detente.store.schema import MIGRATIONS


def article(n: int, **changes) -> Article:
    base = dict(id=f"{n:016x}", source_uri=f"in/{n}.txt", text=f"Body of article {n}.", title=f"Article {n}",
                outlet="Coastline Daily", published=dt.date(2025, 1, 1) + dt.timedelta(days=n),
                paragraphs=(f"Body of article {n}.",), authors=("Ana Koller",), relays=("Reuters",))
    return Article(**{**base, **changes})


def rows(*articles: Article) -> list[tuple[Article, str, list[int] | None]]:
    return [(a, f"hash{a.id}", [1, 2, 3]) for a in articles]


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


def test_new_store_is_migrated_to_the_newest_schema(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        assert s.version == len(MIGRATIONS)
        for table in (*TABLES, "coded"):
            assert s.count(table) == 0
    with Store(path) as s:  # opening again runs nothing twice
        assert s.query("SELECT count(*) AS n FROM schema_version")[0]["n"] == len(MIGRATIONS)


def test_an_older_store_is_migrated_on_open_without_loss(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))  # a store as schema 2 left it, with one event
    con.execute("CREATE TABLE schema_version (version INTEGER, applied TIMESTAMP)")
    for number, script in enumerate(MIGRATIONS[:2], start=1):
        con.execute(script)
        con.execute("INSERT INTO schema_version VALUES (?, now())", [number])
    con.execute("INSERT INTO events (id, article_id, source_code, source_country, type, coder) "
                "VALUES ('e1', 'a1', 'PAKGOV', 'PAK', 'CONSULT', 'plover.rules.v1')")
    con.close()
    with Store(path, read_only=True) as s:  # a reading command migrates it too
        assert s.version == len(MIGRATIONS)
        (row,) = s.query("SELECT * FROM events")
        assert row["source_code"] == "PAKGOV" and row["type"] == "CONSULT"
        assert row["source_resolved_by"] is None and row["source_confidence"] is None  # unknown, not invented


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(NotFound, match="No store at"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_store_that_is_not_a_duckdb_file_is_a_store_error(tmp_path):
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("these are my notes, not a database")
    with pytest.raises(StoreError, match="Cannot open store"):
        Store(bogus)


def test_write_batch_is_idempotent(store):
    assert store.write_batch("run1", rows(article(1), article(2))) == 2
    assert store.write_batch("run2", rows(article(2), article(3))) == 1
    assert store.count("articles") == 3
    assert store.existing_ids(["0000000000000001", "nope"]) == {"0000000000000001"}
    assert store.existing_ids([]) == set()


def test_a_failing_batch_leaves_nothing_behind(store, monkeypatch):
    store.write_batch("run1", rows(article(1)))
    real = store._insert

    def insert_then_fail(table, batch):
        real(table, batch)
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert", insert_then_fail)
    with pytest.raises(RuntimeError):
        store.write_batch("run2", rows(article(2), article(3)))
    monkeypatch.undo()
    assert store.existing_ids([article(n).id for n in (1, 2, 3)]) == {article(1).id}
    assert store.write_batch("run3", rows(article(2))) == 1  # the connection is usable afterwards


def test_dedupe_rows_are_originals_only(store):
    store.write_batch("run", rows(article(1), article(2, duplicate_of=article(1).id, text="")))
    assert store.dedupe_rows() == [(article(1).id, f"hash{article(1).id}", [1, 2, 3])]


def test_article_by_id_and_prefix(store):
    store.write_batch("run", rows(article(0x1A), article(0x1B), article(0x2C)))
    assert store.article(article(0x2C).id)["title"] == "Article 44"
    assert store.article(article(0x2C).id[:15])["title"] == "Article 44"
    with pytest.raises(InputError, match="ambiguous"):
        store.article("000000000000001")
    with pytest.raises(NotFound, match="No article"):
        store.article("ffff")


def test_articles_listing_pages_and_filters(store):
    store.write_batch("run", rows(*(article(n, outlet="A" if n % 2 else "B") for n in range(1, 8))))
    listed = store.articles(limit=3)
    assert [r["id"] for r in listed] == [article(n).id for n in (1, 2, 3)]
    assert [r["id"] for r in store.articles(limit=3, offset=6)] == [article(7).id]
    assert {r["outlet"] for r in store.articles(outlet="B")} == {"B"}
    assert "text" not in listed[0] and listed[0]["chars"] == len(article(1).text)


def test_record_run_and_rejections(store):
    report = RunReport(run_id="r1", added=2, rejected=[Rejected("bad.html", "binary content")])
    started = dt.datetime(2025, 1, 1, 12)
    store.record_run(report, ["in/"], started, "ok")
    store.record_run(report, ["in/"], started, "ok")  # recording again replaces, never doubles
    assert store.query("SELECT run_id, added, rejected, status, inputs FROM runs") == [
        {"run_id": "r1", "added": 2, "rejected": 1, "status": "ok", "inputs": ["in/"]}]
    assert store.query("SELECT uri, reason FROM rejections") == [{"uri": "bad.html", "reason": "binary content"}]


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_articles_includes_text_and_source_uri(tmp_path, fmt):
    out = tmp_path / f"articles.{fmt}"
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch("run", rows(article(1), article(2)))
        assert store.export("articles", fmt, out) == 2
    if fmt == "parquet":
        exported = pq.read_table(out).to_pylist()
    elif fmt == "csv":
        exported = list(csv.DictReader(out.open(encoding="utf-8")))
    else:
        exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in exported] == [article(1).text, article(2).text]
    assert [r["source_uri"] for r in exported] == ["in/1.txt", "in/2.txt"]
    assert "minhash" not in exported[0]


def test_export_refuses_unknown_tables_and_formats(store, tmp_path):
    with pytest.raises(NotFound, match="No table 'secrets'"):
        store.export("secrets", "csv", tmp_path / "x.csv")
    with pytest.raises(InputError, match="Unknown export format 'xlsx'"):
        store.export("articles", "xlsx", tmp_path / "x.xlsx")
    with pytest.raises(StoreError, match="Cannot export"):
        store.export("articles", "csv", tmp_path / "no" / "such" / "dir" / "x.csv")


# -- hypothesis: any article survives Store -> row -> Article --------------------------------------
# DuckDB VARCHAR holds UTF-8, so lone surrogates (not encodable) are left out; everything else goes.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
OPTIONAL = st.none() | TEXT
WORDS = st.lists(TEXT, max_size=4).map(tuple)

ARTICLES = st.builds(
    Article,
    id=st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=20),
    source_uri=TEXT,
    text=st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
    url=OPTIONAL, outlet=OPTIONAL, title=OPTIONAL,
    published=st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    authors=WORDS, language=st.none() | st.sampled_from(["en", "fr", "ur", "bn"]),
    paragraphs=WORDS, relays=WORDS, duplicate_of=OPTIONAL, removed=WORDS,
)


def test_articles_round_trip_through_the_store():
    with Store(":memory:") as store:

        @hypothesis_settings(max_examples=150, deadline=None)
        @given(ARTICLES)
        def round_trip(original: Article) -> None:
            store.con.execute("DELETE FROM articles")
            assert store.write_batch("run", [(original, "h", None)]) == 1
            [row] = store.query("SELECT * EXCLUDE (minhash) FROM articles")
            assert article_from_row(row) == original

        round_trip()

"""The ``detente`` command line: commands through CliRunner, error handling through ``main`` and a real process."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from detente.config import settings_table
from detente.errors import NotFound
from detente.present import cli
from detente.present.cli import app
from detente.store import Store

DETENTE = Path(sys.executable).with_name("detente")


@pytest.fixture(autouse=True)
def clean_environment(tmp_path, monkeypatch):
    """Run every command in an empty folder, with no DETENTE_* variables (no stray detente.toml)."""
    for key in list(os.environ):
        if key.startswith("DETENTE_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "200"})


@pytest.fixture
def inputs(write, stories, tmp_path) -> Path:
    write("in/corridor.html", stories["corridor"].html())
    write("in/rail.txt", stories["rail"].text_file())
    write("in/meteor.md", stories["meteor"].text_file())
    write("in/junk.html", bytes(range(256)) * 100)
    write("in/empty.txt", "")
    return tmp_path / "in"


@pytest.fixture
def db(runner, inputs, tmp_path) -> str:
    path = str(tmp_path / "news.duckdb")
    result = runner.invoke(app, ["ingest", str(inputs), "--db", path, "--no-code"])
    assert result.exit_code == 0, result.output
    return path


def ids(db: str) -> list[str]:
    with Store(db, read_only=True) as store:
        return [r["id"] for r in store.query("SELECT id FROM articles ORDER BY id")]


def test_ingest_reports_counts_and_each_rejected_file(runner, inputs, tmp_path):
    db = str(tmp_path / "news.duckdb")
    result = runner.invoke(app, ["ingest", str(inputs), "--db", db, "--no-code"])
    assert result.exit_code == 0
    assert "added 3" in result.stdout and "rejected 2" in result.stdout
    assert f"rejected {inputs / 'junk.html'}: binary content" in result.stdout
    assert f"rejected {inputs / 'empty.txt'}: file is empty" in result.stdout
    again = runner.invoke(app, ["ingest", str(inputs), "--db", db, "--no-code"])
    assert again.exit_code == 0 and "added 0" in again.stdout and "unchanged 3" in again.stdout


def test_ingest_where_every_file_is_rejected_still_exits_0(runner, write, tmp_path):
    junk = write("junk/a.html", b"\x00\x01" * 500)
    result = runner.invoke(app, ["ingest", str(junk.parent), "--db", str(tmp_path / "x.duckdb"), "--no-code"])
    assert result.exit_code == 0 and "added 0" in result.stdout and "rejected 1" in result.stdout


def test_articles_as_jsonl(runner, db):
    result = runner.invoke(app, ["articles", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["id"] for r in rows) == ids(db)
    assert {r["title"] for r in rows} >= {"Rail drivers and operator agree a two-year pay deal"}
    assert set(rows[0]) == {"id", "published", "outlet", "title", "language", "duplicate_of", "relays"}


def test_articles_as_csv(runner, db):
    result = runner.invoke(app, ["articles", "--db", db, "--format", "csv", "--limit", "2"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2 and rows[0]["published"] == "2025-03-04"


def test_articles_as_table(runner, db):
    result = runner.invoke(app, ["articles", "--db", db])
    assert result.exit_code == 0
    for article_id in ids(db):
        assert article_id in result.stdout
    assert "Valley Courier" in result.stdout


def test_articles_filtered_by_outlet(runner, db):
    result = runner.invoke(app, ["articles", "--db", db, "--format", "jsonl", "--outlet", "Valley Courier"])
    assert [json.loads(line)["outlet"] for line in result.stdout.splitlines()] == ["Valley Courier"]


def test_article_shows_metadata_and_text(runner, db, stories):
    with Store(db, read_only=True) as store:
        [row] = store.query("SELECT id FROM articles WHERE outlet = 'Valley Courier'")
    result = runner.invoke(app, ["article", row["id"][:8], "--db", db])
    assert result.exit_code == 0
    assert f"id: {row['id']}" in result.stdout
    assert stories["meteor"].title in result.stdout
    assert stories["meteor"].paragraphs[1] in result.stdout.replace("\n", " ")


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_articles(runner, db, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["export", "articles", "--format", fmt, "--out", str(out), "--db", db])
    assert result.exit_code == 0 and f"wrote 3 rows of articles to {out}" in result.stdout
    if fmt == "parquet":
        rows = pq.read_table(out).to_pylist()
    elif fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
    else:
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 3
    assert all(r["text"] and r["source_uri"] for r in rows)


def test_export_runs_and_rejections(runner, db, tmp_path):
    out = tmp_path / "rejections.jsonl"
    result = runner.invoke(app, ["export", "rejections", "--format", "jsonl", "--out", str(out), "--db", db])
    assert result.exit_code == 0
    reasons = sorted(json.loads(line)["reason"] for line in out.read_text().splitlines())
    assert reasons[0].startswith("binary content") and reasons[1] == "file is empty"


def test_settings_lists_every_setting(runner):
    result = runner.invoke(app, ["settings"])
    assert result.exit_code == 0
    for name, _, _ in settings_table():
        assert name in result.stdout


def test_settings_file_is_used(runner, tmp_path):
    (tmp_path / "detente.toml").write_text("[ingest]\nbatch_size = 7\n")
    result = runner.invoke(app, ["settings"])
    assert result.exit_code == 0 and "ingest.batch_size" in result.stdout
    line = next(line for line in result.stdout.splitlines() if "ingest.batch_size" in line)
    assert re.search(r"ingest\.batch_size\W+7\W+50\W", line), line  # value, then default


def test_library_errors_reach_the_app_as_exceptions(runner, tmp_path):
    # CliRunner calls the Typer app directly: the error is left for ``main`` to translate.
    result = runner.invoke(app, ["article", "abc", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and isinstance(result.exception, NotFound)


# -- main(): errors become messages ------------------------------------------------------------------
def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["detente", *args])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    out, err = capsys.readouterr()
    return exited.value.code, out, err


def test_main_turns_errors_into_a_message_and_exit_1(monkeypatch, capsys, tmp_path):
    code, out, err = run_main(monkeypatch, capsys, "article", "abc", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1
    assert f"error: No store at {tmp_path / 'none.duckdb'}" in " ".join(err.split())
    assert "hint:" in err and "Traceback" not in out + err


def test_main_names_an_unknown_setting(monkeypatch, capsys, tmp_path):
    (tmp_path / "detente.toml").write_text("[ingest]\nbatchsize = 2\n")
    code, _, err = run_main(monkeypatch, capsys, "settings")
    assert code == 1 and "ingest.batchsize: unknown setting" in " ".join(err.split())


def test_main_with_debug_raises_the_error(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "argv", ["detente", "--debug", "article", "abc", "--db", str(tmp_path / "none.duckdb")])
    with pytest.raises(NotFound):
        cli.main()


def test_main_exits_0_on_success(monkeypatch, capsys, inputs, tmp_path):
    code, out, _ = run_main(monkeypatch, capsys, "ingest", str(inputs), "--db", str(tmp_path / "n.duckdb"), "--no-code")
    assert code == 0 and "added 3" in out


# -- the installed console script, in a real process ---------------------------------------------------
def detente(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DETENTE_")}
    env.update(COLUMNS="200", NO_COLOR="1")
    return subprocess.run([str(DETENTE), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not DETENTE.exists(), reason="console script not installed next to this Python")
def test_console_script_exit_codes_and_no_tracebacks(inputs, tmp_path):
    db = str(tmp_path / "news.duckdb")
    ok = detente("ingest", str(inputs), "--db", db, "--no-code", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "added 3" in ok.stdout and "junk.html: binary content" in ok.stdout
    assert "Traceback" not in ok.stdout + ok.stderr

    missing = detente("ingest", str(tmp_path / "nowhere"), "--db", db, "--no-code", cwd=tmp_path)
    assert missing.returncode == 1
    assert "error: No such file or folder" in missing.stderr and "hint:" in missing.stderr
    assert "Traceback" not in missing.stdout + missing.stderr

    debug = detente("--debug", "ingest", str(tmp_path / "nowhere"), "--db", db, "--no-code", cwd=tmp_path)
    assert debug.returncode != 0 and "Traceback" in debug.stderr and "SourceError" in debug.stderr

    usage = detente("export", "articles", cwd=tmp_path)  # --out missing: a usage error from the parser
    assert usage.returncode == 2 and "Traceback" not in usage.stdout + usage.stderr


# -- demo ---------------------------------------------------------------------------------------------
def test_demo_ingests_the_sample_corpus(runner, tmp_path):
    from detente.demo import sample_corpus

    folder = sample_corpus()
    if not folder.is_dir() or not any(folder.iterdir()):
        pytest.skip("sample corpus not written yet")
    db = tmp_path / "demo.duckdb"
    result = runner.invoke(app, ["demo", "--db", str(db), "--out", str(tmp_path / "demo-out")])
    assert result.exit_code == 0, result.output
    assert "added" in result.stdout and "rejected 0" in result.stdout
    with Store(db, read_only=True) as store:
        assert store.count("articles") >= 10
        assert store.query("SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL")[0]["n"] >= 1
        # Only articles are ingested: no notes about the corpus itself.
        assert store.query("SELECT source_uri FROM articles WHERE source_uri ILIKE '%readme%'") == []

"""The analysis commands, run through Typer's test runner against the hand-made world."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from detente.config import load_settings
from detente.demo_report import report_demo
from detente.errors import InputError, NotFound
from detente.present.cli import app

runner = CliRunner()


def run(*args: str, db: Path) -> str:
    result = runner.invoke(app, [*args, "--db", str(db)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result.output


def test_dyad_table_json_and_csv(world_db):
    assert "USA ↔ PAK per month" in run("dyad", "USA", "PAK", "--freq", "month", db=world_db)
    body = json.loads(run("dyad", "USA", "PAK", "--format", "json", db=world_db))
    assert body["events"] == 43 and body["freq"] == "week"
    rows = list(csv.DictReader(io.StringIO(run("dyad", "USA", "PAK", "--freq", "month", "--directed",
                                               "--format", "csv", db=world_db))))
    assert rows[0]["period"] == "2025-01-01" and rows[0]["b_to_a"] == "0"


def test_shifts_table_and_json(world_db):
    out = run("shifts", "USA", "PAK", db=world_db)
    assert "warming" in out and "2025-03-17" in out
    body = json.loads(run("shifts", "USA", "PAK", "--format", "json", db=world_db))
    assert body["shifts"][0]["direction"] == "warming" and body["shifts"][0]["drivers"]
    quiet = run("shifts", "USA", "PAK", "--until", "2025-03-01", db=world_db)
    assert "No shift beyond the noise" in quiet


def test_events_and_claims_exports(world_db):
    lines = run("events", "--actor", "USA", "--type", "ACCUSE", "--format", "jsonl", db=world_db).splitlines()
    assert len(lines) == 10 and json.loads(lines[0])["type"] == "ACCUSE"
    rows = list(csv.DictReader(io.StringIO(run("events", "--since", "2025-05-01", "--format", "csv", db=world_db))))
    assert rows and all(r["date"] >= "2025-05-01" for r in rows)
    assert "events (2 of 44)" in run("events", "--actor", "PAK", "--limit", "2", db=world_db).replace("\n", " ")
    claims = [json.loads(x) for x in run("claims", "--disputed", "--format", "jsonl", db=world_db).splitlines()]
    assert [c["id"] for c in claims] == ["claim-india"]
    assert "claims (2 of 2)" in run("claims", "--actor", "USA", db=world_db)
    speakers = run("claims", "--actor", "USA", "--verb", "claim", "--format", "csv", db=world_db)
    assert [r["id"] for r in csv.DictReader(io.StringIO(speakers))] == ["claim-trump"]


def test_stories(world_db):
    out = run("stories", "--min-articles", "2", "--format", "jsonl", db=world_db)
    story = json.loads(out.splitlines()[0])
    assert story["articles"] == 3 and "Tidewater Observer" in story["outlets"]


def test_brief_writes_the_file(world_db, tmp_path):
    out = run("brief", "USA", "PAK", "--out", str(tmp_path / "b.md"), db=world_db)
    assert "wrote" in out and (tmp_path / "b.md").read_text(encoding="utf-8").startswith("# How relations")


def test_serve_calls_the_web_server(world_db, monkeypatch):
    calls = []
    monkeypatch.setattr("detente.present.web.serve", lambda db, host, port: calls.append((db, host, port)))
    run("serve", "--port", "9999", db=world_db)
    assert calls == [(str(world_db), "127.0.0.1", 9999)]


@pytest.mark.parametrize("args, error", [
    (("dyad", "USA", "ZZZ"), NotFound),
    (("dyad", "USA", "PAK", "--freq", "year"), InputError),
    (("dyad", "USA", "PAK", "--format", "xml"), InputError),
    (("shifts", "USA", "PAK", "--alpha", "2"), InputError),
    (("events", "--since", "soon"), InputError),
    (("brief", "USA", "PAK", "--out", "brief.pdf"), InputError),
])
def test_errors_are_library_errors(world_db, args, error):
    with pytest.raises(error):
        run(*args, db=world_db)


def test_errors_become_messages_in_main(world_db, monkeypatch, capsys):
    from detente.present import cli

    monkeypatch.setattr("sys.argv", ["detente", "dyad", "USA", "ZZZ", "--db", str(world_db)])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "No events involve actor 'ZZZ'" in err and "hint:" in err


def test_demo_report_prints_dyads_and_disputes_and_writes_a_brief(world_db, tmp_path):
    console = Console(file=io.StringIO(), width=200)
    path = report_demo(load_settings(overrides={"db": str(world_db)}), tmp_path / "out", console)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "PAK–USA: 43 events" in text and "disputes: 1" in text and "India (deny)" in text
    assert path is not None and path.exists() and str(path) in text


def test_the_api_and_the_cli_list_events_and_claims_in_one_shape(world_db, client):
    for route in ("events", "claims"):
        cli = [json.loads(x) for x in run(route, "--format", "jsonl", "--limit", "5", db=world_db).splitlines()]
        api = client.get(f"/api/{route}", params={"limit": 5}).json()["items"]
        assert cli and json.loads(json.dumps(api)) == json.loads(json.dumps(cli, default=str))
    assert set(api[0]["speaker"]) == {"code", "country", "sector", "text", "resolved_by", "confidence"}

"""The ``detente`` command line: each command parses options and calls one library function.

Library errors (``detente.errors``) become a one-line message with a hint and exit code 1;
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from detente.config import Settings, load_settings, settings_table
from detente.errors import DetenteError, InputError

app = typer.Typer(help="detente: evidence-linked political event data from news.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
console = Console(stderr=False)
errors = Console(stderr=True)
STATE: dict[str, Any] = {"debug": False, "config": None}

DbOption = typer.Option(None, "--db", help="DuckDB file of the store (default: settings db, ./detente.duckdb).")
CodeWithOption = typer.Option(None, "--coder", help="Event coder: rules, learned or a registered name "
                              "(default: the coding.coder setting).")
FORMATS = ("table", "jsonl", "csv")


@app.callback()
def _main(
    config: Optional[Path] = typer.Option(None, "--config", help="Settings file (default ./detente.toml)."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of errors."),
) -> None:
    STATE["debug"] = debug
    STATE["config"] = config


def settings(**overrides: Any) -> Settings:
    """Settings from the file, the environment and this command's options."""
    return load_settings(STATE["config"], overrides)


def emit(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None, title: str | None = None) -> None:
    """Print rows as a Rich table, JSON lines or CSV."""
    if fmt not in FORMATS:
        raise InputError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps({c: row.get(c) for c in columns}, default=str, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({c: row.get(c) for c in columns} for row in rows)
    else:
        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
        console.print(table)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive) or glob patterns."),
    db: Optional[str] = DbOption,
    code: Optional[bool] = typer.Option(None, "--code/--no-code", help="Code events while ingesting."),
    coder: Optional[str] = CodeWithOption,
    date: Optional[str] = typer.Option(None, "--date", help="YYYY-MM-DD for the batch's articles whose own "
                                       "date cannot be found (metadata, URL or text)."),
) -> None:
    """Ingest articles into the store and code them; stored articles the coder has not coded yet
    (a new coder version) are coded too."""
    from detente.analysis.dyads import parse_day
    from detente.pipeline import ingest as run_ingest

    s = settings(db=db, **{"coding.code_on_ingest": code, "coding.coder": coder,
                           "ingest.date": parse_day(date, "--date")})
    with _bar("ingest") as step:
        report = run_ingest(s, paths, progress=step, coder=_coding(s))
    print_report(report, s.db)


@app.command()
def recode(db: Optional[str] = DbOption, coder: Optional[str] = CodeWithOption) -> None:
    """Code every stored article the coder has not coded yet, keeping other versions' events."""
    from detente.pipeline import recode as run_recode

    s = settings(db=db, **{"coding.coder": coder})
    coding = _coding(s, force=True)
    with _bar("recode") as step:
        report = run_recode(s, coding, progress=step)
    console.print(f"coded {report.recoded} stored articles with {coding.name} · events {report.events} "
                  f"· claims {report.claims}  → {s.db}")


@contextmanager
def _bar(label: str) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr; yields the callback a stage calls once per document."""
    with Progress(SpinnerColumn(), TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}"), TimeElapsedColumn(), console=errors, transient=True) as bar:
        task = bar.add_task("", total=None)
        yield lambda uri: bar.update(task, advance=1, description=Path(uri).name[:40])


def _coding(s: Settings, force: bool = False) -> Any:
    from detente.coding import Coding

    return Coding(s) if s.coding.code_on_ingest or force else None


def print_json(data: Any) -> None:
    """``data`` as indented JSON on standard output (dates and paths as strings)."""
    sys.stdout.write(json.dumps(data, default=str, ensure_ascii=False, indent=2) + "\n")


def print_report(report: Any, db: str) -> None:
    console.print(f"[green]added {report.added}[/] · unchanged {report.unchanged} · "
                  f"duplicates {report.duplicates} · [red]rejected {len(report.rejected)}[/] "
                  f"· events {report.events} · claims {report.claims}  → {db}")
    for item in report.rejected:
        console.print(f"  [red]rejected[/] {item.uri}: {item.reason}")
    for uri, warning in report.warnings:
        console.print(f"  [yellow]warning[/] {uri}: {warning}")
    if report.undated:
        console.print(f"  [yellow]{report.undated} new articles have no date[/] (none in their metadata, URL or "
                      "text): they are kept and listed as undated, and left out of trends. Supply one with "
                      "`--date YYYY-MM-DD` for the batch, or a `published` (or `date`) field per JSONL record.")


@app.command()
def articles(
    db: Optional[str] = DbOption,
    fmt: str = typer.Option("table", "--format", help="table, jsonl or csv."),
    limit: int = typer.Option(50, min=1),
    offset: int = typer.Option(0, min=0),
    outlet: Optional[str] = typer.Option(None, help="Only this outlet."),
) -> None:
    """List stored articles."""
    from detente.store import Store

    with Store(settings(db=db).db, read_only=True) as store:
        rows = store.articles(limit=limit, offset=offset, outlet=outlet)
    emit(rows, fmt, ["id", "published", "outlet", "title", "language", "duplicate_of", "relays"], "articles")


@app.command()
def article(article_id: str = typer.Argument(..., help="Article id (or a unique prefix)."),
            db: Optional[str] = DbOption) -> None:
    """Show one article: metadata and cleaned text."""
    from detente.store import Store

    with Store(settings(db=db).db, read_only=True) as store:
        row = store.article(article_id)
    for key in ("id", "title", "outlet", "published", "authors", "url", "source_uri", "language", "relays",
                "duplicate_of"):
        console.print(f"[bold]{key}[/]: {row.get(key)}", highlight=False, markup=True)
    console.print()
    console.print(row["text"] or "(text stored once, under the original above)", markup=False, highlight=False)


@app.command()
def export(
    table: str = typer.Argument(..., help="articles, events, claims, runs or rejections."),
    fmt: str = typer.Option("parquet", "--format", help="parquet, csv or jsonl."),
    out: Path = typer.Option(..., "--out", help="File to write."),
    db: Optional[str] = DbOption,
) -> None:
    """Export a whole table to Parquet, CSV or JSON lines."""
    from detente.store import Store

    with Store(settings(db=db).db, read_only=True) as store:
        count = store.export(table, fmt, out)
    console.print(f"wrote {count} rows of {table} to {out}")


@app.command("code")
def code_jsonl(
    jsonl: Path = typer.Option(..., "--jsonl", help="JSONL file; each record's `text` is coded."),
    out: Path = typer.Option(..., "--out", help="JSONL file to write, records with `events` and `claims`."),
    coder: Optional[str] = CodeWithOption,
) -> None:
    """Code the text of each JSONL record without touching the store."""
    from detente.coding.jsonl import code_file

    count = code_file(settings(), jsonl, out, coder)
    console.print(f"coded {count} records → {out}")


@app.command("eval")
def eval_gold(
    gold: Path = typer.Argument(..., help="Gold JSONL in the guideline format."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Predictions JSONL (default: run the coder)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    plover_fold: bool = typer.Option(False, "--plover-fold", help="Fold future/hedged cooperation into AGREE "
                                     "first, as strict-PLOVER gold (plover-gsr) expects."),
    claims: bool = typer.Option(False, "--claims", help="Score the claims component instead (claims gold: "
                                "P/R/F1 on speaker country and stance, stance accuracy, dispute recall)."),
    actors: bool = typer.Option(False, "--actors", help="Score the actor stage instead: the share of gold "
                                "sources and targets whose country it gets right (overall and per corpus)."),
    coder: Optional[str] = CodeWithOption,
) -> None:
    """Score the event coder against gold: P, R, F1, macro-F1, per type, modality, false assertions."""
    from detente.coding.jsonl import evaluate_file

    if actors:
        _eval_actors(gold, as_json, coder)
        return
    if claims:
        _eval_claims(gold, pred, as_json, coder)
        return

    scores = evaluate_file(settings(), gold, pred, fold=plover_fold, coder=coder)
    if as_json:
        print_json(scores.to_dict())
        return
    console.print(f"[bold]{gold}[/]: {scores.sentences} sentences, {scores.gold} gold events, "
                  f"{scores.predicted} output events, {scores.matched} matched")
    console.print(f"precision {scores.precision:.3f} · recall {scores.recall:.3f} · [bold]F1 {scores.f1:.3f}[/] · "
                  f"macro-F1 {scores.macro_f1:.3f}")
    console.print(f"modality accuracy {scores.modality_accuracy:.3f} · false assertions {scores.false_assertions} "
                  f"(rate {scores.false_assertion_rate:.3f} of matched non-asserted gold; "
                  f"{scores.false_assertion_share_of_asserted:.3f} of matched asserted output)")
    emit([{"type": k, **v} for k, v in scores.per_type.items()], "table",
         ["type", "gold", "predicted", "precision", "recall", "f1"], "per type")


def _eval_claims(gold: Path, pred: Path | None, as_json: bool, coder: str | None) -> None:
    from detente.coding.jsonl import evaluate_claims_file

    scores = evaluate_claims_file(settings(), gold, pred, coder)
    if as_json:
        print_json(scores.to_dict())
        return
    console.print(f"[bold]{gold}[/]: {scores.sentences} sentences, {scores.gold} gold claims, "
                  f"{scores.predicted} output claims, {scores.matched} matched")
    console.print(f"precision {scores.precision:.3f} · recall {scores.recall:.3f} · [bold]F1 {scores.f1:.3f}[/] · "
                  f"stance accuracy {scores.stance_accuracy:.3f} · disputes found {scores.disputes_found} of "
                  f"{scores.gold_disputes} ({scores.dispute_recall:.3f})")


def _eval_actors(gold: Path, as_json: bool, coder: str | None) -> None:
    from detente.actors.evaluate import evaluate_actors

    scores = evaluate_actors(settings(), gold, coder)
    if as_json:
        print_json(scores.to_dict())
        return
    console.print(f"[bold]{gold}[/]: {scores.n} gold actors · [bold]country accuracy "
                  f"{scores.actor_country_accuracy:.3f}[/] · unresolved {scores.unresolved:.3f}")
    emit([{"corpus": k, **v} for k, v in scores.per_corpus.items()], "table",
         ["corpus", "n", "accuracy", "unresolved"], "per corpus")


@app.command("settings")
def show_settings() -> None:
    """List every setting with its current value and help."""
    s = settings()
    flat = s.model_dump()
    rows = []
    for name, default, help_text in settings_table():
        section, _, key = name.partition(".")
        value = flat[section][key] if key else flat[section]
        rows.append({"setting": name, "value": value, "default": default, "help": help_text})
    emit(rows, "table", title="settings (detente.toml, DETENTE_* or options)")


@app.command()
def demo(
    db: str = typer.Option("demo.duckdb", "--db", help="DuckDB file to create (replaced if it exists)."),
    out: Path = typer.Option(Path("demo-out"), "--out", help="Folder for the demo's report files."),
) -> None:
    """Ingest the bundled sample corpus into a fresh store and report what was stored."""
    from detente.demo import run_demo

    run_demo(settings(db=db), out, console)


def main() -> None:
    """Console entry point: library errors become messages, not tracebacks."""
    try:
        app()
    except DetenteError as exc:
        if STATE["debug"]:
            raise
        errors.print(f"[red]error:[/] {exc.message}", highlight=False)
        if exc.hint:
            errors.print(f"[dim]hint: {exc.hint}[/]", highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        errors.print("interrupted; the store keeps every finished batch, re-run to resume")
        sys.exit(130)
from detente.present import cli_analysis, cli_train  # noqa: E402,F401  (register their commands)

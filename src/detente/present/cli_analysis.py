"""The analysis commands of ``detente``: dyad, shifts, events, claims, stories, brief and serve.

Each command parses its options and calls one library function (``detente.analysis``,
``detente.present.brief``, ``detente.present.web``); library errors reach ``cli.main``, which
prints them with their hint.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from detente.analysis.dyads import parse_day
from detente.errors import InputError
from detente.present.cli import app, console, emit, print_json, settings
from detente.export import claim_export, event_export

DbOption = typer.Option(None, "--db", help="DuckDB file of the store (default: settings db, ./detente.duckdb).")
SinceOption = typer.Option(None, "--since", help="First day, YYYY-MM-DD.")
UntilOption = typer.Option(None, "--until", help="Last day, YYYY-MM-DD.")
CoderOption = typer.Option(None, "--coder", help="Whose events: rules, learned or a stored coder name+version "
                           "(default: the coding.coder setting's, else the coder with most events).")
FreqOption = typer.Option("week", "--freq", help="Period: day, week or month.")
BothOption = typer.Option(True, "--both/--directed", help="Both directions, or A → B only.")


def _store(db: str | None) -> Any:
    from detente.store import Store

    return Store(settings(db=db).db, read_only=True)


def _which(coder: str | None) -> str:
    """The coder whose rows to read: the one asked for, else the configured default's family."""
    return coder or settings().coding.coder


def _check(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise InputError(f"Unknown format {fmt!r}; use one of {', '.join(allowed)}.")


@app.command()
def dyad(a: str = typer.Argument(..., help="First actor: a country (USA) or actor code (PAKGOV)."),
         b: str = typer.Argument(..., help="Second actor."), freq: str = FreqOption, both: bool = BothOption,
         since: Optional[str] = SinceOption, until: Optional[str] = UntilOption, coder: Optional[str] = CoderOption,
         fmt: str = typer.Option("table", "--format", help="table, json or csv."), db: Optional[str] = DbOption,
         historical: bool = typer.Option(False, "--historical", help="Also events dated more than a year before "
                                         "their article (left out of current trends by default).")) -> None:
    """Events per period between two actors, each real-world event once, with the net index."""
    from detente.analysis import DyadQuery, dyad_series

    _check(fmt, ("table", "json", "csv"))
    q = DyadQuery(a, b, freq, both, parse_day(since, "--since"), parse_day(until, "--until"), _which(coder),  # type: ignore[arg-type]
                  historical=historical)
    with _store(db) as store:
        series = dyad_series(store, q)
    if fmt == "json":
        return print_json(series.to_dict())
    rows = [{"period": p.start, "events": p.events, "cooperation": p.quad[0] + p.quad[1],
             "conflict": p.quad[2] + p.quad[3], "a_to_b": p.a_to_b, "b_to_a": p.b_to_a,
             "intensity_sum": round(p.intensity_sum, 2),
             "intensity_mean": None if p.intensity_mean is None else round(p.intensity_mean, 2),
             "index": None if p.index is None else round(p.index, 3),
             "other": ", ".join(f"{k} {v}" for k, v in sorted(p.other.items()))} for p in series.periods]
    emit(rows, fmt, title=f"{q.a} {'↔' if q.both else '→'} {q.b} per {q.freq} ({series.events} events, "
                          f"{series.undated} undated and {series.historical} historical left out)")


@app.command()
def shifts(a: str = typer.Argument(..., help="First actor."), b: str = typer.Argument(..., help="Second actor."),
           freq: str = FreqOption, both: bool = BothOption, since: Optional[str] = SinceOption,
           until: Optional[str] = UntilOption, coder: Optional[str] = CoderOption,
           alpha: float = typer.Option(0.05, "--alpha", help="Test level: the false-positive rate on pure noise."),
           fmt: str = typer.Option("table", "--format", help="table or json."), db: Optional[str] = DbOption) -> None:
    """Warming and cooling between two actors beyond the series' noise, with the events that drive it."""
    from detente.analysis import DyadQuery, ShiftOptions, detect_shifts

    _check(fmt, ("table", "json"))
    q = DyadQuery(a, b, freq, both, parse_day(since, "--since"), parse_day(until, "--until"), _which(coder))  # type: ignore[arg-type]
    with _store(db) as store:
        report = detect_shifts(store, q, ShiftOptions(alpha=alpha))
    if fmt == "json":
        return print_json(report.to_dict())
    rows = [{"from": s.start, "last before": s.last_before, "direction": s.direction,
             "index": f"{s.before:+.2f} → {s.after:+.2f}", "size": f"{s.size:+.2f}", "p": f"{s.p_value:.3f}",
             "driving events": "\n".join(f"{e['date']} {e['source']}→{e['target']} {e['type']} "
                                         f"({e['intensity']:+.1f}): {e['evidence'][0]['evidence']}"
                                         for e in s.drivers)} for s in report.shifts]
    left_out = (f"{report.series.undated} undated and {report.series.historical} historical reports left out")
    if not rows:
        console.print(f"No shift beyond the noise ({report.periods_tested} periods with events, alpha {alpha}; "
                      f"{left_out}).")
        return
    emit(rows, "table", title=f"shifts {q.a}–{q.b} per {q.freq} ({left_out})")


@app.command()
def events(actor: Optional[str] = typer.Option(None, "--actor", help="Actor on either side (USA, PAKGOV)."),
           source: Optional[str] = typer.Option(None, "--source"), target: Optional[str] = typer.Option(None, "--target"),
           type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. CONSULT."),
           modality: Optional[str] = typer.Option(None, "--modality", help="asserted, claimed, hedged …"),
           location: Optional[str] = typer.Option(None, "--location", help="Country where it happened (QAT)."),
           since: Optional[str] = SinceOption, until: Optional[str] = UntilOption, coder: Optional[str] = CoderOption,
           limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Rows (default 50 for table, all else)."),
           offset: int = typer.Option(0, "--offset", min=0),
           fmt: str = typer.Option("table", "--format", help="table, jsonl or csv."), db: Optional[str] = DbOption) -> None:
    """List or export reported events (one row per evidence sentence), newest first."""
    from detente.analysis import EventFilter, list_events

    f = EventFilter(actor, source, target, type_, None, modality, _which(coder), None, parse_day(since, "--since"),
                    parse_day(until, "--until"), location)
    with _store(db) as store:
        page = list_events(store, f, limit=limit or (50 if fmt == "table" else 10**9), offset=offset)
    columns = ["date", "source_code", "target_code", "type", "quad_class", "intensity", "modality",
               "location_place", "outlet", "evidence", "article_id", "id"] if fmt == "table" else None
    if fmt == "table":
        page.items = [{**r, "date": r["date"] or "undated"} for r in page.items]
    # JSON lines use the documented export format (actors nested); tables and CSV stay flat.
    rows = [event_export(r) for r in page.items] if fmt == "jsonl" else page.items
    emit(rows, fmt, columns, f"events ({len(page.items)} of {page.total})")


@app.command()
def claims(actor: Optional[str] = typer.Option(None, "--actor", help="Speaker or subject (USA, INDGOV)."),
           verb: Optional[str] = typer.Option(None, "--verb", "--type",
                                              help="Claim verb: say, claim, credit, accuse, deny …"),
           disputed: bool = typer.Option(False, "--disputed", help="Only claims that dispute another claim."),
           since: Optional[str] = SinceOption, until: Optional[str] = UntilOption, coder: Optional[str] = CoderOption,
           limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Rows (default 50 for table, all else)."),
           offset: int = typer.Option(0, "--offset", min=0),
           fmt: str = typer.Option("table", "--format", help="table, jsonl or csv."), db: Optional[str] = DbOption) -> None:
    """List or export claims: who said, credited, accused or denied what."""
    from detente.analysis import ClaimFilter, list_claims

    f = ClaimFilter(actor, verb, None, True if disputed else None, None, _which(coder), parse_day(since, "--since"),
                    parse_day(until, "--until"))
    with _store(db) as store:
        page = list_claims(store, f, limit=limit or (50 if fmt == "table" else 10**9), offset=offset)
    columns = ["date", "speaker_code", "speaker_text", "verb", "content", "modality", "disputes", "outlet",
               "id"] if fmt == "table" else None
    rows = [claim_export(r) for r in page.items] if fmt == "jsonl" else page.items
    emit(rows, fmt, columns, f"claims ({len(page.items)} of {page.total})")


@app.command()
def actors(coder: Optional[str] = CoderOption,
           limit: int = typer.Option(30, "--limit", min=1, help="Rows of each list."),
           fmt: str = typer.Option("table", "--format", help="table or json."), db: Optional[str] = DbOption) -> None:
    """Actors the store's events and claims name, by mentions, and the most frequent unresolved names
    (candidates for a dictionary file of your own: `actors.extra_files`)."""
    from dataclasses import asdict

    from detente.analysis.actors import actor_listing

    _check(fmt, ("table", "json"))
    with _store(db) as store:
        listing = actor_listing(store, _which(coder), limit)
    if fmt == "json":
        print_json(asdict(listing))
        return
    share = listing.unresolved_mentions / listing.mentions if listing.mentions else 0.0
    console.print(f"{listing.mentions} actor mentions by {listing.coder}; {listing.unresolved_mentions} "
                  f"({share:.0%}) without a country")
    emit([{**r, "forms": "; ".join(r["forms"]), "resolved_by": ", ".join(r["resolved_by"])} for r in listing.resolved],
         "table", ["code", "country", "sector", "mentions", "articles", "resolved_by", "forms"], "resolved actors")
    emit(listing.unresolved, "table", ["name", "mentions", "articles", "sector", "example"],
         "unresolved names (add them to a file of actors.extra_files)")


@app.command()
def stories(since: Optional[str] = SinceOption, until: Optional[str] = UntilOption,
            min_articles: int = typer.Option(1, "--min-articles", min=1, help="Only stories with this many articles."),
            fmt: str = typer.Option("table", "--format", help="table, jsonl or csv."), db: Optional[str] = DbOption) -> None:
    """Cluster articles into stories across outlets (TF-IDF, average linkage, 3-day window)."""
    from detente.analysis import StoryQuery, find_stories

    q = StoryQuery(since=parse_day(since, "--since"), until=parse_day(until, "--until"), min_articles=min_articles)
    with _store(db) as store:
        found = find_stories(store, q)
    rows = [{"id": s.id, "start": s.start, "articles": len(s.articles), "outlets": ", ".join(s.outlets),
             "title": s.title} for s in found]
    emit(rows, fmt, title=f"stories ({len(rows)})")


@app.command()
def brief(a: str = typer.Argument(..., help="First actor."), b: str = typer.Argument(..., help="Second actor."),
          out: Path = typer.Option(..., "--out", help="File to write: .html (self-contained) or .md."),
          freq: str = FreqOption, since: Optional[str] = SinceOption, until: Optional[str] = UntilOption,
          coder: Optional[str] = CoderOption, db: Optional[str] = DbOption) -> None:
    """Write a brief on two actors: trend, shifts, top events, disputes, outlets compared."""
    from detente.present.brief import build_brief

    with _store(db) as store:
        path = build_brief(store, a, b, out, freq=freq, since=parse_day(since, "--since"), until=parse_day(until, "--until"),
                           coder=_which(coder))
    console.print(f"wrote {path}")


@app.command()
def serve(db: Optional[str] = DbOption, host: str = typer.Option("127.0.0.1", "--host"),
          port: int = typer.Option(8765, "--port", min=1, max=65535)) -> None:
    """Serve the REST API (/api/…, /docs) and the dashboard (/) over the store, read-only."""
    from detente.present.web import serve as run

    console.print(f"detente dashboard on http://{host}:{port}/  (API docs at /docs; Ctrl-C stops)")
    run(settings(db=db).db, host=host, port=port)

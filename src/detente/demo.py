"""``detente demo``: the bundled sample corpus into a fresh store, then what was found."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rich.console import Console

from detente.coding import Coding
from detente.config import Settings
from detente.demo_report import report_demo
from detente.pipeline import ingest
from detente.store import Store


def sample_corpus() -> Path:
    """The folder of the sample corpus shipped in the package (written for detente, fictional outlets)."""
    return Path(str(resources.files("detente.data").joinpath("sample")))


def run_demo(settings: Settings, out: Path, console: Console) -> None:
    """Ingest the sample corpus into a new ``settings.db`` and print a summary."""
    db = Path(settings.db)
    for stale in (db, Path(f"{db}.wal")):
        stale.unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    coder = Coding(settings) if settings.coding.code_on_ingest else None
    report = ingest(settings, [sample_corpus()], coder=coder)
    console.print(f"[bold]detente demo[/]: sample corpus → {db}")
    console.print(f"  added {report.added} · duplicates {report.duplicates} · rejected {len(report.rejected)}"
                  f" · events {report.events} · claims {report.claims}")
    with Store(db, read_only=True) as store:
        outlets = store.query("SELECT outlet, count(*) AS n, count(duplicate_of) AS copies FROM articles "
                              "GROUP BY outlet ORDER BY n DESC")
        console.print("  outlets: " + ", ".join(f"{r['outlet']} ({r['n']})" for r in outlets))
        for row in store.query("SELECT a.title, b.title AS original FROM articles a JOIN articles b "
                               "ON a.duplicate_of = b.id ORDER BY a.title"):
            console.print(f"  duplicate: {row['title']!r} copies {row['original']!r}")
        for row in store.query("SELECT title, relays FROM articles WHERE len(relays) > 0 ORDER BY title"):
            console.print(f"  relays {', '.join(row['relays'])}: {row['title']}")
        langs = store.query("SELECT language, count(*) AS n FROM articles WHERE duplicate_of IS NULL "
                            "GROUP BY language ORDER BY n DESC")
        console.print("  languages: " + ", ".join(f"{r['language']} ({r['n']})" for r in langs))
    for item in report.rejected:
        console.print(f"  rejected {item.uri}: {item.reason}")
    report_demo(settings, out, console)

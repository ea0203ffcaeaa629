"""The end of ``detente demo``: the top dyads, the disputes found and a brief on the busiest pair."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from detente.analysis import (
    DyadQuery,
    NetworkQuery,
    actor_network,
    detect_shifts,
    disputes,
    top_dyads,
)
from detente.config import Settings
from detente.present.brief import build_brief
from detente.store import Store

TOP_DYADS = 8


def report_demo(settings: Settings, out: Path, console: Console) -> Path | None:
    """Print the busiest country pairs and the disputes of the demo store, write the brief of the
    busiest pair into ``out`` and return its path (None when the store has no coded events)."""
    with Store(settings.db, read_only=True) as store:
        pairs = top_dyads(actor_network(store, NetworkQuery(level="country")), TOP_DYADS)
        if not pairs:
            console.print("  no coded events, so no dyads or brief (is the coder installed and coding.code_on_ingest on?)")
            return None
        console.print("  top dyads (real-world events, both directions; net index −1 conflict … +1 cooperation):")
        for p in pairs:
            console.print(f"    {p['a']}–{p['b']}: {p['events']} events, net index {p['index']:+.2f}", highlight=False)
        console.print("  shifts (warming/cooling beyond the noise, top 3 dyads):")
        for p in pairs[:3]:
            report = detect_shifts(store, DyadQuery(p["a"], p["b"], freq="week"))
            for s in report.shifts or ():
                console.print(f"    {p['a']}–{p['b']}: {s.direction} from the week of {s.start} "
                              f"({s.before:+.2f} → {s.after:+.2f}, p = {s.p_value:.3f})", highlight=False)
            if not report.shifts:
                console.print(f"    {p['a']}–{p['b']}: none", highlight=False)
        found = disputes(store)
        console.print(f"  disputes: {len(found)}")
        for d in found:
            other = d["disputed"]
            console.print(f"    {d['speaker_text'] or d['speaker_code']} ({d['verb']}): “{d['content']}” "
                          f"[{d['outlet']}, {d['date']}] disputes {other['speaker_text'] or other['speaker_code']}: "
                          f"“{other['content']}”", markup=False, highlight=False)
        a, b = pairs[0]["a"], pairs[0]["b"]
        out.mkdir(parents=True, exist_ok=True)
        path = build_brief(store, a, b, out / f"brief-{a}-{b}.html")
    console.print(f"  brief on {a}–{b}: {path}", highlight=False)
    return path

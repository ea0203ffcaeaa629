"""Briefs: one self-contained document on how relations between two actors move, and the charts
the dashboard shares with it.

A brief holds the trend chart, the shifts with their driving events, the top events with their
evidence sentences and links, the disputes between the two sides' claims and the outlets side by
side on the dyad's stories. HTML briefs inline plotly.js (no network needed to read them);
Markdown briefs carry the same content as tables and lists.

Example::

    >>> with Store("detente.duckdb", read_only=True) as store:
    ...     build_brief(store, "USA", "PAK", Path("usa-pak.html"))
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import plotly.graph_objects as go
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from detente.analysis.clusters import (
    MAX_ARTICLES,
    Story,
    StoryQuery,
    count_candidates,
    find_stories,
)
from detente.analysis.dyads import (
    QUADS,
    DyadQuery,
    DyadSeries,
    dyad_article_ids,
    real_events,
    undated_reports,
)
from detente.analysis.network import Network
from detente.analysis.outlets import OutletComparison, compare_outlets, disputes
from detente.analysis.shifts import Shift, ShiftOptions, ShiftReport, detect_shifts
from detente.errors import InputError
from detente.store import Store

QUAD_COLOURS = {1: "#74c476", 2: "#238b45", 3: "#fc9272", 4: "#cb181d"}
BRIEF_STORIES = 3  # stories with outlets side by side in a brief (the busiest ones)
BRIEF_EVENTS = 10


# -- templates and filters ----------------------------------------------------------------
def safe_url(url: str | None) -> str | None:
    """``url`` when it is http(s), else None: a stored URL is untrusted (``javascript:`` would run)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def third_person(verb: str | None) -> str:
    """'deny' -> 'denies', 'accuse' -> 'accuses', 'say' -> 'says' (claim verbs are stored as lemmas)."""
    verb = (verb or "").strip()
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + ("es" if re.search(r"(s|sh|ch|x|z|o)$", verb) else "s") if verb else verb


def signed(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:+.{digits}f}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of the dashboard and the briefs; autoescape is on for every template."""
    env = Environment(loader=PackageLoader("detente.present", "web/templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(safe_url=safe_url, signed=signed, third=third_person, quad=lambda q: QUADS.get(q, "?"))
    return env


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """plotly.js from the installed plotly package (offline)."""
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs())


# -- charts -------------------------------------------------------------------------------
def figure_json(fig: go.Figure) -> str:
    """The figure as JSON safe inside a <script> element (plotly escapes <, > and / already)."""
    return str(fig.to_json()).replace("</", "<\\/")


def trend_figure(series: DyadSeries, shifts: list[Shift] = ()) -> go.Figure:  # type: ignore[assignment]
    """Cooperation up, conflict down (events by quad class) and the net index as a line."""
    x = [p.start.isoformat() for p in series.periods]
    fig = go.Figure()
    for quad in (1, 2, 3, 4):
        sign = 1 if quad < 3 else -1
        fig.add_bar(x=x, y=[sign * p.quad[quad - 1] for p in series.periods], name=QUADS[quad],
                    marker_color=QUAD_COLOURS[quad], hovertemplate="%{x}: %{customdata} events<extra></extra>",
                    customdata=[p.quad[quad - 1] for p in series.periods])
    fig.add_scatter(x=x, y=[p.index for p in series.periods], name="net index", yaxis="y2", mode="lines+markers",
                    line={"color": "#1f3b73", "width": 1.5}, connectgaps=True, marker={"size": 7},
                    hovertemplate="%{x}: index %{y:+.2f}<extra></extra>")
    for shift in shifts:
        colour = "#238b45" if shift.direction == "warming" else "#cb181d"
        fig.add_vline(x=shift.start.isoformat(), line_dash="dash", line_color=colour)
        fig.add_annotation(x=shift.start.isoformat(), y=1.0, yref="paper", yanchor="bottom", xanchor="left",
                           showarrow=False, font={"color": colour}, text=f" {shift.direction} {signed(shift.size)}")
    # A symmetric event axis puts its zero level with the index's zero.
    top = max([max(p.quad[0] + p.quad[1], p.quad[2] + p.quad[3]) for p in series.periods] + [1]) * 1.1
    q = series.query
    fig.update_layout(
        template="plotly_white", barmode="relative", height=440, margin={"l": 50, "r": 50, "t": 60, "b": 40},
        title={"text": html.escape(f"{q.a} {'↔' if q.both else '→'} {q.b}: events per {q.freq} and net index"),
               "font": {"size": 15}},
        yaxis={"title": {"text": "events (conflict below 0)"}, "range": [-top, top]},
        yaxis2={"title": {"text": "net index"}, "overlaying": "y", "side": "right", "range": [-1.1, 1.1],
                "tickmode": "array", "tickvals": [-1, -0.5, 0, 0.5, 1], "zeroline": False, "showgrid": False},
        legend={"orientation": "h", "y": -0.15}, hovermode="x unified")
    return fig


def _pairs(net: Network) -> dict[tuple[str, str], list[Any]]:
    """Both directions of each actor pair together: the lines of the network chart."""
    pairs: dict[tuple[str, str], list[Any]] = {}
    for e in net.edges:
        pairs.setdefault((min(e.source, e.target), max(e.source, e.target)), []).append(e)
    return pairs


def network_figure(net: Network, highlight: tuple[str, ...] = ()) -> go.Figure:
    """Actors on a circle; one line per pair, green for cooperation, red for conflict, thicker for more events."""
    nodes = [n["code"] for n in net.nodes]
    angle = {code: 2 * math.pi * i / max(len(nodes), 1) + math.pi for i, code in enumerate(nodes)}
    pos = {code: (math.cos(a), math.sin(a)) for code, a in angle.items()}
    fig = go.Figure()
    for (a, b), edges in _pairs(net).items():
        events = sum(e.events for e in edges)
        magnitude = sum(e.magnitude for e in edges)
        index = sum(e.intensity_sum for e in edges) / magnitude if magnitude else 0.0
        colour = "#238b45" if index > 0.1 else "#cb181d" if index < -0.1 else "#969696"
        (x0, y0), (x1, y1) = pos[a], pos[b]
        hover = "<br>".join(html.escape(f"{e.source} → {e.target}: {e.events} events, index {e.index:+.2f}")
                            for e in edges)
        fig.add_scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                        line={"color": colour, "width": 1 + 2.5 * math.log1p(events)}, opacity=0.75)
        fig.add_scatter(x=[(x0 + x1) / 2], y=[(y0 + y1) / 2], mode="markers", showlegend=False, hoverinfo="text",
                        hovertext=[hover], marker={"size": 9, "color": colour, "line": {"color": "#fff", "width": 1}})
    counts = {n["code"]: n["events"] for n in net.nodes}
    fig.add_scatter(x=[pos[c][0] for c in nodes], y=[pos[c][1] for c in nodes], mode="markers+text",
                    text=[html.escape(c) for c in nodes], textposition="top center", showlegend=False,
                    hovertext=[html.escape(f"{c}: {counts[c]} events") for c in nodes], hoverinfo="text",
                    marker={"size": [12 + 3 * math.sqrt(counts[c]) for c in nodes],
                            "color": ["#1f3b73" if c in highlight else "#6baed6" for c in nodes]})
    fig.update_layout(template="plotly_white", height=420, margin={"l": 20, "r": 20, "t": 40, "b": 20},
                      xaxis={"visible": False, "range": [-1.3, 1.3]},
                      yaxis={"visible": False, "range": [-1.3, 1.3], "scaleanchor": "x"},
                      title={"text": "who interacts with whom (green cooperation, red conflict; hover a line's dot)",
                             "font": {"size": 14}})
    return fig


# -- content --------------------------------------------------------------------------------
@dataclass(slots=True)
class BriefData:
    """Everything a brief (or the dashboard's dyad page) shows."""

    query: DyadQuery
    shifts: ShiftReport
    top_events: list[dict[str, Any]]
    disputes: list[dict[str, Any]]
    comparisons: list[OutletComparison] = field(default_factory=list)  # stories told by several outlets
    stories: list[Story] = field(default_factory=list)  # every story with an event of the dyad
    notes: list[str] = field(default_factory=list)  # what was left out, for the reader
    undated: list[dict[str, Any]] = field(default_factory=list)  # reports of undated articles, shown apart
    generated: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))

    @property
    def series(self) -> DyadSeries:
        return self.shifts.series

    @property
    def other(self) -> dict[str, int]:
        """Events left out of the index, by modality."""
        totals: dict[str, int] = {}
        for p in self.series.periods:
            for modality, n in p.other.items():
                totals[modality] = totals.get(modality, 0) + n
        return totals


def collect_brief(store: Store, q: DyadQuery, options: ShiftOptions = ShiftOptions(),
                  stories: int = BRIEF_STORIES) -> BriefData:
    """Run every analysis a brief needs for the dyad ``q``."""
    report = detect_shifts(store, q, options)
    top = real_events(store, q, order="salience", limit=BRIEF_EVENTS).items
    data = BriefData(q, report, top, disputes(store, (q.a, q.b), since=q.since, until=q.until),
                     undated=undated_reports(store, q, BRIEF_EVENTS).items)
    ids, story_query = dyad_article_ids(store, q), StoryQuery(since=q.since, until=q.until)
    candidates = count_candidates(store, story_query, ids)
    if candidates > MAX_ARTICLES:
        data.notes.append(f"Stories are not clustered: {candidates} articles in this period (limit {MAX_ARTICLES}); "
                          "choose a shorter period to compare outlets.")
        return data
    data.stories = find_stories(store, story_query, article_ids=ids)
    multi = [s for s in data.stories if len(s.outlets) > 1][:stories]
    data.comparisons = [compare_outlets(store, s, q.coder) for s in multi]
    return data


def render_html(data: BriefData) -> str:
    fig = trend_figure(data.series, data.shifts.shifts)
    return environment().get_template("brief.html").render(
        d=data, figure=figure_json(fig), plotly_js=plotly_js())


def _md(text: Any) -> Markup:
    """Untrusted text for Markdown: one line, HTML-escaped (a renderer must not run it), table-safe."""
    flat = html.escape(" ".join(str(text if text is not None else "").split()), quote=False)
    return Markup(flat.replace("|", "\\|").replace("`", "\\`").replace("[", "\\[").replace("]", "\\]"))


def render_markdown(data: BriefData) -> str:
    """The brief as Markdown; every stored text goes through ``md`` (the template autoescapes the rest)."""
    return environment().get_template("brief.md").render(d=data, md=_md)


def build_brief(store: Store, a: str, b: str, out_path: str | Path, *, freq: str = "week",
                since: dt.date | None = None, until: dt.date | None = None, coder: str | None = None) -> Path:
    """Write the brief on ``a`` and ``b`` to ``out_path`` (.html or .md) and return the path."""
    out = Path(out_path)
    if out.suffix.lower() not in (".html", ".htm", ".md"):
        raise InputError(f"Cannot write a brief to {out.name}: use a .html or .md file.")
    data = collect_brief(store, DyadQuery(a, b, freq=freq, since=since, until=until, coder=coder))  # type: ignore[arg-type]
    text = render_markdown(data) if out.suffix.lower() == ".md" else render_html(data)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out

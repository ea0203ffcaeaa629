"""The dashboard: server-rendered pages on the API's FastAPI app (Jinja2, autoescape on; Plotly).

Pages: ``/`` (pick two actors and a period: trend, shifts, events with evidence, disputes, network,
stories with outlets side by side), ``/articles/{id}`` (the text with the evidence sentence of
``?event=`` highlighted by its stored character span) and ``/stories/{id}``. plotly.js is served
from the installed plotly package at ``/static/plotly.min.js``: nothing is fetched from the network.
Stored text is untrusted and is only ever inserted escaped.

Example::

    >>> serve("detente.duckdb", port=8765)  # then open http://127.0.0.1:8765/
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from detente.analysis import (
    DyadQuery,
    NetworkQuery,
    StoryQuery,
    actor_network,
    compare_outlets,
    get_story,
    known_actors,
    real_events,
    top_dyads,
)
from detente.analysis.clusters import article_detail
from detente.analysis.dyads import parse_day
from detente.analysis.network import Network
from detente.errors import InputError
from detente.present.api import get_store
from detente.present.brief import (
    collect_brief,
    environment,
    figure_json,
    network_figure,
    plotly_js,
    trend_figure,
)
from detente.store import Store

router = APIRouter(include_in_schema=False)
EVENTS_PER_PAGE = 25


def render(template: str, http_status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(environment().get_template(template).render(**context), status_code=http_status)


def error_page(status: int, error: str, hint: str) -> HTMLResponse:
    return render("error.html", status, status=status, error=error, hint=hint)


def _int(value: str | None, name: str) -> int:
    try:
        number = int(value or 0)
    except ValueError as exc:
        raise InputError(f"{name} {value!r} is not a whole number.") from exc
    if number < 0:
        raise InputError(f"{name} must not be negative.")
    return number


@router.get("/static/plotly.min.js")
def plotly_script() -> Response:
    return Response(plotly_js(), media_type="application/javascript",
                    headers={"Cache-Control": "public, max-age=86400"})


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, db: Store = Depends(get_store)) -> HTMLResponse:
    """The dashboard: the picker, and the dyad's analyses once two actors are given."""
    p = request.query_params
    form: dict[str, Any] = {"a": (p.get("a") or "").strip().upper(), "b": (p.get("b") or "").strip().upper(),
            "since": p.get("since") or "", "until": p.get("until") or "", "freq": p.get("freq") or "week",
            "both": p.get("both", "true") != "false"}
    context: dict[str, Any] = {"form": form, "actors": known_actors(db, 300), "d": None}
    if not (form["a"] and form["b"]):
        net = actor_network(db, NetworkQuery(max_edges=500))
        context.update(pairs=top_dyads(net, 15), network=figure_json(network_figure(_busiest(net, 40))))
        return render("index.html", **context)
    q = DyadQuery(form["a"], form["b"], form["freq"], form["both"], parse_day(form["since"], "from"),
                  parse_day(form["until"], "to"))
    d = collect_brief(db, q)
    offset = _int(p.get("offset"), "offset")
    net = actor_network(db, NetworkQuery(q.since, q.until, focus=(q.a, q.b), max_edges=60))
    story_args = {k: v for k, v in (("since", form["since"]), ("until", form["until"])) if v}
    base = {k: v for k, v in form.items() if v not in ("", None)} | {"both": str(form["both"]).lower()}
    context.update(
        d=d, trend=figure_json(trend_figure(d.series, d.shifts.shifts)),
        network=figure_json(network_figure(net, (q.a, q.b))),
        events=real_events(db, q, limit=EVENTS_PER_PAGE, offset=offset),
        page_url=lambda o: "/?" + urlencode(base | {"offset": max(o, 0)}) + "#events",
        story_suffix=("?" + urlencode(story_args)) if story_args else "",
        single_stories=[s for s in d.stories if len(s.outlets) == 1][:20])
    return render("index.html", **context)


def _busiest(net: Network, edges: int) -> Network:
    """The network cut to its busiest edges, for a readable chart."""
    return Network(net.query, net.coder, net.edges[:edges])


def highlight(text: str, start: int | None, end: int | None, evidence: str | None) -> dict[str, str] | None:
    """Split ``text`` around the evidence: its stored span when that holds the evidence, else where it occurs."""
    if start is not None and end is not None and 0 <= start < end <= len(text) and (
            not evidence or " ".join(text[start:end].split()) == " ".join(evidence.split())):
        return {"before": text[:start], "mark": text[start:end], "after": text[end:]}
    at = text.find(evidence) if evidence else -1
    if at < 0:
        return None
    return {"before": text[:at], "mark": text[at:at + len(evidence or "")], "after": text[at + len(evidence or ""):]}


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, request: Request, db: Store = Depends(get_store)) -> HTMLResponse:
    """An article's text, with the evidence sentence of ``?event=`` highlighted."""
    a = article_detail(db, article_id)
    event_id = request.query_params.get("event")
    selected = next((e for e in a["events"] if e["id"] == event_id), None) if event_id else None
    if event_id and selected is None:
        raise InputError(f"Event {event_id!r} is not coded in article {a['id']}.")
    marked = highlight(a["text"] or "", selected["span_start"], selected["span_end"],
                       selected["evidence"]) if selected else None
    return render("article.html", a=a, selected=selected, highlight=marked)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: str, request: Request, db: Store = Depends(get_store)) -> HTMLResponse:
    """One story with its outlets side by side."""
    p = request.query_params
    story = get_story(db, story_id, StoryQuery(since=parse_day(p.get("since"), "from"), until=parse_day(p.get("until"), "to")))
    return render("story.html", c=compare_outlets(db, story))


def serve(db: str, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Run the API and the dashboard with uvicorn until interrupted."""
    import uvicorn

    from detente.present.api import create_app

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")

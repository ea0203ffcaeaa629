"""The read-only REST API under ``/api/`` (FastAPI); each route calls one analysis function.

The store is opened once, read-only; each request works on its own cursor (DuckDB connections
are not thread-safe, cursors of one connection are). A ``DetenteError`` becomes JSON
``{"error": ..., "hint": ...}`` with the error's ``status`` through one handler; invalid
parameters answer 422 in the same shape. OpenAPI is at ``/openapi.json``, docs at ``/docs``.

Example::

    >>> app = create_app("detente.duckdb")
    >>> # uvicorn.run(app) or TestClient(app).get("/api/dyads/USA/PAK?freq=month")
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from detente.analysis import (
    ClaimFilter,
    DyadQuery,
    EventFilter,
    NetworkQuery,
    ShiftOptions,
    StoryQuery,
    actor_network,
    compare_outlets,
    detect_shifts,
    disputes,
    dyad_series,
    find_stories,
    get_story,
    known_actors,
    list_claims,
    list_events,
    real_events,
)
from detente.analysis.clusters import article_detail, list_articles
from detente.analysis.dyads import dyad_article_ids
from detente.errors import DetenteError
from detente.export import claim_export, event_export
from detente.store import Store

Limit = Annotated[int, Query(ge=1, le=500, description="Items per page (1–500).")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
Since = Annotated[dt.date | None, Query(description="First day (YYYY-MM-DD).")]
Until = Annotated[dt.date | None, Query(description="Last day (YYYY-MM-DD).")]
Coder = Annotated[str | None, Query(description="Coder name+version (default: the most common).")]
Freq = Annotated[Literal["day", "week", "month"], Query(description="Period length.")]
Both = Annotated[bool, Query(description="Both directions (true) or A → B only (false).")]
Modality = Literal["asserted", "claimed", "denied", "hedged", "negated", "future"]  # records.MODALITIES


def _encode(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"Cannot encode {type(value).__name__} as JSON")


def as_json(data: Any) -> Response:
    """JSON straight from the standard library: the routes return plain dicts and lists, and
    skipping FastAPI's generic encoder halves the time of a large dyad series."""
    return Response(json.dumps(data, default=_encode, ensure_ascii=False), media_type="application/json")


def _cursor_store(base: Store) -> Store:
    """A Store over a fresh cursor of the shared read-only connection, for one request."""
    view = Store.__new__(Store)
    view.path = base.path
    view.con = base.con.cursor()
    return view


def get_store(request: Request) -> Iterator[Store]:
    view = _cursor_store(request.app.state.store)
    try:
        yield view
    finally:
        view.con.close()


Db = Annotated[Store, Depends(get_store)]
router = APIRouter(prefix="/api")


@router.get("/articles", summary="Stored articles (metadata), oldest first")
def articles(db: Db, limit: Limit = 50, offset: Offset = 0, outlet: str | None = None, since: Since = None,
             until: Until = None) -> Response:
    return as_json(list_articles(db, outlet=outlet, since=since, until=until, limit=limit, offset=offset).to_dict())


@router.get("/articles/{article_id}", summary="One article with its text, events and claims")
def article(db: Db, article_id: Annotated[str, PathParam(min_length=4, max_length=64)]) -> Response:
    return as_json(article_detail(db, article_id))


@router.get("/events", summary="Reported events (one per evidence sentence), newest first")
def events(db: Db, limit: Limit = 50, offset: Offset = 0, actor: str | None = None, source: str | None = None,
           target: str | None = None, type: str | None = None,
           quad_class: Annotated[int | None, Query(ge=1, le=4)] = None, modality: Modality | None = None,
           coder: Coder = None, article_id: str | None = None, since: Since = None,
           until: Until = None,
           location: Annotated[str | None, Query(description="Country where the event happened (QAT).")] = None
           ) -> Response:
    f = EventFilter(actor, source, target, type, quad_class, modality, coder, article_id, since, until, location)
    page = list_events(db, f, limit=limit, offset=offset)
    return as_json({**page.to_dict(), "items": [event_export(r) for r in page.items]})


@router.get("/claims", summary="Claims: who said, credited, accused or denied what")
def claims(db: Db, limit: Limit = 50, offset: Offset = 0, actor: str | None = None, verb: str | None = None,
           modality: Modality | None = None, disputed: bool | None = None, article_id: str | None = None,
           coder: Coder = None, since: Since = None, until: Until = None) -> Response:
    f = ClaimFilter(actor, verb, modality, disputed, article_id, coder, since, until)
    page = list_claims(db, f, limit=limit, offset=offset)
    return as_json({**page.to_dict(), "items": [claim_export(r) for r in page.items]})


def _dyad(a: str, b: str, freq: str, both: bool, since: dt.date | None, until: dt.date | None,
          coder: str | None, modality: Sequence[str] | None, historical: bool = False) -> DyadQuery:
    return DyadQuery(a, b, freq, both, since, until, coder, tuple(modality or ("asserted",)),  # type: ignore[arg-type]
                     historical=historical)


@router.get("/dyads/{a}/{b}", summary="Events per period between two actors, each real-world event once")
def dyad(db: Db, a: str, b: str, freq: Freq = "week", both: Both = True, since: Since = None, until: Until = None,
         coder: Coder = None, modality: Annotated[list[Modality] | None, Query()] = None,
         historical: Annotated[bool, Query(description="Also events dated more than a year before their article.")]
         = False) -> Response:
    return as_json(dyad_series(db, _dyad(a, b, freq, both, since, until, coder, modality, historical)).to_dict())


@router.get("/dyads/{a}/{b}/events", summary="The dyad's real-world events with the reports behind each")
def dyad_events(db: Db, a: str, b: str, limit: Limit = 50, offset: Offset = 0,
                order: Literal["date", "salience"] = "date", both: Both = True, since: Since = None,
                until: Until = None, coder: Coder = None,
                modality: Annotated[list[Modality] | None, Query()] = None) -> Response:
    q = _dyad(a, b, "week", both, since, until, coder, modality)
    return as_json(real_events(db, q, order=order, limit=limit, offset=offset).to_dict())


@router.get("/shifts", summary="Warming and cooling of a dyad, with driving events")
def shifts(db: Db, a: Annotated[str, Query(min_length=2)], b: Annotated[str, Query(min_length=2)],
           freq: Freq = "week", both: Both = True, since: Since = None, until: Until = None, coder: Coder = None,
           alpha: Annotated[float, Query(gt=0, lt=1)] = 0.05) -> Response:
    q = _dyad(a, b, freq, both, since, until, coder, None)
    return as_json(detect_shifts(db, q, ShiftOptions(alpha=alpha)).to_dict())


@router.get("/stories", summary="Stories: articles about one story across outlets")
def stories(db: Db, limit: Limit = 50, offset: Offset = 0, since: Since = None, until: Until = None,
            a: str | None = None, b: str | None = None,
            min_articles: Annotated[int, Query(ge=1)] = 1) -> Response:
    ids = dyad_article_ids(db, DyadQuery(a, b, since=since, until=until)) if a and b else None
    found = find_stories(db, StoryQuery(since=since, until=until, min_articles=min_articles), article_ids=ids)
    return as_json({"items": [s.to_dict() for s in found[offset:offset + limit]], "total": len(found),
                    "limit": limit, "offset": offset})


@router.get("/stories/{story_id}", summary="One story with its outlets side by side")
def story(db: Db, story_id: str, since: Since = None, until: Until = None, coder: Coder = None) -> Response:
    return as_json(compare_outlets(db, get_story(db, story_id, StoryQuery(since=since, until=until)), coder).to_dict())


@router.get("/network", summary="Who interacts with whom in a period, weighted and signed")
def network(db: Db, since: Since = None, until: Until = None, level: Literal["country", "code"] = "country",
            focus: Annotated[list[str] | None, Query()] = None, coder: Coder = None,
            min_events: Annotated[int, Query(ge=1)] = 1, limit: Limit = 200) -> Response:
    q = NetworkQuery(since, until, level, tuple(focus or ()), coder, min_events=min_events, max_edges=limit)
    return as_json(actor_network(db, q).to_dict())


@router.get("/disputes", summary="Claims that dispute other claims")
def dispute_pairs(db: Db, a: str | None = None, b: str | None = None, since: Since = None, until: Until = None,
                  coder: Coder = None) -> Response:
    items = disputes(db, tuple(x for x in (a, b) if x), since=since, until=until, coder=coder)
    return as_json({"items": items, "total": len(items)})


@router.get("/actors", summary="Countries and actor codes in the store, most reported first")
def actors(db: Db, limit: Limit = 500) -> Response:
    return as_json({"items": known_actors(db, limit)})


@router.get("/settings", summary="Every setting with its default and meaning (the same table as `detente settings`)")
def settings() -> Response:
    from detente.config import settings_table

    return as_json({"items": [{"setting": name, "default": default, "help": text}
                              for name, default, text in settings_table()]})


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.url.path not in ("/openapi.json",)


def _error(request: Request, status: int, error: str, hint: str, detail: Any = None) -> Response:
    if _wants_html(request):
        from detente.present.web import error_page

        return error_page(status, error, hint)
    body = {"error": error, "hint": hint}
    if detail is not None:
        body["detail"] = jsonable_encoder(detail)
    return JSONResponse(body, status_code=status)


async def on_detente_error(request: Request, exc: Exception) -> Response:
    """The one translation of library errors to HTTP: status from the error, message and hint as JSON."""
    assert isinstance(exc, DetenteError)
    return _error(request, exc.status, exc.message, exc.hint)


async def on_invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in exc.errors())
    return _error(request, 422, f"Invalid request: {problems}.", "See /docs or /openapi.json for the parameters.",
                  [{k: e[k] for k in ("loc", "msg", "type")} for e in exc.errors()])


async def on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    return _error(request, exc.status_code, str(exc.detail), "See /docs for the routes." if exc.status_code == 404 else "")


def create_app(db_path: str | Path, *, web: bool = True) -> FastAPI:
    """The FastAPI app over the store at ``db_path`` (opened read-only), with the dashboard when ``web``."""
    store = Store(db_path, read_only=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="detente", version="0.1.0", lifespan=lifespan,
                  description="Evidence-linked political event data: dyads, shifts, stories, outlets, claims.")
    app.state.store = store
    app.add_exception_handler(DetenteError, on_detente_error)
    app.add_exception_handler(RequestValidationError, on_invalid)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.include_router(router)
    if web:
        from detente.present.web import router as web_router

        app.include_router(web_router)
    return app

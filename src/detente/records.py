"""The records that flow between stages: one type per stage boundary.

``RawDocument`` (sources) -> ``Article`` or ``Rejected`` (extract) -> ``Parsed`` (nlp)
-> ``Event`` and ``Claim`` (coding) -> store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SourceKind = Literal["file", "jsonl", "feed", "warc", "eventfile"]
Modality = Literal["asserted", "claimed", "denied", "hedged", "negated", "future"]
MODALITIES: tuple[str, ...] = ("asserted", "claimed", "denied", "hedged", "negated", "future")


def stable_id(*parts: str, length: int = 16) -> str:
    """A short, stable hex id from text parts (the same input always gives the same id)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as a source found it, before extraction."""

    uri: str
    content: bytes | str
    content_type: str  # "html", "text" or "record" (a JSON object already split into fields)
    source_kind: SourceKind = "file"
    fetched_at: dt.datetime | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not become an article, with the reason (counted, never raised)."""

    uri: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned news article: what every later stage reads."""

    id: str
    source_uri: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    paragraphs: tuple[str, ...] = ()
    relays: tuple[str, ...] = ()
    duplicate_of: str | None = None
    removed: tuple[str, ...] = ()  # boilerplate paragraphs taken out, kept for audit
    date_source: str | None = None  # where ``published`` came from: metadata, url, text, user
    warnings: tuple[str, ...] = ()  # what extraction refused ("metadata date 2031-01-01 is after ...")

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        for key in ("authors", "paragraphs", "relays", "removed", "warnings"):
            row[key] = list(row[key])
        return row


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as resolved in one mention: CAMEO-style code plus its parts."""

    code: str | None  # e.g. "PAKGOV", "USABUS", "UN"
    country: str | None  # ISO alpha-3 or IGO acronym
    sector: str | None  # GOV, MIL, BUS ... or None
    text: str  # the surface words
    # How the country was found (``RESOLVED_BY``) and how sure that step is, when it is known.
    resolved_by: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "country": self.country, "sector": self.sector, "text": self.text,
                "resolved_by": self.resolved_by, "confidence": self.confidence}


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened, as the sentence (or the article's dateline) says."""

    text: str  # the words: "Doha", "the White House"
    country: str | None  # ISO alpha-3 from the actor dictionary, or None for a place it does not know
    place: str | None  # the dictionary's name of the place
    source: str  # sentence or dateline

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "country": self.country, "place": self.place, "source": self.source}


@dataclass(frozen=True, slots=True)
class Event:
    """One coded PLOVER event with its evidence."""

    id: str
    article_id: str
    sentence: int
    span: tuple[int, int]  # character offsets of the evidence sentence in Article.text
    evidence: str
    date: dt.date | None
    source: ActorRef
    target: ActorRef
    type: str
    mode: str | None
    quad_class: int
    intensity: float
    modality: str
    attributed_to: str | None
    coder: str
    confidence: float
    trigger: str = ""
    # ``date`` is when the event happened: the sentence's own date when it gives one ("on Monday",
    # "in 1971"; ``date_precision`` day/week/month/year), else the article's (``article``).
    article_date: dt.date | None = None
    date_precision: str | None = None
    historical: bool = False  # dated more than a year before its article
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """Who said, credited, accused or denied what; ``disputes`` links a denial to its claim."""

    id: str
    article_id: str
    sentence: int
    evidence: str
    speaker: ActorRef
    verb: str
    content: str
    modality: str
    subjects: tuple[ActorRef, ...] = ()
    disputes: str | None = None
    coder: str = ""


@dataclass(slots=True)
class RunReport:
    """What one ingest run did; printed by the CLI and stored in ``runs``."""

    run_id: str
    added: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    events: int = 0
    claims: int = 0
    recoded: int = 0  # stored articles coded by this run's coder for the first time
    undated: int = 0  # added articles with no date found (and none supplied with ``ingest.date``)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (source uri, what was refused)

    @property
    def seen(self) -> int:
        return self.added + self.unchanged + self.duplicates + len(self.rejected)

"""An article's date and where it came from: metadata, the URL, or a line of its text.

In order: the source's own metadata (a JSONL ``published``/``date`` field, or what trafilatura's
htmldate read from the HTML), a date in the URL path (``/2025/12/03/``, ``/2025-12-03/``,
``/20251203``), then a "Published: ..."/"Updated: ..." line or a dateline ("DHAKA, Dec 3, 2025 —")
in the first paragraphs. A date after the day of ingest or before 1900 is refused with a warning
and the next evidence is tried. With none, the article stays undated (``source`` is ``None``)
unless the user supplied a date for the batch (``user``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from detente.extract.fields import parse_date

_URL_DATE = re.compile(r"[/_-]((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_DAY_MONTH_YEAR = rf"(?:\d{{1,2}}\s+{_MONTH},?\s+(?:19|20)\d\d|{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)"
_PUBLISHED = re.compile(rf"^(?:Published|Posted|Updated|Last updated|Date)\s*(?:on|at)?\s*:?\s*(?:\w+day,?\s+)?"
                        rf"({_DAY_MONTH_YEAR})", re.IGNORECASE)
_DATELINE = re.compile(rf"^[A-Z][A-Za-z .'-]{{1,40}},\s*(?:\w+day,?\s+)?({_DAY_MONTH_YEAR})\s*(?:\([^)]{{1,40}}\))?\s*[-–—:]")
_OPENING = re.compile(rf"^(?:\w+day,?\s+)?({_DAY_MONTH_YEAR})\b")
EARLIEST = dt.date(1900, 1, 1)


@dataclass(frozen=True, slots=True)
class Dated:
    date: dt.date | None
    source: str | None  # metadata, url, text, user; None when undated
    warnings: tuple[str, ...] = field(default=())


def date_article(published: object, url: str | None, paragraphs: list[str], *, today: dt.date | None = None,
                 fallback: dt.date | None = None) -> Dated:
    """The article's date with its evidence (``fallback``: the user's date for an undated batch)."""
    today = today or dt.date.today()
    warnings: list[str] = []
    for source, candidate in (("metadata", parse_date(published)), ("url", _from_url(url)),
                              ("text", _from_text(paragraphs))):
        if candidate is None:
            continue
        if candidate > today or candidate < EARLIEST:
            warnings.append(f"{source} date {candidate.isoformat()} is "
                            f"{'after the day of ingest' if candidate > today else 'before 1900'}; ignored")
            continue
        return Dated(candidate, source, tuple(warnings))
    return Dated(fallback, "user" if fallback else None, tuple(warnings))


def _from_url(url: str | None) -> dt.date | None:
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _from_text(paragraphs: list[str]) -> dt.date | None:
    for paragraph in paragraphs[:3]:
        head = paragraph.strip()[:160]
        for pattern in (_PUBLISHED, _DATELINE, _OPENING):
            match = pattern.match(head)
            if match:
                return parse_date(match.group(1))
    return None

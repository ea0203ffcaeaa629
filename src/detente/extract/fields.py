"""Normalising the metadata fields every article source supplies: dates, authors, URLs."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from dateutil import parser as date_parser

_MISSING = {"", "none", "null", "unknown", "n/a", "nan"}
# Query parameters that only track a click; dropping them gives one id per article URL.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$", re.IGNORECASE)


def parse_date(value: object) -> dt.date | None:
    """A date from ISO strings, datetimes or loose news formats; ``None`` when unknown."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if text.lower() in _MISSING:
        return None
    try:
        parsed = date_parser.parse(text, fuzzy=True, default=dt.datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed.year > 1 else None  # year 1: the text named no year


def parse_authors(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else re.split(r"\s*(?:;|,| and )\s*", str(value))
    return tuple(a.strip() for a in items if str(a).strip() and str(a).strip().lower() not in _MISSING)


def canonical_url(url: str | None) -> str | None:
    """Lower-cased scheme and host, no fragment, no tracking parameters, no trailing slash."""
    if not url or not str(url).strip():
        return None
    parts = urlsplit(str(url).strip())
    if not parts.netloc:
        return None
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit((parts.scheme.lower() or "https", host, parts.path.rstrip("/") or "/", query, ""))


def normalise_text(text: str) -> str:
    """Text reduced to lower-case words, for exact-duplicate hashing."""
    return " ".join(re.findall(r"\w+", text.lower()))

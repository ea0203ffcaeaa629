"""When an event happened: the date expression attached to its trigger, resolved against the
article's date ("on Monday", "last week", "in March", "in 1971", "yesterday", "the 1971 war").

A DATE entity of the sentence dates the event when it hangs on the trigger (within three steps up
the parse: "met on Monday", "talks held last week", "the 1971 war") and names a point in time,
not a length of time ("two days", "the past five years"). Relative expressions need the article's
date; explicit ones ("3 March 2024", "in 1971") do not. Past is preferred, unless the event is in
the future ("will meet on Monday"). The result keeps its precision: day, week, month or year
(a month- or year-precise date is its first day).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from detente.coding.attach import hangs_on

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PRECISIONS = ("day", "week", "month", "year")
# Events more than this before their article are historical: left out of current trends by default.
HISTORICAL_DAYS = 365
# A length of time, not a point in it: "two days", "the past five years", "decades".
_DURATION = re.compile(r"\b(hours|days|weeks|months|years|decades|centuries|daily|weekly|monthly|annual|annually)$",
                       re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_AGE = re.compile(r"-year-old|\bold\b|\bage", re.IGNORECASE)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_TODAY = re.compile(r"\b(today|tonight|this morning|this afternoon|this evening)\b", re.IGNORECASE)
_LEADING = re.compile(r"^(?:(?:on|in|at|by|during|since|from|of|the|last|this|past)\s+)+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EventDate:
    date: dt.date
    precision: str  # one of PRECISIONS
    text: str  # the date expression of the sentence

    def historical(self, article_date: dt.date | None) -> bool:
        return article_date is not None and (article_date - self.date).days > HISTORICAL_DAYS


@lru_cache(maxsize=64)
def _parser(prefer: str, base: dt.date) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True,
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time())})


def resolve_date(text: str, article_date: dt.date | None, *, future: bool = False) -> EventDate | None:
    """A date expression as an ``EventDate``, relative to ``article_date``; ``None`` when it names no
    point in time or needs an article date that is unknown."""
    words = " ".join(text.split())
    if not words or _DURATION.search(words) and "ago" not in words.lower() or _AGE.search(words):
        return None
    explicit = _YEAR.search(words) is not None
    if article_date is None and not explicit:
        return None
    if article_date is not None and not explicit:
        if _TODAY.search(words):
            return EventDate(article_date, "day", words)
        weekday = _WEEKDAY.search(words)
        if weekday and not re.search(r"\b(last|next|ago)\b", words, re.IGNORECASE):
            # "on Tuesday" in Tuesday's paper is that day, not a week before (dateparser's "past")
            wanted = WEEKDAYS.index(weekday.group(1).lower()[:3])
            shift = (wanted - article_date.weekday()) % 7 if future else -((article_date.weekday() - wanted) % 7)
            return EventDate(article_date + dt.timedelta(days=shift), "day", words)
    parser = _parser("future" if future else "past", article_date or dt.date(2000, 1, 1))
    data = None
    for candidate in (words, _LEADING.sub("", words)):  # "last March" -> "March"
        if candidate:
            data = parser.get_date_data(candidate)
            if data.date_obj is not None:
                break
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    precision = {"time": "day", "part_of_day": "day"}.get(data.period, data.period)
    if precision not in PRECISIONS:
        return None
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = day.replace(month=1, day=1)
    if article_date and not future and day > article_date and precision != "year":
        return None  # a past event dated after its article: a misreading
    return EventDate(day, precision, words)


def event_date(trigger: Token, sentence: Span, article_date: dt.date | None, *, future: bool = False
               ) -> EventDate | None:
    """The date of the event whose trigger is ``trigger``, when the sentence gives one."""
    for ent in sentence.ents:
        if ent.label_ == "DATE" and hangs_on(ent, trigger):
            found = resolve_date(ent.text, article_date, future=future)
            if found is not None:
                return found
    return None


def dating(trigger: Token | None, sentence: Span, article_date: dt.date | None, *, future: bool = False
           ) -> dict[str, Any]:
    """The date fields of an ``Event`` (``date``, ``article_date``, ``date_precision``, ``historical``)."""
    found = event_date(trigger, sentence, article_date, future=future) if trigger is not None else None
    if found is None:
        return {"date": article_date, "article_date": article_date,
                "date_precision": "article" if article_date else None, "historical": False}
    return {"date": found.date, "article_date": article_date, "date_precision": found.precision,
            "historical": found.historical(article_date)}

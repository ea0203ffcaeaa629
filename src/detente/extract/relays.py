"""Relayed sources: outlets an article re-reports ("Foreign Policy reports ...", "according to Reuters")."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

# A capitalised name of one to five words ("The Washington Post", "Foreign Policy").
# A dot only inside a word ("bdnews24.com", "U.S."), never a sentence's full stop.
_WORD = r"[A-Z][\w&'-]*(?:\.[\w&'-]+)*"
_NAME = rf"((?:The\s)?{_WORD}(?:\s(?:of\s|de\s)?{_WORD}){{0,4}})"
_REPORT_VERB = r"(?:reports?|reported|has reported|notes|noted|wrote|writes|said in a report|revealed|has released|published)"


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], str]:
    raw = yaml.safe_load(resources.files("detente.data").joinpath("outlets.yaml").read_text("utf-8"))
    nouns = "|".join(sorted((re.escape(n) for n in raw["outlet_nouns"]), key=len, reverse=True))
    return frozenset(name.lower() for name in raw["outlets"]), nouns


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    _, nouns = _tables()
    noun = rf"(?:\s(?P<noun>{nouns}))?"
    return (
        re.compile(rf"\b[Aa]ccording to (?:a |an |the )?(?:(?:new |recent |latest )?(?:report|article|story|analysis) (?:by|in|from) )?{_NAME}{noun}"),
        re.compile(rf"\b[Aa]s (?:first )?(?:reported|revealed) by {_NAME}{noun}"),
        re.compile(rf"\b(?:told|[Ii]n an interview with) {_NAME}{noun}"),
        re.compile(rf"\b(?:report|piece|article|story|analysis) by [A-Z][\w.' -]{{2,40}}? for {_NAME}{noun}"),
        re.compile(rf"{_NAME}{noun},?\s(?:\w+ly\s)?{_REPORT_VERB}\b"),
        re.compile(rf"\b(?:the\s)?(?P<noun2>{nouns}) {_NAME}\s{_REPORT_VERB}"),
    )


def find_relays(text: str, own_outlet: str | None = None) -> tuple[str, ...]:
    """Outlets that ``text`` relays, in order of first mention, excluding its own outlet."""
    known, _ = _tables()
    own = (own_outlet or "").lower()
    found: dict[str, None] = {}
    for pattern in _patterns():
        for match in pattern.finditer(text):
            name = match.group(1).strip().rstrip(".")  # the name class takes dots (bdnews24.com), not a full stop
            if name.startswith("The ") and name.lower() not in known and name[4:].lower() in known:
                name = name[4:]
            has_noun = bool(match.groupdict().get("noun") or match.groupdict().get("noun2"))
            if (name.lower() in known or has_noun) and name.lower() != own:
                found.setdefault(name, None)
    return tuple(sorted(found, key=text.find))

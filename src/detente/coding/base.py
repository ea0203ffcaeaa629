"""The coder seam: what every event coder is handed and what it must give back.

The nlp and actor stages parse an article once and resolve its dictionary mentions
(``Parsed``); every coder reads that same parse. A coder has a versioned ``name`` that changes
whenever its output would (``plover.rules.v2``, ``plover.learned.v1+1a2b3c4d``): stored events
record it, and the store re-codes articles when the default coder's name changes.

Example::

    >>> coder = get_coder(settings)                     # an EventCoder
    >>> parsed = next(Parser(settings).pipe([article]))
    >>> [e.type for e in coder.code(parsed)]
    ['CONSULT']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from detente.actors.gazetteer import PLACE_NAME_KINDS
from detente.records import Event

if TYPE_CHECKING:
    from detente.actors.resolver import Mention
    from detente.nlp import Parsed

# Short names of the coder families (``--coder rules|learned``).
# ``plover.rules.v1`` is the rules coder's name before its actor stage changed (stored rows keep it).
ALIASES = {"rules": "plover.rules.v2", "learned": "plover.learned.v1", "plover.rules.v1": "plover.rules.v2"}


def coder_family(name: str) -> str:
    """The family a coder name or alias names: ``learned`` and ``plover.learned.v1+1a2b3c4d`` ->
    ``plover.learned.v1`` (a model hash after ``+`` tells versions of one family apart)."""
    return ALIASES.get(name, name).split("+", 1)[0]


@dataclass(frozen=True, slots=True)
class Context:
    """What coding one sentence needs to know about its article."""

    article_id: str
    date: dt.date | None
    outlet: str | None
    mentions: dict[int, Mention]
    home: str | None = None  # the country the article is mostly about (``with_home``), when one clearly is

    @classmethod
    def of(cls, parsed: Parsed, *, with_home: bool = False) -> Context:
        article = parsed.article
        home = home_country(parsed.mentions) if with_home else None
        return cls(article.id, article.published, article.outlet, parsed.mentions, home)


# Kinds of mention that place an article or a sentence in a country ("Dhaka", "Bangladeshi", "Yunus";
# "Congress is pressuring Obama to help Iran" names two countries, so "Congress" gets none).
HOME_KINDS = PLACE_NAME_KINDS | {"adjective", "people", "person"}


def home_country(mentions: dict[int, Mention], *, least: int = 2, share: float = 0.5) -> str | None:
    """The country named by most of an article's mentions: at least ``least``, and over ``share`` of them.

    The article's own words, never its outlet, place it: a Dhaka paper's story on Gaza is about Gaza.
    """
    counts: dict[str, int] = {}
    for mention in {id(m): m for m in mentions.values()}.values():
        entry = mention.entries[0]
        if entry.kind in HOME_KINDS and entry.country:
            counts[entry.country] = counts.get(entry.country, 0) + 1
    if not counts:
        return None
    country, top = max(counts.items(), key=lambda kv: kv[1])
    return country if top >= least and top > share * sum(counts.values()) else None


@runtime_checkable
class EventCoder(Protocol):
    """Codes parsed articles into PLOVER events; never parses or builds a resolver of its own."""

    name: str

    def code(self, parsed: Parsed) -> list[Event]:
        """The events of one parsed article."""
        ...

    def pipe(self, stream: Iterable[Parsed], *, batch_size: int = 32) -> Iterator[list[Event]]:
        """The events of each parsed article, in order (a coder may batch its model calls)."""
        ...

"""Where an event happened: a place the sentence attaches to its trigger ("talks in Doha", "an
attack at the White House"), else the article's dateline ("DHAKA, Dec 3 —", "ISLAMABAD (Dunya
News) –"). The place's country comes from the actor dictionary (cities, capitals, regions,
countries), else from the world's cities (``actors.places``, preferring the article's own
country where a name is shared); a place neither knows keeps its words and no country.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from detente.actors.gazetteer import PLACE_NAME_KINDS
from detente.actors.places import place_country
from detente.coding.attach import hangs_on
from detente.records import Location

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.coding.base import Context

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Prepositions that place an event ("in Doha", "at the border", "near Kabul"); not "from", "to" or
# "on" ("sanctions on Russia" are not in Russia).
PLACE_PREPS = {"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around"}
_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z.'-]+(?:[ -][A-Z][A-Za-z.'-]+){0,2})\s*(?:,|\(|[-–—:])")


def event_location(trigger: Token | None, sentence: Span, context: Context) -> Location | None:
    """The event's place, from the sentence or the dateline, or ``None``."""
    for ent in sentence.ents:
        root = ent.root
        if (trigger is not None and ent.label_ in PLACE_LABELS and root.dep_ == "pobj"
                and root.head.lower_ in PLACE_PREPS and hangs_on(ent, trigger)):
            country, place = _known(ent, context)
            if country is None and ent.label_ == "GPE":
                country = place_country(_bare(ent.text), context.home)
            return Location(ent.text, country, place or _bare(ent.text), "sentence")
    return dateline(sentence.doc.text, context.home)


def dateline(text: str, home: str | None = None) -> Location | None:
    """The place of an article's dateline ("DHAKA, Dec 3 —"), when it is a known city."""
    match = _DATELINE.match(text[:120])
    if not match:
        return None
    words = match.group(1)
    country = place_country(words, home)
    return Location(words, country, words.title() if words.isupper() else words, "dateline") if country else None


def _known(span: Span, context: Context) -> tuple[str | None, str | None]:
    for token in span:
        mention = context.mentions.get(token.i)
        if mention is not None:
            entry = next((e for e in mention.entries if e.kind in PLACE_NAME_KINDS), None)
            if entry is not None and entry.country:
                return entry.country, entry.name
    return None, None


def _bare(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text

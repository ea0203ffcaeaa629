"""Actor words the model marked -> ``ActorRef``, through the shared resolver first.

In order: the resolver on the phrase's head (dictionary mentions, "Pakistani troops", "officials
from Kabul"), a dictionary mention inside the words, the lexicon of actor words learned from the
training data (only words that meant one actor in at least 3 of 4 annotations), the model's own
country head when it is sure enough (``DecodeOptions.country_threshold``), and last, for an
agent noun or a pronoun, the one country the rest of the sentence names ("Police in Dhaka
arrested ...", "He told Indian reporters ..."), else the country the whole article is about
(``Context.home``). Otherwise the actor stays visibly uncoded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from detente.actors.resolver import PRONOUNS, actor_code
from detente.coding.base import Context
from detente.coding.learned.decode import Party
from detente.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Span

    from detente.actors import Resolver

# Mentions that tell which country a sentence is about.
PLACE_KINDS = {"country", "capital", "city", "adjective", "people"}


def normalise(text: str) -> str:
    """Lexicon key of actor words: lower case, single spaces, no leading 'the'."""
    text = " ".join(text.split()).lower()
    return text[4:] if text.startswith("the ") else text


class SpanResolver:
    def __init__(self, resolver: Resolver, lexicon: dict[str, list[Any]]) -> None:
        self.resolver = resolver
        self.lexicon = lexicon

    def resolve(self, sentence: Span, party: Party, context: Context, threshold: float = 1.01) -> ActorRef | None:
        chars = party.chars
        words = sentence.text[chars[0] : chars[1]]
        span = sentence.char_span(chars[0], chars[1], alignment_mode="expand")
        if span is None or not len(span):
            return None
        head = span.root
        actor = self.resolver.resolve(head, context.mentions, context.date)
        if actor is not None and actor.country:
            return ActorRef(actor.code, actor.country, actor.sector, words)
        for token in span:
            mention = context.mentions.get(token.i)
            if mention is not None:
                inner = self.resolver.entry_actor(mention, words, context.date)
                if inner.country:
                    sector = inner.sector or (actor.sector if actor else None)
                    return ActorRef(actor_code(inner.country, sector), inner.country, sector, words)
        known = self.lexicon.get(normalise(words))
        if known:
            return ActorRef(actor_code(known[0], known[1]), known[0], known[1], words)
        sector = actor.sector if actor else self.resolver.sector(head)
        if party.country and party.probability >= threshold:
            return ActorRef(actor_code(party.country, sector), party.country, sector, words)
        named = head.pos_ == "PROPN" and head.ent_type_ in {"PERSON", "ORG", "NORP"}
        if sector or named or head.lower_ in PRONOUNS:
            home = self._home(sentence, span, context) or context.home
            if home:
                return ActorRef(actor_code(home, sector), home, sector, words)
        return ActorRef(actor_code(None, sector), None, sector, words)

    @staticmethod
    def _home(sentence: Span, span: Span, context: Context) -> str | None:
        """The one country the sentence names outside ``span``, if it names exactly one."""
        countries = set()
        for token in sentence:
            if span.start <= token.i < span.end:
                continue
            mention = context.mentions.get(token.i)
            if mention is not None:
                entry = mention.entries[0]
                if entry.kind in PLACE_KINDS and entry.country:
                    countries.add(entry.country)
        return countries.pop() if len(countries) == 1 else None

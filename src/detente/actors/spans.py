"""Actor words of a sentence -> ``ActorRef``, with the article as context.

A coder that marks the exact words of an actor (the learned coder; the actor evaluation) resolves
them here, in order: the resolver on the phrase's head (dictionary mentions, "Pakistani troops",
"officials from Kabul"), a dictionary mention inside the words, the lexicon of actor words learned
from the training data (only words that meant one actor in at least 3 of 4 annotations), a country
the caller vouches for (the learned coder's country head when it is sure enough), and last, for an
agent noun, a named person or body, or a pronoun, the one country the rest of the sentence names
("Police in Dhaka arrested ...", "He told Indian reporters ..."), else the country the whole
article is about (``Context.home``). Otherwise the actor stays visibly uncoded.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from detente.actors.gazetteer import PLACE_NAME_KINDS
from detente.actors.resolver import CONFIDENCE, PRONOUNS, actor_code
from detente.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from detente.actors import Resolver
    from detente.coding.base import Context

# Mentions that tell which country a sentence is about.
PLACE_KINDS = PLACE_NAME_KINDS | {"adjective", "people"}


def normalise(text: str) -> str:
    """Lexicon key of actor words: lower case, single spaces, no leading 'the'."""
    text = " ".join(text.split()).lower()
    return text.removeprefix("the ")


def locate(text: str, words: str, near: int | None = None) -> tuple[int, int] | None:
    """Character span of ``words`` in ``text`` (the occurrence nearest ``near`` if given)."""
    if not words:
        return None
    starts = []
    at = text.find(words)
    while at >= 0:
        starts.append(at)
        at = text.find(words, at + 1)
    if not starts:
        return None
    start = starts[0] if near is None else min(starts, key=lambda s: abs(s - near))
    return start, start + len(words)


class SpanResolver:
    def __init__(self, resolver: Resolver, lexicon: dict[str, list[Any]]) -> None:
        self.resolver = resolver
        self.lexicon = lexicon
        self._names: tuple[Doc, dict[str, tuple[str, str | None]]] | None = None  # the last article's

    def resolve(self, sentence: Span, chars: tuple[int, int], context: Context,
                vouched: tuple[str, float] | None = None) -> ActorRef | None:
        """The actor of ``sentence.text[chars[0]:chars[1]]``; ``vouched`` is a country (and how sure)
        the caller trusts when the dictionary and the lexicon know nothing."""
        actor = self._resolve(sentence, chars, context, vouched[0] if vouched else None)
        if actor is None or actor.country is None:
            return actor
        country = self.resolver.gazetteer.as_of(actor.country, context.date)  # "Moscow" in 1987 is SUN
        sure = round(vouched[1], 3) if vouched and actor.resolved_by == "model" else CONFIDENCE.get(
            actor.resolved_by or "")
        return replace(actor, code=actor_code(country, actor.sector), country=country, confidence=sure)

    def _resolve(self, sentence: Span, chars: tuple[int, int], context: Context,
                 vouched: str | None) -> ActorRef | None:
        words = sentence.text[chars[0] : chars[1]]
        span = sentence.char_span(chars[0], chars[1], alignment_mode="expand")
        if span is None or not len(span):
            return None
        head = span.root
        actor = self.resolver.resolve(head, context.mentions, context.date)
        if actor is not None and actor.country:
            return ActorRef(actor.code, actor.country, actor.sector, words, actor.resolved_by)
        for token in span:
            mention = context.mentions.get(token.i)
            if mention is not None:
                inner = self.resolver.entry_actor(mention, words, context.date)
                if inner.country:
                    sector = inner.sector or (actor.sector if actor else None)
                    return ActorRef(actor_code(inner.country, sector), inner.country, sector, words, "dictionary")
        known = self.lexicon.get(normalise(words))
        if known:
            return ActorRef(actor_code(known[0], known[1]), known[0], known[1], words, "lexicon")
        titled = head.pos_ == "NOUN" and any(c.lower_ == "the" for c in head.children) and len(span) <= 3
        earlier = self._named(sentence.doc, context).get(head.lower_) if head.pos_ == "PROPN" or titled else None
        if earlier:  # "Dar" or "the minister" after "Pakistan's Foreign Minister Ishaq Dar"
            return ActorRef(actor_code(*earlier), *earlier, words, "article")
        sector = actor.sector if actor else self.resolver.sector(head)
        if vouched:
            return ActorRef(actor_code(vouched, sector), vouched, sector, words, "model")
        named = head.pos_ == "PROPN" and head.ent_type_ in {"PERSON", "ORG", "NORP"}
        if sector or named or head.lower_ in PRONOUNS:
            home = self._home(sentence, span, context)
            if home:
                return ActorRef(actor_code(home, sector), home, sector, words, "sentence")
            if context.home:
                return ActorRef(actor_code(context.home, sector), context.home, sector, words, "home")
        return ActorRef(actor_code(None, sector), None, sector, words)

    def _named(self, doc: Doc, context: Context) -> dict[str, tuple[str, str | None]]:
        """Last word of each person or body the article places somewhere, and the title it gave a
        person ("minister" of "Foreign Minister Ishaq Dar") -> (country, sector), for the words
        that the article places in one country only."""
        if self._names is not None and self._names[0] is doc:
            return self._names[1]
        found: dict[str, set[tuple[str, str | None]]] = {}
        agents = self.resolver.gazetteer.agents
        for ent in doc.ents:
            if ent.label_ in {"PERSON", "ORG"} and ent.root.pos_ == "PROPN":
                actor = self.resolver.resolve(ent.root, context.mentions, context.date)
                if actor is not None and actor.country:
                    found.setdefault(ent.root.lower_, set()).add((actor.country, actor.sector))
                    titles = [t for t in doc[max(0, ent.start - 3) : ent.start] if t.lower_ in agents]
                    for title in titles[-1:] if ent.label_ == "PERSON" else ():
                        found.setdefault(title.lower_, set()).add((actor.country, actor.sector))
        names = {name: next(iter(codes)) for name, codes in found.items() if len({c for c, _ in codes}) == 1}
        self._names = (doc, names)
        return names

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

"""Event coding: PLOVER events with modality, and claims with disputes.

Coders are registered under versioned names; a changed behaviour gets a new version, and every
stored event records the coder that made it. ``get_coder`` gives the one ``EventCoder`` seam;
``Coding`` is the stage that parses once and runs the event coder and the claims component.
Short names select a coder family: ``rules`` and ``learned``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from detente.coding.base import EventCoder, coder_family
from detente.config import Settings
from detente.errors import ConfigError
from detente.records import Article, Claim, Event

if TYPE_CHECKING:  # spaCy is imported only when a coder is built: analysis and the API never need it
    from detente.nlp import Parsed, Parser

Factory = Callable[[Settings, "Parser"], EventCoder]
CODERS: dict[str, Factory] = {}


def register_coder(name: str) -> Callable[[Factory], Factory]:
    def wrap(factory: Factory) -> Factory:
        CODERS[name] = factory
        return factory

    return wrap


@register_coder("plover.rules.v2")
def _rules_v2(settings: Settings, parser: Parser) -> EventCoder:
    from detente.coding.coder import RulesCoder

    return RulesCoder(parser.resolver)


@register_coder("plover.learned.v1")
def _learned_v1(settings: Settings, parser: Parser) -> EventCoder:
    from detente.coding.learned import LearnedCoder

    return LearnedCoder(settings, parser.resolver)


_PARSERS: dict[tuple[object, ...], Parser] = {}


def shared_parser(settings: Settings) -> Parser:
    """One parser (spaCy model and actor dictionary) per such settings, shared by every coder."""
    from detente.nlp import Parser

    key = (settings.nlp.model_dump_json(), settings.actors.model_dump_json())
    if key not in _PARSERS:
        _PARSERS[key] = Parser(settings)
    return _PARSERS[key]


def get_coder(settings: Settings, name: str | None = None) -> EventCoder:
    """The event coder named by ``name`` or by ``settings.coding.coder`` (an alias, family or version)."""
    wanted = name or settings.coding.coder
    family = coder_family(wanted)
    if family not in CODERS:
        raise ConfigError(f"Unknown coder {wanted!r}; choose rules, learned or one of: {', '.join(sorted(CODERS))}.",
                          hint="Set coding.coder in detente.toml, DETENTE_CODING_CODER or --coder.")
    return CODERS[family](settings, shared_parser(settings))


class Coding:
    """The coding stage: parse each article once, then code its events and extract its claims."""

    def __init__(self, settings: Settings, coder: EventCoder | None = None) -> None:
        from detente.coding.claims import ClaimExtractor

        self.settings = settings
        self.parser = shared_parser(settings)
        self.coder = coder or get_coder(settings)
        # A coder that can guess an actor's country (the learned one's country head) lends it to the
        # claims component for speakers the resolver and the article do not place.
        self.claims = ClaimExtractor(self.parser.resolver, getattr(self.coder, "vouch", None))

    @property
    def name(self) -> str:
        return self.coder.name

    def code_articles(self, articles: Sequence[Article]) -> tuple[list[Event], list[Claim]]:
        english = [a for a in articles if a.language in (None, "en") and a.text]
        return self.code_parsed(self.parser.pipe(english))

    def code_parsed(self, parsed: Iterable[Parsed]) -> tuple[list[Event], list[Claim]]:
        """Events and claims of parsed articles; a lazy stream lets a coder overlap its work with parsing."""
        seen: list[Parsed] = []

        def kept(stream: Iterable[Parsed]) -> Iterator[Parsed]:
            for item in stream:
                seen.append(item)
                yield item

        events = [e for found in self.coder.pipe(kept(parsed), batch_size=self.settings.nlp.batch_size) for e in found]
        claims = [c for item in seen for c in self.claims.extract(item, self.coder.name)]
        return events, claims


__all__ = ["Coding", "EventCoder", "coder_family", "get_coder", "register_coder", "shared_parser"]

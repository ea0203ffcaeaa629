"""Tone toward an actor: the mean VADER compound score of the sentences that mention it.

VADER (Hutto & Gilbert 2014, package ``vaderSentiment``) is a lexicon and rule-based scorer that
runs offline; its compound score is in [−1, 1] (below −0.05 negative, above 0.05 positive by the
authors' convention). The tone of an outlet toward an actor is the mean compound score over the
outlet's sentences that name the actor by any of its surface forms (the words the coder resolved
to it in those articles, plus the country's names, adjectives and demonyms from the actor
dictionary). It measures the wording around an actor, not a stance: "Pakistan condemned the
attack" scores negative although Pakistan is not criticised. Compare outlets on the same story,
where the events are shared and the wording is what differs.

Example::

    >>> actor_tone(["Pakistan welcomed the US role warmly."], {"Pakistan"}).mean
    0.7...
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# A sentence ends at . ! or ? followed by space and a capital, digit or opening quote.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[A-Z0-9\"“‘(])")


@dataclass(frozen=True, slots=True)
class Tone:
    mean: float | None  # None when no sentence mentions the actor
    sentences: int

    def to_dict(self) -> dict[str, Any]:
        return {"mean": self.mean, "sentences": self.sentences}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (a line break ends a sentence too)."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        base, body = para.start(), para.group()
        starts = [0, *(m.end() for m in _SENTENCE_END.finditer(body))]
        ends = [*(m.start() for m in _SENTENCE_END.finditer(body)), len(body.rstrip())]
        spans += [(base + s, base + e) for s, e in zip(starts, ends) if body[s:e].strip()]
    return spans


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_tone(sentence: str) -> float:
    """VADER compound score of one sentence, in [−1, 1]."""
    return float(_analyzer().polarity_scores(sentence)["compound"])


def mention_pattern(aliases: Iterable[str]) -> re.Pattern[str] | None:
    """A case-sensitive regex matching any alias as whole words (longest first); None for no aliases.

    Case matters: the alias "US" must not match the pronoun "us".
    """
    forms = sorted({a.strip() for a in aliases if a and len(a.strip()) > 1}, key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")


def actor_tone(texts: Iterable[str], aliases: Iterable[str]) -> Tone:
    """Mean compound score of the sentences of ``texts`` that mention one of ``aliases``."""
    pattern = mention_pattern(aliases)
    if pattern is None:
        return Tone(None, 0)
    scores = [sentence_tone(text[s:e]) for text in texts for s, e in split_sentences(text)
              if pattern.search(text[s:e])]
    return Tone(sum(scores) / len(scores) if scores else None, len(scores))


@lru_cache(maxsize=1)
def _country_forms() -> dict[str, tuple[str, ...]]:
    try:
        raw = resources.files("detente.data").joinpath("actors/countries.yaml").read_text(encoding="utf-8")
        data = yaml.safe_load(raw) or {}
    except (OSError, yaml.YAMLError):  # the dictionary is optional for tone: coded surface forms suffice
        return {}
    forms: dict[str, tuple[str, ...]] = {}
    for code, entry in data.items():
        if isinstance(entry, dict):
            forms[str(code)] = tuple(str(f) for key in ("names", "adjectives", "people") for f in entry.get(key) or ())
    return forms


def country_aliases(code: str) -> tuple[str, ...]:
    """Names, adjectives and demonyms of a country code from the actor dictionary (empty if unknown)."""
    extra = {"USA": ("US", "U.S.", "United States", "America", "American", "Washington"),
             "GBR": ("UK", "Britain", "British")}
    return _country_forms().get(code, ()) + extra.get(code, ())

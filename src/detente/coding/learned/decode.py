"""From the model's four outputs for one sentence to triggers with their source/target pairs.

Thresholds live in the model card (``decode``), chosen on the training data's held-out articles
(``detente train`` sets them; never on a test set).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from detente.coding.learned.labels import (
    EVENT_TYPES,
    MODALITY_LABELS,
    TRIGGER_TAGS,
    Encoded,
    spans_from_tags,
)

_B = np.array([t.startswith("B-") for t in TRIGGER_TAGS])
_I = np.array([t.startswith("I-") for t in TRIGGER_TAGS])
# Column of each type's B- and I- tags in the trigger output.
_TYPE_COLUMNS = np.array([[TRIGGER_TAGS.index(f"B-{t}"), TRIGGER_TAGS.index(f"I-{t}")] for t in EVENT_TYPES])


@dataclass(frozen=True, slots=True)
class DecodeOptions:
    trigger_threshold: float = 0.5  # a word piece is part of a trigger when P(not O) reaches this
    actor_threshold: float = 0.5  # likewise for actor mentions
    role_threshold: float = 0.5  # a mention fills a role when P(role) reaches this
    max_parties: int = 4  # sources (and targets) per trigger at most: long lists are rarely all parties
    # Modality from the model's head ("model"), from the parse (coding/modality.py, "parse"), or the
    # parse's wherever it finds the event claimed, denied, hedged, negated or future ("either").
    modality: str = "model"
    country_threshold: float = 1.01  # the country head names an actor the dictionary does not know from this P on
    uncoded: bool = True  # keep events with one party of no known country (visible as uncoded)


@dataclass(frozen=True, slots=True)
class Party:
    """An actor mention: its characters and the country head's guess (``None`` when unsure)."""

    chars: tuple[int, int]
    country: str | None = None
    probability: float = 0.0


@dataclass(frozen=True, slots=True)
class Decoded:
    """One trigger of a sentence: its type, characters, modality and (source, target, confidence) pairs."""

    type: str
    trigger: tuple[int, int]
    modality: str
    pairs: tuple[tuple[Party, Party, float], ...]


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _spans(encoded: Encoded, inside: np.ndarray, begins: np.ndarray) -> list[tuple[int, int]]:
    """Token spans of the pieces marked ``inside``; a piece that ``begins`` opens a new span.
    Spans grow to whole words: a trigger is never half a word."""
    tags = ["O"] * len(encoded.ids)
    for i in np.flatnonzero(inside):
        tags[i] = "B-X" if begins[i] else "I-X"
    spans: list[tuple[int, int]] = []
    for first, last, _ in spans_from_tags(tags):
        while first > 1 and encoded.continues[first]:
            first -= 1
        while last < len(encoded.ids) and encoded.continues[last]:
            last += 1
        if spans and first < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(last, spans[-1][1]))
        else:
            spans.append((first, last))
    return spans


def _chars(encoded: Encoded, span: tuple[int, int]) -> tuple[int, int]:
    return encoded.offsets[span[0]][0], encoded.offsets[span[1] - 1][1]


# Words that are no actor on their own and do not end an actor's name ("gunmen in", "the").
FUNCTION_WORDS = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "from", "its",
                  "their", "his", "her", ",", ".", ";", ":", "'", "’", "\"", "“", "”", "(", ")", "-", "–", "—"}


def _trim(text: str, encoded: Encoded, span: tuple[int, int]) -> tuple[int, int] | None:
    """An actor span without trailing function words; ``None`` when nothing else is left."""
    first, last = span
    while last > first and text[slice(*encoded.offsets[last - 1])].lower() in FUNCTION_WORDS:
        last -= 1
    words = [text[slice(*encoded.offsets[i])].lower() for i in range(first, last)]
    if not words or all(w in FUNCTION_WORDS for w in words):
        return None
    return first, last


def party_of(encoded: Encoded, span: tuple[int, int], country: np.ndarray | None, countries: Sequence[str]) -> Party:
    chars = _chars(encoded, span)
    if country is None or len(countries) < 2:
        return Party(chars)
    p = softmax(country[span[0] : span[1]].mean(0))
    best = int(p.argmax())
    return Party(chars, countries[best] if best else None, float(p[best]))


def decode(text: str, encoded: Encoded, trigger: np.ndarray, actor: np.ndarray, roles: np.ndarray,
           modality: np.ndarray, options: DecodeOptions, country: np.ndarray | None = None,
           countries: Sequence[str] = ()) -> list[Decoded]:
    """The triggers of one sentence with their parties (all character offsets into ``text``)."""
    real = np.array([e > s for s, e in encoded.offsets])
    tp, ap = softmax(trigger), softmax(actor)
    triggers = _spans(encoded, real & (1 - tp[:, 0] >= options.trigger_threshold),
                      tp[:, _B].sum(1) >= tp[:, _I].sum(1))
    actors = [t for span in _spans(encoded, real & (1 - ap[:, 0] >= options.actor_threshold), ap[:, 1] >= ap[:, 2])
              if (t := _trim(text, encoded, span))]
    found: list[Decoded] = []
    for t0, t1 in triggers:
        kind = EVENT_TYPES[int(tp[t0:t1][:, _TYPE_COLUMNS].sum(axis=(0, 2)).argmax())]
        strength = float((1 - tp[t0:t1, 0]).max())
        scored = []
        for a0, a1 in actors:
            if a0 < t1 and t0 < a1:
                continue  # a mention inside the trigger is not its party
            p = softmax(roles[t0:t1, a0:a1].mean(axis=(0, 1)))
            scored.append(((a0, a1), float(p[1]), float(p[2])))
        sources = sorted([s for s in scored if s[1] >= options.role_threshold and s[1] >= s[2]], key=lambda s: -s[1])
        targets = sorted([s for s in scored if s[2] >= options.role_threshold and s[2] > s[1]], key=lambda s: -s[2])
        pairs = tuple((party_of(encoded, s[0], country, countries), party_of(encoded, t[0], country, countries),
                       strength * s[1] * t[2])
                      for s in sources[: options.max_parties] for t in targets[: options.max_parties])
        if pairs:
            mood = MODALITY_LABELS[int(modality[t0:t1].mean(0).argmax())]
            found.append(Decoded(kind, _chars(encoded, (t0, t1)), mood, pairs))
    return found

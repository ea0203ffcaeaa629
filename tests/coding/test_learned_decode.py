"""Decoding the learned model's outputs, on hand-made logits: spans, roles, thresholds."""

from __future__ import annotations

import numpy as np

from detente.coding.learned.decode import DecodeOptions, decode
from detente.coding.learned.labels import (
    ACTOR_TAGS,
    MODALITY_LABELS,
    ROLES,
    TRIGGER_TAGS,
    Encoded,
    spans_from_tags,
)

TEXT = "Pakistan accused India"
# [CLS] pakistan accused india [SEP], and "accused" split in two pieces to test word growth
ENCODED = Encoded(ids=[101, 1, 2, 3, 4, 102], offsets=[(0, 0), (0, 8), (9, 13), (13, 16), (17, 22), (0, 0)],
                  continues=[False, False, False, True, False, False])


def _logits(n: int, size: int, hot: dict[int, int]) -> np.ndarray:
    out = np.full((n, size), -5.0)
    out[:, 0] = 5.0
    for i, label in hot.items():
        out[i, 0], out[i, label] = -5.0, 5.0
    return out


def _outputs(trigger_piece: int = 2) -> tuple[np.ndarray, ...]:
    n = len(ENCODED.ids)
    trigger = _logits(n, len(TRIGGER_TAGS), {trigger_piece: TRIGGER_TAGS.index("B-ACCUSE")})
    actor = _logits(n, len(ACTOR_TAGS), {1: ACTOR_TAGS.index("B"), 4: ACTOR_TAGS.index("B")})
    roles = np.zeros((n, n, len(ROLES)))
    roles[:, :, 0] = 3.0
    roles[2:4, 1, ROLES.index("source")] = 6.0
    roles[2:4, 4, ROLES.index("target")] = 6.0
    modality = _logits(n, len(MODALITY_LABELS), {})
    return trigger, actor, roles, modality


def test_bio_tags_become_spans() -> None:
    assert spans_from_tags(["O", "B-X", "I-X", "O", "I-Y", "B-X"]) == [(1, 3, "X"), (4, 5, "Y"), (5, 6, "X")]


def test_a_trigger_with_its_source_and_target() -> None:
    (found,) = decode(TEXT, ENCODED, *_outputs(), DecodeOptions())
    assert found.type == "ACCUSE" and found.modality == "asserted"
    assert TEXT[slice(*found.trigger)] == "accused"  # grown from the first piece to the whole word
    ((source, target, confidence),) = found.pairs
    assert (TEXT[slice(*source.chars)], TEXT[slice(*target.chars)]) == ("Pakistan", "India") and confidence > 0.9


def test_a_word_piece_alone_still_gives_the_whole_word() -> None:
    (found,) = decode(TEXT, ENCODED, *_outputs(trigger_piece=3), DecodeOptions())
    assert TEXT[slice(*found.trigger)] == "accused"


def test_no_event_without_both_parties() -> None:
    trigger, actor, roles, modality = _outputs()
    roles[:, 4, :] = [3.0, 0.0, 0.0]  # India fills no role
    assert decode(TEXT, ENCODED, trigger, actor, roles, modality, DecodeOptions()) == []


def test_a_higher_trigger_threshold_drops_a_weak_trigger() -> None:
    trigger, actor, roles, modality = _outputs()
    trigger[2, 0] = 4.0  # P(not O) about 0.73
    trigger[2, TRIGGER_TAGS.index("B-ACCUSE")] = 5.0
    assert decode(TEXT, ENCODED, trigger, actor, roles, modality, DecodeOptions(trigger_threshold=0.5))
    assert not decode(TEXT, ENCODED, trigger, actor, roles, modality, DecodeOptions(trigger_threshold=0.9))

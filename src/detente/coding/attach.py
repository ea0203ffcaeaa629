"""Whether a phrase of the sentence belongs to an event's trigger (its date, its place)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def hangs_on(phrase: Span, trigger: Token, steps: int = 3) -> bool:
    """``phrase`` modifies ``trigger``: within ``steps`` up the parse ("met on Monday", "held talks in
    Geneva"), or directly a noun trigger ("the 1971 war"), without passing another verb."""
    if phrase.start <= trigger.i < phrase.end:
        return False
    if trigger.pos_ == "NOUN" and phrase.root.head == trigger:
        return True
    node = phrase.root
    for _ in range(steps):
        if node.head == node:
            return False
        node = node.head
        if node == trigger or (trigger.pos_ == "NOUN" and node == trigger.head and trigger.dep_ in {"dobj", "nsubj"}):
            return True  # "met on Monday"; "held talks on Monday"
        if node.pos_ in {"VERB", "AUX"}:
            return False  # the phrase belongs to another verb
    return False

"""The learned coder's label vocabulary and sentence encoding, shared by training and inference.

A sentence is tokenised once (WordPiece, with character offsets). Four heads read it:
trigger tags (``O``, ``B-TYPE``, ``I-TYPE`` over the 16 PLOVER types), actor-mention tags
(``O``, ``B``, ``I``), a token-pair role (``none``, ``source``, ``target``: does token *j* fill
that role for the trigger at token *i*?) and the trigger's modality.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from detente.coding.plover import TYPES
from detente.records import MODALITIES

EVENT_TYPES: tuple[str, ...] = tuple(sorted(TYPES))
TRIGGER_TAGS: tuple[str, ...] = ("O", *(f"{p}-{t}" for t in EVENT_TYPES for p in ("B", "I")))
ACTOR_TAGS: tuple[str, ...] = ("O", "B", "I")
ROLES: tuple[str, ...] = ("none", "source", "target")
MODALITY_LABELS: tuple[str, ...] = MODALITIES
# Sentences are cut at this many word pieces (a news sentence rarely has more than 80).
MAX_TOKENS = 128


@dataclass(frozen=True, slots=True)
class Encoded:
    """One sentence as the model reads it: word-piece ids and each piece's character span."""

    ids: list[int]
    offsets: list[tuple[int, int]]  # (0, 0) for [CLS] and [SEP]
    continues: list[bool]  # the piece continues the word before it ("##stan")

    def tokens_in(self, start: int, end: int) -> list[int]:
        """Indices of the word pieces overlapping characters ``start:end``."""
        return [i for i, (s, e) in enumerate(self.offsets) if e > s and s < end and e > start]


def encode(tokenizer: object, text: str) -> Encoded:
    """Tokenise ``text`` with a ``tokenizers.Tokenizer``, cut to ``MAX_TOKENS``."""
    encoding = tokenizer.encode(text)  # type: ignore[attr-defined]
    ids: list[int] = list(encoding.ids)
    offsets: list[tuple[int, int]] = [(int(o[0]), int(o[1])) for o in encoding.offsets]
    continues = [t.startswith("##") for t in encoding.tokens]
    if len(ids) > MAX_TOKENS:
        keep = [*range(MAX_TOKENS - 1), len(ids) - 1]
        ids, offsets, continues = [ids[i] for i in keep], [offsets[i] for i in keep], [continues[i] for i in keep]
    return Encoded(ids, offsets, continues)


def spans_from_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIO tags -> (first, last + 1, label) token spans; a stray ``I-X`` opens a span too."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, name = tag.partition("-")
        if start >= 0 and (prefix != "I" or name != label):
            spans.append((start, i, label))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, label = i, name
    return spans

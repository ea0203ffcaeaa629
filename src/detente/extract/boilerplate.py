"""Boilerplate that extractors miss: appeal blocks, share prompts, teasers, repeated paragraphs.

General rules plus the pattern table in ``data/boilerplate.yaml``; nothing here knows any one site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

# An appeal block is the run of short paragraphs between two appeal matches; longer runs are
# articles that merely mention giving, so the run is capped (seen blocks: 4-12 paragraphs).
MAX_BLOCK_PARAGRAPHS = 15
# Paragraphs shorter than this are not checked for repetition: "Photo:" or one-word lines may repeat.
MIN_REPEAT_WORDS = 6


@dataclass(frozen=True)
class Patterns:
    max_words: int
    appeal: tuple[re.Pattern[str], ...]
    line: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def load_patterns() -> Patterns:
    raw = yaml.safe_load(resources.files("detente.data").joinpath("boilerplate.yaml").read_text("utf-8"))
    compile_all = lambda items: tuple(re.compile(p, re.IGNORECASE) for p in items)  # noqa: E731
    return Patterns(raw["max_words"], compile_all(raw["appeal"]), compile_all(raw["line"]))


def _normal(paragraph: str) -> str:
    return re.sub(r"\W+", " ", paragraph.lower()).strip()


def _short(paragraph: str, patterns: Patterns) -> bool:
    return len(paragraph.split()) <= patterns.max_words


def _appeal(paragraph: str, patterns: Patterns) -> bool:
    text = paragraph.strip()
    return _short(text, patterns) and any(p.search(text) for p in patterns.appeal)


def _appeal_blocks(paragraphs: list[str], patterns: Patterns) -> set[int]:
    """Indexes inside runs of short paragraphs that start and end with an appeal."""
    hits = [i for i, p in enumerate(paragraphs) if _appeal(p, patterns)]
    drop = set(hits)
    for start, end in zip(hits, hits[1:]):
        span = range(start, end + 1)
        if end - start < MAX_BLOCK_PARAGRAPHS and all(_short(paragraphs[i], patterns) for i in span):
            drop.update(span)
    return drop


def clean_paragraphs(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Split paragraphs into (kept, removed)."""
    patterns = load_patterns()
    drop = _appeal_blocks(paragraphs, patterns)
    seen: set[str] = set()
    kept: list[str] = []
    removed: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.strip()
        key = _normal(text)
        if (
            not key
            or index in drop
            or (_short(text, patterns) and any(p.search(text) for p in patterns.line))
            or (len(key.split()) >= MIN_REPEAT_WORDS and key in seen)
        ):
            if key:
                removed.append(text)
            continue
        seen.add(key)
        kept.append(text)
    return kept, removed


_GLUED = re.compile(r"(?<=[a-z\)\]”\"’'][.!?])(?=[A-Z“\"‘][a-z])|(?<=[a-z][.!?][”\"’])(?=[A-Z][a-z])")


def unglue(text: str) -> str:
    """Restore the space lost between sentences by scrapers ("history.In a message")."""
    return _GLUED.sub(" ", text)


def drop_repeated_sentences(paragraph: str, seen: set[str]) -> str:
    """Within one long scraped paragraph, drop sentences already seen in this article."""
    parts = re.split(r"(?<=[.!?])\s+", paragraph)
    out = []
    for part in parts:
        key = _normal(part)
        if len(key.split()) >= MIN_REPEAT_WORDS * 2 and key in seen:
            continue
        seen.add(key)
        out.append(part)
    return " ".join(out)

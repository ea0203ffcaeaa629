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
# Sentences of this many words or more, repeated verbatim in one article, are scraper copies (pull
# quotes, doubled blocks). Shorter ones may be formulae quoted from several people ("Inna lillahi wa
# inna ilayhi raji'un", 7 words); on the Bangladeshi test corpus every repeat of 8+ words was a copy.
MIN_REPEAT_SENTENCE_WORDS = 8
# Teaser headlines and credits that a scraper ran into the end of the text carry no closing
# punctuation ("... said on Monday. Why photojournalism must fight back against AI India boosts ...
# Copyright © 2025"). A real article ends with a sentence, so this many words or more after the last
# paragraph's last full stop are cut; shorter tails ("— AFP") are left alone. A one-sentence
# standfirst whose second sentence lacks its full stop is not an article with teasers: the tail is
# cut only after at least two full sentences.
MIN_TAIL_WORDS = 3
MIN_SENTENCES_BEFORE_TAIL = 2


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
    if kept:
        last, tail = split_run_in_tail(kept[-1])
        if tail:
            kept[-1:] = [last] if last else []
            removed.append(tail)
    return kept, removed


# The last full stop (with any closing quotes or brackets) and the unpunctuated words after it.
_RUN_IN_TAIL = re.compile(r"(?<=[.!?])[”\"’')\]]*\s+([^.!?]+)$")
_SENTENCE_END = re.compile(r"[.!?][”\"’')\]]*(?:\s|$)")


def split_run_in_tail(paragraph: str) -> tuple[str, str]:
    """``(paragraph up to its last full sentence, run-in tail)``; the tail is ``""`` when there is none."""
    match = _RUN_IN_TAIL.search(paragraph)
    if not match or len(match.group(1).split()) < MIN_TAIL_WORDS:
        return paragraph, ""
    head = paragraph[: match.start(1)].rstrip()
    if len(_SENTENCE_END.findall(head)) < MIN_SENTENCES_BEFORE_TAIL:
        return paragraph, ""
    return head, match.group(1).strip()


# A glued sentence may open with a curly quote before its capital ("ended.“We ..."), so that case is
# spelt out; a straight quote is ambiguous (opening or closing) and only counts as closing.
_GLUED = re.compile(r"(?<=[a-z\)\]”\"’'][.!?])(?=[A-Z“\"‘][a-z]|[“‘][A-Z])|(?<=[a-z][.!?][”\"’])(?=[A-Z][a-z])")


def unglue(text: str) -> str:
    """Restore the space lost between sentences by scrapers ("history.In a message")."""
    return _GLUED.sub(" ", text)


def drop_repeated_sentences(paragraph: str, seen: set[str]) -> str:
    """Within one long scraped paragraph, drop sentences already seen in this article."""
    parts = re.split(r"(?<=[.!?])\s+", paragraph)
    out = []
    for part in parts:
        key = _normal(part)
        if len(key.split()) >= MIN_REPEAT_SENTENCE_WORDS and key in seen:
            continue
        seen.add(key)
        out.append(part)
    return " ".join(out)

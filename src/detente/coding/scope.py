"""What the coder leaves alone: sports copy ("Algeria sealed a victory over Morocco" is no assault).

The word list is data (``data/out_of_scope.yaml``); matching is on lower-cased whole words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Span

# Three different sports words make an article a sports report; one is enough for a sentence.
ARTICLE_TERMS = 3


@lru_cache(maxsize=1)
def _sports() -> re.Pattern[str]:
    raw = yaml.safe_load(resources.files("detente.data").joinpath("out_of_scope.yaml").read_text("utf-8"))
    words = sorted((re.escape(w.lower()) for w in raw["sports"]), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(words)})(?![\w-])")


def sports_terms(text: str) -> set[str]:
    return set(_sports().findall(text.lower()))


def is_sports_article(text: str) -> bool:
    return len(sports_terms(text)) >= ARTICLE_TERMS


def coded_sentences(doc: Doc) -> Iterator[tuple[int, Span]]:
    """(index, sentence) of the sentences a coder reads: none of a sports article, no sports sentence."""
    if is_sports_article(doc.text):
        return
    for index, sentence in enumerate(doc.sents):
        if not sports_terms(sentence.text):
            yield index, sentence

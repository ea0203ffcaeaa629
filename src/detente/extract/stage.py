"""The extract stage: ``RawDocument`` -> ``Article`` or ``Rejected``.

Example::

    >>> extractor = Extractor(load_settings())
    >>> article = extractor(RawDocument(uri="a.txt", content=b"Title\\n\\nBody ...", content_type="text"))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from detente.config import Settings
from detente.extract import boilerplate
from detente.extract.decode import decode
from detente.extract.dedupe import content_hash
from detente.extract.dates import date_article
from detente.extract.fields import canonical_url, parse_authors
from detente.extract.html import parse_html
from detente.extract.language import detect_language
from detente.extract.relays import find_relays
from detente.extract.text import parse_text_file, split_paragraphs
from detente.records import Article, RawDocument, Rejected, stable_id

# "ISLAMABAD (Dunya News) – ..." : a dateline naming the outlet, common in wire-style copy.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}\s*\(([^)]{2,40})\)\s*[-–—:]")


class Extractor:
    """Turns raw documents into clean articles; stateless, so it maps over partitions as is."""

    def __init__(self, settings: Settings) -> None:
        self.min_words = settings.ingest.min_words
        self.fallback_date = settings.ingest.date

    def __call__(self, raw: RawDocument) -> Article | Rejected:
        fields = self._fields(raw)
        if isinstance(fields, Rejected):
            return fields
        return self._article(raw, fields)

    def pipe(self, stream: Iterable[RawDocument | Rejected], *, batch_size: int = 50) -> Iterator[Article | Rejected]:
        for raw in stream:
            yield raw if isinstance(raw, Rejected) else self(raw)

    def _fields(self, raw: RawDocument) -> dict[str, Any] | Rejected:
        text, problem = decode(raw.content, html=raw.content_type == "html")
        if text is None:
            return Rejected(raw.uri, problem)
        meta = {k: v for k, v in raw.meta.items() if v not in (None, "")}
        if raw.content_type == "html":
            if "<" not in text:
                return Rejected(raw.uri, "no HTML markup found in an HTML file")
            fields = parse_html(text, url=meta.get("url"))
            if fields is None:
                return Rejected(raw.uri, "no main text found in the HTML page")
        elif raw.content_type == "text":
            fields = parse_text_file(text)
        else:
            fields = {"paragraphs": split_paragraphs(text)}
        # Metadata given explicitly by a JSONL record wins over what extraction guessed.
        if "date" in meta and "published" not in meta:
            meta["published"] = meta["date"]
        for key in ("title", "outlet", "published", "authors", "url"):
            if key in meta:
                fields[key] = meta[key]
        return fields

    def _article(self, raw: RawDocument, fields: dict[str, Any]) -> Article | Rejected:
        seen: set[str] = set()
        paragraphs = [boilerplate.drop_repeated_sentences(boilerplate.unglue(p), seen) for p in fields["paragraphs"]]
        title = (fields.get("title") or "").strip() or None
        if paragraphs and title and paragraphs[0] == title:
            paragraphs = paragraphs[1:]
        kept, removed = boilerplate.clean_paragraphs(paragraphs)
        text = "\n\n".join(kept)
        words = len(text.split())
        if words < self.min_words:
            after = f" after removing {len(removed)} boilerplate paragraphs" if removed else ""
            return Rejected(raw.uri, f"main text has {words} words{after}, fewer than ingest.min_words={self.min_words}")
        outlet = fields.get("outlet")
        if not outlet:
            datelines = (_DATELINE.match(p) for p in kept[:3])
            outlet = next((d.group(1).strip() for d in datelines if d), None)
        url = canonical_url(fields.get("url"))
        dated = date_article(fields.get("published"), fields.get("url"), kept, fallback=self.fallback_date)
        return Article(
            id=stable_id("url", url) if url else stable_id("text", content_hash(text)),
            source_uri=raw.uri,
            text=text,
            url=url,
            outlet=outlet,
            title=title,
            published=dated.date,
            date_source=dated.source,
            warnings=dated.warnings,
            authors=parse_authors(fields.get("authors")),
            language=detect_language(text),
            paragraphs=tuple(kept),
            relays=find_relays(text, outlet),
            removed=tuple(removed),
        )

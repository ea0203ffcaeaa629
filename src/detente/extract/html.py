"""HTML pages through trafilatura: main text, title, date, author, site name."""

from __future__ import annotations

from typing import Any

import trafilatura


def parse_html(html: str, url: str | None = None) -> dict[str, Any] | None:
    """Fields of the main article of ``html``, or ``None`` when trafilatura finds none."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None or isinstance(doc, dict) or not doc.text:
        return None
    paragraphs = [line.strip() for line in doc.text.split("\n") if line.strip()]
    # trafilatura repeats the headline as the first line when it sits inside <article>.
    if paragraphs and doc.title and paragraphs[0].strip() == doc.title.strip():
        paragraphs = paragraphs[1:]
    return {
        "title": doc.title,
        "outlet": doc.sitename,
        "published": doc.date,
        "authors": doc.author,
        "url": doc.url or url,
        "paragraphs": paragraphs,
    }

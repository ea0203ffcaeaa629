"""Plain-text articles and their header convention.

::

    Title of the article
    Outlet: The Meridian Ledger
    Date: 2025-05-10
    URL: https://meridian-ledger.example/ceasefire
    Author: A. Writer

    First paragraph ...

Line 1 is the title; header lines (``Outlet:``, ``Date:``, ``URL:``, ``Author:``, any order) follow
directly; the body starts after them. Paragraphs are separated by blank lines, or, in a file with
no blank line in its body, by line breaks (as scraped text usually is).
"""

from __future__ import annotations

import re
from typing import Any

_HEADER = re.compile(r"^(outlet|source|date|published|url|link|author|authors|by)\s*:\s*(.+)$", re.IGNORECASE)
_HEADER_KEYS = {"outlet": "outlet", "source": "outlet", "date": "published", "published": "published",
                "url": "url", "link": "url", "author": "authors", "authors": "authors", "by": "authors"}


def split_paragraphs(body: str) -> list[str]:
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    if re.search(r"\n\s*\n", body):
        blocks = re.split(r"\n\s*\n", body)
        return [" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in blocks if block.strip()]
    return [line.strip() for line in body.split("\n") if line.strip()]


def parse_text_file(text: str) -> dict[str, Any]:
    """Title, header fields and paragraphs of a text article."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\n").split("\n")
    fields: dict[str, Any] = {"title": lines[0].strip() or None}
    index = 1
    while index < len(lines):
        match = _HEADER.match(lines[index].strip())
        if not match:
            break
        fields[_HEADER_KEYS[match.group(1).lower()]] = match.group(2).strip()
        index += 1
    fields["paragraphs"] = split_paragraphs("\n".join(lines[index:]))
    return fields

"""Files and folders (recursive, globs) of HTML, text and JSON/JSONL articles, streamed.

Each file is read only when its turn comes, so a folder of any size never sits in memory.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from detente.errors import SourceError
from detente.records import RawDocument, Rejected

Reader = Callable[[Path, bytes], Iterator[RawDocument | Rejected]]
READERS: dict[str, Reader] = {}

# Keys a JSONL record may carry; anything else is kept in ``meta`` untouched.
RECORD_KEYS = ("text", "html", "url", "title", "outlet", "published", "authors")


def register_reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for file suffixes (``.html``); later registrations win."""

    def wrap(reader: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix.lower()] = reader
        return reader

    return wrap


@register_reader(".html", ".htm")
def read_html(path: Path, data: bytes) -> Iterator[RawDocument | Rejected]:
    yield RawDocument(uri=str(path), content=data, content_type="html")


@register_reader(".txt", ".md")
def read_text(path: Path, data: bytes) -> Iterator[RawDocument | Rejected]:
    yield RawDocument(uri=str(path), content=data, content_type="text")


def _record_document(uri: str, obj: Any) -> RawDocument | Rejected:
    if not isinstance(obj, dict):
        return Rejected(uri, f"expected a JSON object, got {type(obj).__name__}")
    if not isinstance(obj.get("text") or obj.get("html"), str):
        return Rejected(uri, "record has no 'text' or 'html' string")
    return RawDocument(uri=uri, content=obj.get("html") or obj["text"],
                       content_type="html" if obj.get("html") else "record",
                       source_kind="jsonl", meta=obj)


@register_reader(".jsonl", ".ndjson")
def read_jsonl(path: Path, data: bytes) -> Iterator[RawDocument | Rejected]:
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        uri = f"{path}#L{number}"
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Rejected(uri, f"malformed JSON on line {number}: {exc}")
            continue
        yield _record_document(uri, obj)


@register_reader(".json")
def read_json(path: Path, data: bytes) -> Iterator[RawDocument | Rejected]:
    try:
        obj = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        yield Rejected(str(path), f"malformed JSON: {exc}")
        return
    items = obj if isinstance(obj, list) else [obj]
    for index, item in enumerate(items):
        yield _record_document(f"{path}#{index}" if isinstance(obj, list) else str(path), item)


def _expand(spec: str) -> Iterator[Path]:
    if glob.has_magic(spec):
        matches = sorted(glob.iglob(spec, recursive=True))
        if not matches:
            raise SourceError(f"No file matches {spec!r}.")
        for match in matches:
            yield from _expand(match)
        return
    path = Path(spec)
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                candidate = Path(root) / name
                if candidate.suffix.lower() in READERS:
                    yield candidate
    else:
        yield path


def iter_documents(paths: Iterable[str | Path], *, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    """Stream documents from files, folders (recursive) and glob patterns.

    Unreadable, empty, oversized or unknown-type files come out as ``Rejected`` with the reason.
    Raises ``SourceError`` only when a path does not exist at all.

    >>> docs = iter_documents(["news/"], max_bytes=10_000_000)  # doctest: +SKIP
    """
    for spec in paths:
        spec = str(spec)
        if not glob.has_magic(spec) and not Path(spec).exists():
            raise SourceError(f"No such file or folder: {spec}.")
        for path in _expand(spec):
            reader = READERS.get(path.suffix.lower())
            if reader is None:
                yield Rejected(str(path), f"unsupported file type '{path.suffix or '(none)'}'")
                continue
            try:
                size = path.stat().st_size
                if size > max_bytes:
                    yield Rejected(str(path), f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit (ingest.max_file_mb)")
                    continue
                data = path.read_bytes()
            except OSError as exc:
                yield Rejected(str(path), f"cannot read file: {exc.strerror or exc}")
                continue
            if not data.strip():
                yield Rejected(str(path), "file is empty")
                continue
            yield from reader(path, data)

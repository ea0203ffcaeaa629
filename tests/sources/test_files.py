"""File sources: each source type, folders and globs, and every bad-input case as a ``Rejected``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from detente.errors import SourceError
from detente.records import RawDocument, Rejected
from detente.sources import READERS, iter_documents, register_reader
from detente.sources.files import read_text

MB = 1_000_000


def documents(*paths: Path | str, max_bytes: int = 10 * MB) -> list[RawDocument | Rejected]:
    return list(iter_documents([str(p) for p in paths], max_bytes=max_bytes))


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("page.html", "html"), ("page.HTM", "html"), ("note.txt", "text"), ("note.md", "text")],
)
def test_single_file_types(write, stories, name, content_type):
    story = stories["corridor"]
    path = write(name, story.html() if content_type == "html" else story.text_file())
    [doc] = documents(path)
    assert isinstance(doc, RawDocument)
    assert (doc.uri, doc.content_type, doc.source_kind) == (str(path), content_type, "file")
    assert isinstance(doc.content, bytes) and doc.content == path.read_bytes()


def test_jsonl_records_and_bad_lines(write, stories, to_jsonl):
    good = stories["rail"].record()
    html = {"html": stories["meteor"].html(), "url": "https://valley.example/meteor"}
    path = write("feed.jsonl", to_jsonl(good, html) + "{not json\n\n" + to_jsonl([1, 2], {"title": "no body"}))
    docs = documents(path)
    assert [type(d).__name__ for d in docs] == ["RawDocument", "RawDocument", "Rejected", "Rejected", "Rejected"]
    record, page, malformed, not_object, no_text = docs
    assert (record.content_type, record.source_kind, record.content) == ("record", "jsonl", good["text"])
    assert record.meta["title"] == good["title"] and record.uri == f"{path}#L1"
    assert (page.content_type, page.meta["url"]) == ("html", "https://valley.example/meteor")
    # The blank line 4 is skipped, but line numbers still count it.
    assert malformed.uri == f"{path}#L3" and "malformed JSON on line 3" in malformed.reason
    assert not_object.uri == f"{path}#L5" and "expected a JSON object" in not_object.reason
    assert no_text.uri == f"{path}#L6" and "no 'text' or 'html'" in no_text.reason


def test_json_file_object_and_list(write, stories, to_jsonl):
    one = write("one.json", to_jsonl(stories["rail"].record()))
    many = write("many.json", "[" + ",".join(to_jsonl(s.record()).strip() for s in stories.values()) + "]")
    broken = write("broken.json", '{"text": ')
    [single] = documents(one)
    assert isinstance(single, RawDocument) and single.uri == str(one)
    listed = documents(many)
    assert [d.uri for d in listed] == [f"{many}#{i}" for i in range(len(stories))]
    [bad] = documents(broken)
    assert isinstance(bad, Rejected) and bad.reason.startswith("malformed JSON")


def test_folder_is_walked_recursively_in_order_and_skips_unknown_types(write, stories, tmp_path):
    write("in/b.txt", stories["rail"].text_file())
    write("in/a.html", stories["corridor"].html())
    write("in/sub/c.md", stories["meteor"].text_file())
    write("in/notes.pdf", b"%PDF-1.4")
    write("in/.hidden/d.txt", stories["border"].text_file())
    folder = tmp_path / "in"
    uris = [Path(d.uri).relative_to(folder).as_posix() for d in documents(folder)]
    assert uris == ["a.html", "b.txt", ".hidden/d.txt", "sub/c.md"]


def test_glob_patterns(write, stories, tmp_path):
    write("in/a.html", stories["corridor"].html())
    write("in/deep/b.html", stories["rail"].html())
    write("in/c.txt", stories["meteor"].text_file())
    assert len(documents(tmp_path / "in" / "*.html")) == 1
    assert len(documents(tmp_path / "in" / "**" / "*.html")) == 2


def test_missing_path_and_empty_glob_raise_source_error(tmp_path):
    with pytest.raises(SourceError, match="No such file or folder"):
        documents(tmp_path / "nowhere")
    with pytest.raises(SourceError, match="No file matches"):
        documents(tmp_path / "*.html")


def test_unsupported_type_given_by_name_is_rejected(write):
    [doc] = documents(write("scan.pdf", b"%PDF-1.4 ..."))
    assert isinstance(doc, Rejected) and "unsupported file type '.pdf'" in doc.reason


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_file_is_rejected(write, content):
    [doc] = documents(write("empty.html", content))
    assert doc == Rejected(doc.uri, "file is empty") and doc.uri.endswith("empty.html")


def test_oversized_page_is_rejected_without_reading_it(write, monkeypatch):
    path = write("huge.html", b"<html><body><p>" + b"word " * (10 * MB) + b"</p></body></html>")
    assert path.stat().st_size >= 50 * MB
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("an oversized file was read"))
    [doc] = documents(path)
    assert isinstance(doc, Rejected) and doc.uri == str(path)
    assert "50.0 MB, over the 10 MB limit (ingest.max_file_mb)" in doc.reason


def test_unreadable_file_is_rejected(write, stories, monkeypatch):
    good = write("in/good.txt", stories["rail"].text_file())
    locked = write("in/locked.html", stories["corridor"].html())
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    good_doc, locked_doc = documents(good.parent)
    assert isinstance(good_doc, RawDocument) and good_doc.uri == str(good)
    assert locked_doc == Rejected(str(locked), "cannot read file: Permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_read_permission_is_rejected(write, stories):
    locked = write("in/locked.html", stories["corridor"].html())
    locked.chmod(0)
    try:
        [doc] = documents(locked.parent)
    finally:
        locked.chmod(0o644)
    assert doc == Rejected(str(locked), "cannot read file: Permission denied")


def test_dangling_link_in_a_folder_is_rejected(write, stories, tmp_path):
    write("in/good.txt", stories["rail"].text_file())
    (tmp_path / "in" / "gone.html").symlink_to(tmp_path / "deleted.html")
    docs = documents(tmp_path / "in")
    assert isinstance(docs[0], Rejected) and docs[0].uri.endswith("gone.html")
    assert docs[0].reason.startswith("cannot read file")
    assert isinstance(docs[1], RawDocument)


def test_documents_are_streamed_one_file_at_a_time(write, stories, monkeypatch, tmp_path):
    for name in ("a", "b", "c"):
        write(f"in/{name}.txt", stories["rail"].text_file())
    reads: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self.name) or real(self))
    stream = iter_documents([str(tmp_path / "in")], max_bytes=MB)
    next(stream)
    assert reads == ["a.txt"]


def test_register_reader_adds_a_source_type_without_touching_the_pipeline(write):
    @register_reader(".note")
    def read_note(path, data):
        yield from read_text(path, data)

    try:
        [doc] = documents(write("a.note", "Title\n\nSome body text."))
        assert isinstance(doc, RawDocument) and doc.content_type == "text"
    finally:
        READERS.pop(".note", None)

"""Exact and near duplicates: a syndicated copy is stored as a pointer to its original."""

from __future__ import annotations

import pytest

from detente.extract.dedupe import DuplicateIndex, content_hash
from detente.pipeline import ingest
from detente.store import Store


@pytest.fixture
def index(settings):
    d = settings.dedupe
    return DuplicateIndex(threshold=d.threshold, num_perm=d.num_perm, shingle=d.shingle)


def test_content_hash_ignores_case_spacing_and_punctuation():
    assert content_hash("The talks, ended.\n\nBoth left!") == content_hash("the talks ended both   left")
    assert content_hash("The talks ended.") != content_hash("The talks resumed.")


def test_syndicated_copy_is_found_and_unrelated_story_is_not(index, settings, accord, stories):
    original, copy = accord
    index.add("orig", content_hash(original.text), index.signature(original.text))
    copy_sig = index.signature(copy.text)
    assert copy_sig.jaccard(index.signature(original.text)) >= settings.dedupe.threshold
    assert index.find(content_hash(copy.text), copy_sig) == "orig"
    other = stories["corridor"].text  # same countries and people, a different report
    assert index.find(content_hash(other), index.signature(other)) is None


def test_exact_copy_is_found_by_hash_first(index, accord):
    original, _ = accord
    sig = index.signature(original.text)
    index.add("orig", content_hash(original.text), sig)
    reformatted = original.text.upper().replace("\n\n", " ")
    assert index.find(content_hash(reformatted), index.signature("unrelated words entirely")) == "orig"


def test_index_reloads_from_stored_rows(index, settings, accord):
    original, copy = accord
    sig = index.signature(original.text)
    d = settings.dedupe
    fresh = DuplicateIndex(threshold=d.threshold, num_perm=d.num_perm, shingle=d.shingle)
    fresh.load([("orig", content_hash(original.text), [int(v) for v in sig.hashvalues]),
                ("old", "x", [1, 2, 3])])  # a signature of another size is skipped, not an error
    assert fresh.find(content_hash(copy.text), fresh.signature(copy.text)) == "orig"


def test_pipeline_stores_a_copy_as_a_pointer_to_its_original(settings, write, accord, tmp_path):
    original, copy = accord
    write("in/1-original.html", original.html())
    write("in/2-copy.txt", copy.text_file())
    report = ingest(settings, [tmp_path / "in"])
    assert (report.added, report.duplicates, report.rejected) == (1, 1, [])
    with Store(settings.db, read_only=True) as store:
        rows = {r["outlet"]: r for r in store.query("SELECT * FROM articles")}
    first, second = rows[original.outlet], rows[copy.outlet]
    assert first["duplicate_of"] is None and first["text"] == original.text
    assert second["duplicate_of"] == first["id"]
    # The copy keeps its own metadata, but its text is stored once, under the original.
    assert second["text"] == "" and second["url"] == copy.url and second["title"] == copy.title
    assert second["minhash"] is None


def test_copy_in_a_later_run_points_to_the_stored_original(settings, write, accord, tmp_path):
    original, copy = accord
    ingest(settings, [write("a/original.txt", original.text_file())])
    report = ingest(settings, [write("b/copy.html", copy.html())])
    assert (report.added, report.duplicates) == (0, 1)

"""The ingest pipeline: mixed good and bad input, idempotent re-runs, a crash mid-batch and a clean resume."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import SourceError
from detente.pipeline import Pipeline, ingest
from detente.records import Article
from detente.store import Store


def stored(settings) -> list[dict]:
    with Store(settings.db, read_only=True) as store:
        return store.query("SELECT id, source_uri, title, duplicate_of FROM articles ORDER BY source_uri")


@pytest.fixture
def mixed_folder(write, stories, to_jsonl, tmp_path) -> tuple[Path, list[str], dict[str, str]]:
    """A folder of good files and every kind of bad one; returns (folder, good uris, bad uri -> reason)."""
    s = stories
    good = [
        write("in/a-corridor.html", s["corridor"].html()),
        write("in/b-barrier.txt", s["barrier"].text_file()),
        write("in/c-rail.md", s["rail"].text_file()),
        write("in/sub/d-meteor.json", to_jsonl(s["meteor"].record()).strip()),
    ]
    feed = write("in/e-feed.jsonl", to_jsonl(s["border"].record()) + '{"title": "cut off mid-wri\n'
                 + to_jsonl(s["library"].record()))
    bad = {
        write("in/junk.html", bytes(range(256)) * 200): "binary content",
        write("in/empty.txt", b""): "file is empty",
        write("in/latin1.txt", "Fête de la ville\n\nLa fête a réuni mille personnes au port.".encode("latin-1")):
            "not valid UTF-8",
        write("in/huge.html", b"<html><body><p>" + b"word " * 10_100_000 + b"</p></body></html>"):
            "over the 10 MB limit",
        write("in/stub.html", "<html><body><p>Subscribe to read.</p></body></html>"): "fewer than ingest.min_words",
    }
    (tmp_path / "in" / "gone.html").symlink_to(tmp_path / "deleted.html")
    uris = {str(p): reason for p, reason in bad.items()}
    uris[str(tmp_path / "in" / "gone.html")] = "cannot read file"
    uris[f"{feed}#L2"] = "malformed JSON on line 2"
    good_uris = [str(p) for p in good] + [f"{feed}#L1", f"{feed}#L3"]
    return tmp_path / "in", good_uris, uris


def test_every_good_file_is_stored_and_every_bad_one_counted(settings, mixed_folder):
    folder, good, bad = mixed_folder
    report = ingest(settings, [folder])
    assert report.added == len(good) and report.duplicates == 0
    assert {r.uri: r.reason for r in report.rejected}.keys() == bad.keys()
    for item in report.rejected:
        assert bad[item.uri] in item.reason, item
    assert sorted(r["source_uri"] for r in stored(settings)) == sorted(good)
    with Store(settings.db, read_only=True) as store:
        [run] = store.query("SELECT * FROM runs")
        assert (run["added"], run["rejected"], run["status"]) == (len(good), len(bad), "ok")
        assert store.count("rejections") == len(bad)


def test_progress_is_called_for_every_item(settings, mixed_folder):
    folder, good, bad = mixed_folder
    seen: list[str] = []
    ingest(settings, [folder], progress=seen.append)
    assert sorted(seen) == sorted([*good, *bad])


def test_re_ingest_changes_nothing(settings, mixed_folder, accord, write):
    folder, good, _ = mixed_folder
    original, copy = accord
    write("in/x-accord.txt", original.text_file())
    write("in/y-accord-copy.html", copy.html())
    first = ingest(settings, [folder])
    before = stored(settings)
    second = ingest(settings, [folder])
    assert (first.added, first.duplicates) == (len(good) + 1, 1)
    assert (second.added, second.duplicates, second.unchanged) == (0, 0, len(good) + 2)
    assert len(second.rejected) == len(first.rejected)
    assert stored(settings) == before
    with Store(settings.db, read_only=True) as store:
        assert [r["status"] for r in store.query("SELECT status FROM runs")] == ["ok", "ok"]


def test_missing_input_path_is_an_error_and_the_run_is_recorded_as_failed(settings, tmp_path):
    with pytest.raises(SourceError, match="No such file or folder"):
        ingest(settings, [tmp_path / "nowhere"])
    with Store(settings.db, read_only=True) as store:
        assert store.query("SELECT added, status FROM runs") == [{"added": 0, "status": "failed"}]


def test_crash_in_the_second_batch_then_clean_resume(make_settings, write, stories, tmp_path, monkeypatch):
    settings = make_settings(ingest={"batch_size": 2})
    names = ["corridor", "barrier", "rail", "meteor", "border"]
    for n, name in enumerate(names):
        write(f"in/{n}-{name}.txt", stories[name].text_file())
    calls = {"n": 0}
    real_insert = Store._insert

    def insert(self, table, batch):
        calls["n"] += 1
        if calls["n"] == 2:
            real_insert(self, table, batch[:1])  # half of the batch is written when the crash comes
            raise RuntimeError("simulated crash mid-batch")
        return real_insert(self, table, batch)

    monkeypatch.setattr(Store, "_insert", insert)
    with pytest.raises(RuntimeError, match="simulated crash"):
        ingest(settings, [tmp_path / "in"])
    assert [Path(r["source_uri"]).name for r in stored(settings)] == ["0-corridor.txt", "1-barrier.txt"]
    with Store(settings.db, read_only=True) as store:
        assert store.query("SELECT added, status FROM runs") == [{"added": 2, "status": "failed"}]

    monkeypatch.undo()
    report = ingest(settings, [tmp_path / "in"])
    assert (report.added, report.unchanged, report.duplicates, report.rejected) == (3, 2, 0, [])
    rows = stored(settings)
    assert [Path(r["source_uri"]).name for r in rows] == [f"{n}-{name}.txt" for n, name in enumerate(names)]
    assert len({r["id"] for r in rows}) == len(names)


class FakeCoder:
    """A coder that records what it was asked to code and finds nothing."""

    name = "fake.rules.v1"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def code_articles(self, articles):
        self.seen.extend(a.id for a in articles)
        assert all(isinstance(a, Article) and a.text for a in articles)
        return [], []


def test_coder_sees_originals_once_and_never_again(settings, write, accord, stories, tmp_path):
    original, copy = accord
    write("in/a.txt", original.text_file())
    write("in/b.html", copy.html())
    write("in/c.txt", stories["rail"].text_file())
    with Store(settings.db) as store:
        coder = FakeCoder()
        Pipeline(settings, store, coder).run([tmp_path / "in"])
        assert len(coder.seen) == 2  # the copy is not coded a second time
        assert store.query("SELECT count(*) AS n FROM coded WHERE coder = 'fake.rules.v1'") == [{"n": 2}]
        again = FakeCoder()
        Pipeline(settings, store, again).run([tmp_path / "in"])
        assert again.seen == []

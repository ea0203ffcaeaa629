"""Wires the stages: sources -> extract -> dedupe -> (code) -> store, one transaction per batch.

Example::

    >>> report = Pipeline(load_settings()).run(["news/"])
    >>> report.added, report.duplicates, len(report.rejected)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from datasketch import MinHash

from detente.config import Settings
from detente.export import article_from_row
from detente.extract import Extractor
from detente.extract.dedupe import DuplicateIndex, content_hash
from detente.records import Article, Claim, Event, Rejected, RunReport
from detente.sources import iter_documents
from detente.store import Store

if TYPE_CHECKING:
    from detente.coding import Coding

Progress = Callable[[str], None]


class Pipeline:
    """Runs ingest (and coding, when a coder is given) into one store."""

    def __init__(self, settings: Settings, store: Store, coder: Coding | None = None) -> None:
        self.settings = settings
        self.store = store
        self.coder = coder
        self.extractor = Extractor(settings)
        self.index = DuplicateIndex(threshold=settings.dedupe.threshold, num_perm=settings.dedupe.num_perm,
                                    shingle=settings.dedupe.shingle)
        self.index.load(store.dedupe_rows())

    def run(self, paths: Sequence[str | Path], progress: Progress | None = None) -> RunReport:
        """Ingest every document under ``paths``; rejected inputs are counted, never raised."""
        report = RunReport(run_id=f"{dt.datetime.now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}")
        started = dt.datetime.now()
        status = "failed"
        try:
            stream = self.extractor.pipe(iter_documents(paths, max_bytes=int(self.settings.ingest.max_file_mb * 1e6)))
            batch: list[Article] = []
            for item in stream:
                if progress:
                    progress(item.source_uri if isinstance(item, Article) else item.uri)
                if isinstance(item, Rejected):
                    report.rejected.append(item)
                    continue
                batch.append(item)
                if len(batch) >= self.settings.ingest.batch_size:
                    self._flush(batch, report)
                    batch = []
            self._flush(batch, report)
            if self.coder:
                self.code_pending(report, progress)
            status = "ok"
        finally:
            self.store.record_run(report, [str(p) for p in paths], started, status)
        return report

    def _flush(self, batch: list[Article], report: RunReport) -> None:
        if not batch:
            return
        existing = self.store.existing_ids(a.id for a in batch)
        fresh: list[tuple[Article, str, MinHash | None]] = []
        unchanged = 0
        for article in batch:
            if article.id in existing:
                unchanged += 1
                continue
            existing.add(article.id)
            digest = content_hash(article.text)
            signature = self.index.signature(article.text)
            original = self.index.find(digest, signature)
            if original:
                # A copy keeps its own metadata (outlet, url, date) but not a second copy of the text.
                fresh.append((dataclasses.replace(article, duplicate_of=original, text="", paragraphs=()), digest, None))
                continue
            self.index.add(article.id, digest, signature)
            fresh.append((article, digest, signature))
        originals = [a for a, _, sig in fresh if sig is not None]
        events, claims = self._code(originals)
        rows = [(a, digest, None if sig is None else [int(v) for v in sig.hashvalues]) for a, digest, sig in fresh]
        self.store.write_batch(report.run_id, rows, events, claims, coder=self._coder_name())
        # Counted only once the batch is stored: a batch that fails is rolled back and adds nothing.
        report.unchanged += unchanged
        report.duplicates += sum(1 for _, _, sig in fresh if sig is None)
        report.added += len(originals)
        report.undated += sum(1 for a, _, _ in fresh if a.published is None)
        report.warnings += [(a.source_uri, w) for a, _, _ in fresh for w in a.warnings]
        report.events += len(events)
        report.claims += len(claims)

    def _coder_name(self) -> str | None:
        return self.coder.name if self.coder and self.settings.coding.code_on_ingest else None

    def _code(self, articles: list[Article]) -> tuple[list[Event], list[Claim]]:
        if not self._coder_name() or not articles:
            return [], []
        assert self.coder is not None
        return self.coder.code_articles(articles)

    def code_pending(self, report: RunReport, progress: Progress | None = None) -> None:
        """Code stored articles this coder has not seen yet (after a crash, or a new coder version)."""
        name = self._coder_name()
        if not name:
            return
        pending = [article_from_row(row) for row in self.store.uncoded_articles(name)]
        size = self.settings.ingest.batch_size
        for start in range(0, len(pending), size):
            chunk = pending[start : start + size]
            events, claims = self._code(chunk)
            self.store.write_coding([a.id for a in chunk], events, claims, name)
            report.recoded += len(chunk)
            report.events += len(events)
            report.claims += len(claims)
            if progress:
                for article in chunk:
                    progress(article.source_uri)


def ingest(settings: Settings, paths: Iterable[str | Path], progress: Progress | None = None,
           coder: Coding | None = None) -> RunReport:
    """Library entry point of ``detente ingest``: new articles are stored and coded, and stored
    articles the coder has not coded yet (a new coder version) are coded too."""
    with Store(settings.db) as store:
        return Pipeline(settings, store, coder).run(list(paths), progress)


def recode(settings: Settings, coder: Coding, progress: Progress | None = None) -> RunReport:
    """Library entry point of ``detente recode``: code every stored article ``coder`` has not coded."""
    with Store(settings.db) as store:
        return Pipeline(settings, store, coder).run([], progress)

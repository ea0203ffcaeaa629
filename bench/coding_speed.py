"""Throughput of the whole ingest-and-code path next to a bare ``nlp.pipe`` over the same texts.

    python bench/coding_speed.py [--limit N]

Both runs use the same spaCy pipeline object in the same process: the bare run is what parsing
alone costs, the full run adds extraction, dedupe, actor resolution, event and claim coding and
the DuckDB writes. Prints articles/s, words/s and their ratio (goal: >= 0.8).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from detente.coding import Coding
from detente.config import load_settings
from detente.extract import Extractor
from detente.pipeline import ingest
from detente.sources import iter_documents

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "bd-news-2025" / "articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=1, help="Run each measurement this many times; best kept.")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(overrides={"db": str(Path(tmp) / "bench.duckdb")})
        coder = Coding(settings)
        nlp = coder.parser.nlp
        extractor = Extractor(settings)
        articles = [a for a in extractor.pipe(iter_documents([args.corpus], max_bytes=10**8)) if hasattr(a, "text")]
        texts = [a.text for a in articles if a.language in (None, "en")]
        words = sum(len(t.split()) for t in texts)
        list(nlp.pipe(texts[:20]))  # warm-up

        bare = full = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=settings.nlp.batch_size):
                pass
            bare = min(bare, time.perf_counter() - start)
            db = Path(tmp) / "bench.duckdb"
            db.unlink(missing_ok=True)
            start = time.perf_counter()
            report = ingest(settings, [args.corpus], coder=coder)
            full = min(full, time.perf_counter() - start)
    print(f"corpus: {args.corpus.name}: {len(texts)} English articles, {words} words")
    print(f"bare nlp.pipe        : {len(texts) / bare:7.1f} articles/s  {words / bare:9.0f} words/s  ({bare:.2f} s)")
    print(f"ingest + code + store: {len(texts) / full:7.1f} articles/s  {words / full:9.0f} words/s  ({full:.2f} s)")
    print(f"events {report.events}, claims {report.claims}")
    print(f"ratio full/bare throughput: {bare / full:.2f} (goal >= 0.80)")


if __name__ == "__main__":
    main()

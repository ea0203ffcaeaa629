"""Clean-up of scraped text: repeats, run-in teasers and appeal blocks before and after detente.

Reads the Bangladeshi corpus ``../shared/corpus/bd-news-2025/articles.jsonl`` (453 dirty articles)
and the seed articles in ``../shared/corpus/seeds`` through detente's own source readers and extract
stage, and counts in the raw text and in ``Article.paragraphs``:

- repeated sentences: sentences of ``MIN_REPEAT_SENTENCE_WORDS`` words or more that occur again in the
  same article (also shown from 6 words, where formulae quoted from several people start to count);
- repeated paragraphs of ``MIN_REPEAT_WORDS`` words or more;
- run-in teasers, two ways: headlines of *other* articles of the corpus found inside a text (an
  outside measure, it sees teasers anywhere), and texts whose end runs on, unpunctuated, past the
  last full sentence (the shape of BD News 24's related-headline strip);
- copyright and credit lines inside the text.

Run::

    .venv/bin/python bench/boilerplate.py

``count_repeats`` and ``corpus_figures`` are imported by ``tests/extract/test_boilerplate.py``.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from detente.config import Settings
from detente.extract import Extractor
from detente.extract.boilerplate import MIN_REPEAT_SENTENCE_WORDS, MIN_REPEAT_WORDS, split_run_in_tail, unglue
from detente.records import Article
from detente.sources import iter_documents

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
BD_CORPUS = SHARED / "corpus" / "bd-news-2025" / "articles.jsonl"
SEEDS = SHARED / "corpus" / "seeds"
# Headlines shorter than this are too generic to be taken for a teaser when found inside a text.
MIN_HEADLINE_WORDS = 4
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_COPYRIGHT = re.compile(r"(?:copyright\s*)?©|\bcopyright\s+(?:\d{4}|by)\b|\ball rights reserved\b", re.IGNORECASE)


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def count_repeats(paragraphs: Sequence[str], *, min_words: int = MIN_REPEAT_SENTENCE_WORDS) -> tuple[int, int]:
    """``(repeated sentences, repeated paragraphs)``: occurrences beyond the first in one article."""
    sentences = Counter(
        key for p in paragraphs for s in _SENTENCE.split(unglue(p)) if len((key := _key(s)).split()) >= min_words
    )
    blocks = Counter(key for p in paragraphs if len((key := _key(p)).split()) >= MIN_REPEAT_WORDS)
    extra = lambda counts: sum(n - 1 for n in counts.values() if n > 1)  # noqa: E731
    return extra(sentences), extra(blocks)


def run_in_tail(paragraphs: Sequence[str]) -> bool:
    return bool(paragraphs) and bool(split_run_in_tail(paragraphs[-1])[1])


@dataclass
class Figures:
    """Counts over a corpus, before (raw text) and after detente's clean-up."""

    articles: int = 0
    stored: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    before: Counter[str] = field(default_factory=Counter)
    after: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, side: Counter[str], paragraphs: Sequence[str], headlines: Iterable[str]) -> None:
        sentences, blocks = count_repeats(paragraphs)
        side["repeated sentences"] += sentences
        side["repeated sentences (from 6 words)"] += count_repeats(paragraphs, min_words=6)[0]
        side["repeated paragraphs"] += blocks
        text = "\n".join(paragraphs)
        side["other articles' headlines in text"] += sum(1 for h in headlines if h in text)
        side["texts ending in a run-in tail"] += run_in_tail(paragraphs)
        side["copyright lines in text"] += len(_COPYRIGHT.findall(text))


def _raw_paragraphs(record: dict[str, object]) -> list[str]:
    text = str(record.get("text") or "")
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def corpus_figures(path: Path = BD_CORPUS, settings: Settings | None = None) -> Figures:
    """Run the JSONL corpus through detente's reader and extract stage; count before and after."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    titles = {str(r.get("title") or "").strip() for r in records}
    titles = {t for t in titles if len(t.split()) >= MIN_HEADLINE_WORDS}
    figures = Figures(articles=len(records))
    extractor = Extractor(settings or Settings())
    started = time.perf_counter()
    results = list(extractor.pipe(iter_documents([path], max_bytes=1 << 30)))
    figures.seconds = time.perf_counter() - started
    for record, result in zip(records, results, strict=True):
        headlines = titles - {str(record.get("title") or "").strip()}
        figures.add(figures.before, _raw_paragraphs(record), headlines)
        if isinstance(result, Article):
            figures.stored += 1
            figures.add(figures.after, result.paragraphs, headlines)
        else:
            figures.rejected[re.sub(r"\d+", "N", result.reason)] += 1
    return figures


def seed_articles(folder: Path = SEEDS, settings: Settings | None = None) -> dict[str, Article]:
    """The seed articles through detente, by file name."""
    extractor = Extractor(settings or Settings())
    out: dict[str, Article] = {}
    for item in extractor.pipe(iter_documents([folder], max_bytes=1 << 30)):
        assert isinstance(item, Article), item
        out[Path(item.source_uri).name] = item
    return out


def main() -> None:
    if not BD_CORPUS.exists():
        raise SystemExit(f"no corpus at {BD_CORPUS} (needs ../shared/corpus)")
    figures = corpus_figures()
    print(f"{BD_CORPUS.name}: {figures.articles} articles, {figures.stored} kept, "
          f"{sum(figures.rejected.values())} rejected, {figures.seconds / figures.articles * 1000:.1f} ms/article")
    for reason, n in figures.rejected.most_common():
        print(f"  rejected {n:3}: {reason}")
    print(f"{'':36} {'before':>7} {'after':>7}")
    for name in figures.before:
        print(f"{name:36} {figures.before[name]:7} {figures.after[name]:7}")
    if SEEDS.exists():
        print("\nseeds:")
        for name, article in seed_articles().items():
            raw = (SEEDS / name).read_text(encoding="utf-8").splitlines()
            sentences, blocks = count_repeats(raw)
            kept_s, kept_b = count_repeats(article.paragraphs)
            print(f"  {name}: {len(article.removed)} boilerplate paragraphs removed; repeated paragraphs "
                  f"{blocks} -> {kept_b}, sentences {sentences} -> {kept_s}; relays {', '.join(article.relays) or '-'}")


if __name__ == "__main__":
    main()

"""Main-text extraction quality: plain trafilatura against detente's extract stage.

Scores the 90 pages of ``../shared/eval/extraction-dev`` (a split of the ScrapingHub article
extraction benchmark) the way its README says: 4-word shingles of lower-cased ``\\w+`` tokens,
per-page precision and recall averaged over pages, F1 of the two averages.

Run::

    .venv/bin/python bench/extraction.py            # figures for both extractors
    .venv/bin/python bench/extraction.py --worst 8  # and the pages where detente loses most

``score(pairs)`` is imported by ``tests/extract/test_extraction_quality.py``, the pinned-floor gate.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

SHINGLE = 4
EVAL_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "extraction-dev"
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    pages: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-word shingles of ``text`` (a text shorter than ``n`` words is one shingle)."""
    tokens = _TOKEN.findall(text.lower())
    if 0 < len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_score(predicted: str, truth: str) -> tuple[float, float]:
    """(precision, recall) of one page; an empty prediction scores 0 unless the truth is empty too."""
    pred, gold = shingles(predicted), shingles(truth)
    if not pred or not gold:
        both_empty = float(not pred and not gold)
        return both_empty, both_empty
    overlap = sum((pred & gold).values())
    return overlap / sum(pred.values()), overlap / sum(gold.values())


def score(pairs: Iterable[tuple[str, str]]) -> Score:
    """Averaged precision and recall over ``(predicted, truth)`` pairs, one pair per page.

    >>> round(score([("the cat sat on the mat", "the cat sat on the mat")]).f1, 2)
    1.0
    """
    scores = [page_score(pred, truth) for pred, truth in pairs]
    if not scores:
        return Score(0.0, 0.0, 0)
    return Score(sum(p for p, _ in scores) / len(scores), sum(r for _, r in scores) / len(scores), len(scores))


def load_pages(eval_dir: Path = EVAL_DIR) -> list[tuple[str, bytes, str]]:
    """``(page id, html bytes, true article body)`` for every page with ground truth."""
    truth = json.loads((eval_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        html = gzip.decompress((eval_dir / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, html, truth[page_id].get("articleBody") or ""))
    return pages


def plain_trafilatura(**options: bool) -> Callable[[bytes], str]:
    import trafilatura

    return lambda html: trafilatura.extract(html, **options) or ""


def detente_extractor(*, with_title: bool = False) -> Callable[[bytes], str]:
    """detente's extract stage with default settings; a rejected page counts as empty text."""
    from detente.config import Settings
    from detente.extract import Extractor
    from detente.records import Article, RawDocument

    extractor = Extractor(Settings())

    def run(html: bytes) -> str:
        article = extractor(RawDocument(uri="page.html", content=html, content_type="html"))
        if not isinstance(article, Article):
            return ""
        return f"{article.title}\n\n{article.text}" if with_title and article.title else article.text

    return run


def evaluate(extract: Callable[[bytes], str], pages: list[tuple[str, bytes, str]]) -> tuple[Score, float, dict[str, str]]:
    """Score of ``extract`` over ``pages``, seconds per page, and each page's output."""
    outputs: dict[str, str] = {}
    started = time.perf_counter()
    for page_id, html, _ in pages:
        outputs[page_id] = extract(html)
    per_page = (time.perf_counter() - started) / max(1, len(pages))
    return score((outputs[pid], truth) for pid, _, truth in pages), per_page, outputs


def _f1(pred: str, truth: str) -> float:
    p, r = page_score(pred, truth)
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=EVAL_DIR, help="extraction-dev folder")
    parser.add_argument("--worst", type=int, default=5, help="pages where detente loses most F1 to print")
    args = parser.parse_args()
    if not (args.eval / "ground-truth.json").exists():
        raise SystemExit(f"no benchmark at {args.eval} (needs ../shared/eval/extraction-dev)")
    pages = load_pages(args.eval)
    truths = {pid: truth for pid, _, truth in pages}
    runs = {
        "trafilatura.extract (defaults)": plain_trafilatura(),
        # detente asks trafilatura for no comments; this row shows what its own clean-up adds.
        "trafilatura.extract (no comments)": plain_trafilatura(include_comments=False),
        "detente Extractor (Article.text)": detente_extractor(),
        "detente Extractor (title + text)": detente_extractor(with_title=True),
    }
    results = {}
    print(f"{len(pages)} pages, {SHINGLE}-word shingles")
    print(f"{'extractor':36} {'P':>7} {'R':>7} {'F1':>7} {'ms/page':>8}")
    for name, extract in runs.items():
        result, per_page, outputs = evaluate(extract, pages)
        results[name] = outputs
        print(f"{name:36} {result.precision:7.4f} {result.recall:7.4f} {result.f1:7.4f} {per_page * 1000:8.1f}")
    plain, ours = results["trafilatura.extract (defaults)"], results["detente Extractor (Article.text)"]
    losses = sorted(((_f1(plain[p], truths[p]) - _f1(ours[p], truths[p]), p) for p in truths), reverse=True)
    print(f"\npages where detente loses most F1 against plain trafilatura (top {args.worst}):")
    for loss, page_id in losses[: args.worst]:
        if loss <= 0:
            break
        print(f"  {page_id[:16]}  -{loss:.3f}  plain {len(plain[page_id])} chars, detente {len(ours[page_id])} chars")


if __name__ == "__main__":
    main()

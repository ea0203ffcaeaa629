"""Quality gate: main-text extraction F1 on the 90 pages of ``../shared/eval/extraction-dev``.

Floors are pinned at the measured figures rounded down (see ``bench/extraction.py``); raise them when
extraction improves, never lower them silently. Measured (2 decimals, rounded down): detente
P 0.95, R 0.97, F1 0.96; plain ``trafilatura.extract`` defaults F1 0.94.
"""

from __future__ import annotations

import pytest

F1_FLOOR = 0.96
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.97

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pages(request):
    shared = request.getfixturevalue("shared")
    folder = shared / "eval" / "extraction-dev"
    if not (folder / "ground-truth.json").exists():
        pytest.skip("needs ../shared/eval/extraction-dev")
    bench = request.getfixturevalue("bench_module")("extraction")
    return bench, bench.load_pages(folder)


def test_scoring_matches_the_benchmark_definition(bench_module):
    bench = bench_module("extraction")
    perfect = bench.score([("One two three four five.", "one, two; three four five")])
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    half = bench.score([("a b c d x y z w", "a b c d e")])  # 5 shingles predicted, 1 right; 2 true, 1 found
    assert (half.precision, half.recall) == (0.2, 0.5)
    averaged = bench.score([("a b c d", "a b c d"), ("", "a b c d")])  # averaged per page, then F1
    assert (averaged.precision, averaged.recall, averaged.pages) == (0.5, 0.5, 2)


def test_detente_extraction_meets_its_floor_and_beats_plain_trafilatura(pages):
    bench, data = pages
    ours, _, _ = bench.evaluate(bench.detente_extractor(), data)
    plain, _, _ = bench.evaluate(bench.plain_trafilatura(), data)
    assert ours.pages == 90
    assert ours.f1 >= F1_FLOOR, f"extraction F1 {ours.f1:.4f} fell below the pinned floor {F1_FLOOR}"
    assert ours.precision >= PRECISION_FLOOR and ours.recall >= RECALL_FLOOR, ours
    # detente's clean-up may only help: it must not score below the extractor it wraps.
    assert ours.f1 >= plain.f1, f"detente F1 {ours.f1:.4f} < plain trafilatura {plain.f1:.4f}"

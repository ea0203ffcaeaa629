"""Language detection (langdetect, seeded so results are repeatable)."""

from __future__ import annotations

from langdetect import DetectorFactory, LangDetectException, detect

DetectorFactory.seed = 0
# The first few thousand characters decide; more only costs time.
SAMPLE_CHARS = 2000


def detect_language(text: str) -> str | None:
    try:
        return detect(text[:SAMPLE_CHARS])
    except LangDetectException:
        return None

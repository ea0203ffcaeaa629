"""Row builders for the analysis tests: hand-made articles, events and claims, no coder involved."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Sequence
from typing import Any

CODER = "plover.rules.v1"
_ids = itertools.count()


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def article(aid: str, published: str | None, outlet: str = "Kestrel", text: str = "Some text.",
            title: str | None = None, duplicate_of: str | None = None) -> dict[str, Any]:
    return {"id": aid, "source_uri": f"file:///{aid}.txt", "url": f"https://example.org/{aid}", "outlet": outlet,
            "title": title or f"Article {aid}", "published": day(published) if published else None,
            "language": "en", "text": text, "duplicate_of": duplicate_of}


def actor(code: str | None, role: str, text: str | None = None) -> dict[str, Any]:
    country = code[:3] if code else None
    sector = code[3:] or None if code else None
    return {f"{role}_code": code, f"{role}_country": country, f"{role}_sector": sector, f"{role}_text": text or code}


def event(article_id: str, date: str | None, source: str, target: str, type: str = "CONSULT", quad: int = 1,
          intensity: float = 1.0, modality: str = "asserted", coder: str = CODER, evidence: str = "Evidence.",
          span: tuple[int, int] = (0, 9), **extra: Any) -> dict[str, Any]:
    row = {"id": f"ev{next(_ids)}", "article_id": article_id, "sentence": 0, "span_start": span[0],
           "span_end": span[1], "evidence": evidence, "date": day(date) if date else None, "type": type,
           "mode": None, "quad_class": quad, "intensity": intensity, "modality": modality, "attributed_to": None,
           "coder": coder, "confidence": 0.9, "trigger": ""}
    row.update(actor(source, "source"))
    row.update(actor(target, "target"))
    row.update(extra)
    return row


def claim(article_id: str, speaker: str, verb: str, content: str, subjects: Sequence[str] = (),
          disputes: str | None = None, cid: str | None = None, modality: str = "asserted",
          speaker_text: str | None = None) -> dict[str, Any]:
    row = {"id": cid or f"cl{next(_ids)}", "article_id": article_id, "sentence": 0, "evidence": f"{speaker} {verb}s.",
           "verb": verb, "content": content, "modality": modality, "disputes": disputes, "coder": CODER,
           "subjects": json.dumps([{"code": s, "country": s[:3], "sector": s[3:] or None, "text": s} for s in subjects])}
    row.update(actor(speaker, "speaker", speaker_text))
    return row

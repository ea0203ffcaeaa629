"""Fixtures of the analysis tests: a store made from hand-made rows (see analysis_rows.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from detente.store import Store


@pytest.fixture
def make_store(tmp_path: Any) -> Any:
    """make_store(articles, events=(), claims=()) -> an open Store in tmp_path."""
    opened: list[Store] = []

    def make(articles: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]] = (),
             claims: Sequence[dict[str, Any]] = ()) -> Store:
        store = Store(tmp_path / f"t{len(opened)}.duckdb")
        with store.transaction():
            store._insert("articles", list(articles))
            store._insert("events", list(events))
            store._insert("claims", list(claims))
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()

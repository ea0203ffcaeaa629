"""The bundled sample corpus, coded for real: the relation changes it was written to show are found."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.analysis import DyadQuery, detect_shifts
from detente.coding import Coding
from detente.config import Settings
from detente.demo import sample_corpus
from detente.pipeline import ingest
from detente.store import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    settings = Settings(db=str(tmp_path_factory.mktemp("sample") / "sample.duckdb"))
    ingest(settings, [sample_corpus()], coder=Coding(settings))
    return Store(settings.db, read_only=True)


def test_us_india_cooling_is_found(store: Store) -> None:
    report = detect_shifts(store, DyadQuery("USA", "IND", freq="week"))
    (shift,) = report.shifts
    assert shift.direction == "cooling" and shift.p_value <= 0.05
    assert str(shift.last_before) < "2025-07-15" < str(shift.start) < "2025-08-15"
    assert any(d["type"] == "SANCTION" for d in shift.drivers)


def test_us_pakistan_is_warmer_than_us_india(store: Store) -> None:
    def net(a: str, b: str) -> float:
        rows = store.query("SELECT sum(intensity) / sum(abs(intensity)) AS net FROM events WHERE modality = 'asserted' "
                           "AND list_sort([source_country, target_country]) = list_sort([?, ?])", [a, b])
        return float(rows[0]["net"])

    assert net("USA", "PAK") > 0.5 > 0 > net("USA", "IND")

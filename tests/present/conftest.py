"""Fixtures of the API, dashboard, brief and CLI tests: the hand-made world of present_world.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from present_world import build_world


@pytest.fixture(scope="session")
def world_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_world(tmp_path_factory.mktemp("world") / "world.duckdb")


@pytest.fixture(scope="session")
def client(world_db: Path) -> Any:
    from fastapi.testclient import TestClient

    from detente.present.api import create_app

    with TestClient(create_app(world_db)) as test_client:
        yield test_client

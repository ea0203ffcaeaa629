"""A coder loaded once per test session: spaCy loading is the slow part."""

from __future__ import annotations

import pytest

from detente.coding.coder import RulesCoder
from detente.config import Settings


@pytest.fixture(scope="session")
def coder() -> RulesCoder:
    return RulesCoder(Settings())

"""Coders loaded once per test session: spaCy loading is the slow part."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.coding import Coding, get_coder
from detente.config import Settings
from detente.records import Article, Claim, Event


class TextCoding:
    """The coding stage over plain texts, as the tests use it."""

    def __init__(self, coding: Coding) -> None:
        self.coding = coding

    def code_text(self, text: str, date: dt.date | None = None, article_id: str = "text"
                  ) -> tuple[list[Event], list[Claim]]:
        article = Article(id=article_id, source_uri=article_id, text=text, published=date, language="en")
        return self.coding.code_articles([article])


@pytest.fixture(scope="session")
def coding() -> Coding:
    return Coding(Settings(), get_coder(Settings(), "rules"))


@pytest.fixture(scope="session")
def coder(coding: Coding) -> TextCoding:
    return TextCoding(coding)

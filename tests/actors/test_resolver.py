"""Noun phrases to CAMEO-style codes, on phrases written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.actors import Resolver, load_gazetteer
from detente.nlp import load_model

DAY = dt.date(2025, 9, 1)


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(load_gazetteer(), load_model())


def codes(resolver: Resolver, sentence: str, head: str) -> list[str | None]:
    doc = resolver_nlp(sentence)
    token = next(t for t in doc if t.text == head)
    return [a.code for a in resolver.resolve_all(token, resolver.mentions(doc), DAY)]


def resolver_nlp(text: str):  # noqa: ANN201 - a spaCy Doc
    return load_model()(text)


@pytest.mark.parametrize("sentence, head, expected", [
    ("Islamabad welcomed the decision.", "Islamabad", ["PAKGOV"]),
    ("The White House welcomed the decision.", "House", ["USAGOV"]),
    ("Pakistani troops crossed the river.", "troops", ["PAKMIL"]),
    ("Officials from Kabul arrived.", "Officials", ["AFGGOV"]),
    ("The UN condemned the attack.", "UN", ["UN"]),
    ("Field Marshal Asim Munir arrived.", "Munir", ["PAKMIL"]),
    ("US Strategic Metals signed the deal.", "Metals", ["USABUS"]),
    ("Pakistan's Karakoram Stoneworks Organisation signed the deal.", "Organisation", ["PAK"]),
    ("Indian and Chinese officials met.", "officials", ["INDGOV", "CHNGOV"]),
    ("The talks were useful.", "talks", []),
])
def test_phrases_resolve(resolver: Resolver, sentence: str, head: str, expected: list[str]) -> None:
    assert codes(resolver, sentence, head) == expected


def test_spurious_short_forms_are_ignored(resolver: Resolver) -> None:
    doc = resolver_nlp("Let us meet in May.")
    assert resolver.mentions(doc) == {}


@pytest.mark.parametrize("sentence, head, expected", [
    ("The Bangladesh Labour Party said it would join the alliance.", "Party", ["BGDPTY"]),
    ("The Labour Party won the vote.", "Party", ["GBRPTY"]),
])
def test_a_country_before_a_partys_name_makes_it_that_countrys(resolver: Resolver, sentence: str, head: str,
                                                                 expected: list[str]) -> None:
    assert codes(resolver, sentence, head) == expected

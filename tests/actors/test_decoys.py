"""Places inside names are not those places: the decoy fixture (sentences written for this test).

Each record of ``decoys.jsonl`` holds a sentence with a country, capital, city or demonym inside a
personal name, a firm's name or a title ("Jordan Peterson", "Georgia Power", "the film
Casablanca"), and the genuine countries of the same sentence, which must still resolve.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.actors import Resolver, load_gazetteer
from detente.nlp import load_model

DECOYS = [json.loads(line) for line in (Path(__file__).parent / "decoys.jsonl").read_text("utf-8").splitlines()
          if line.strip()]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(load_gazetteer(), load_model())


def countries_at(resolver: Resolver, text: str, words: str) -> set[str | None]:
    """Countries of the dictionary mentions covering ``words`` in ``text``."""
    doc = load_model()(text)
    mentions = resolver.mentions(doc)
    start = text.index(words)
    span = doc.char_span(start, start + len(words), alignment_mode="expand")
    assert span is not None
    return {mentions[t.i].entries[0].country for t in span if t.i in mentions}


def test_the_fixture_is_large_and_mixed() -> None:
    kinds = {r["kind"] for r in DECOYS}
    assert len(DECOYS) >= 40 and kinds == {"person", "firm", "title"}


@pytest.mark.parametrize("record", DECOYS, ids=[r["name"] for r in DECOYS])
def test_a_place_inside_a_name_is_not_that_place(resolver: Resolver, record: dict) -> None:
    text = record["text"]
    assert record["decoy_country"] not in countries_at(resolver, text, record["name"])
    for real in record["real"]:
        assert countries_at(resolver, text, real["text"]) == {real["country"]}, real

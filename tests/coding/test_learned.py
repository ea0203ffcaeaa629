"""The learned coder shipped in the package: loads offline, names its model, codes news sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from detente.coding import Coding, get_coder
from detente.coding.learned import model_dir
from detente.config import Settings
from detente.pipeline import ingest
from detente.records import Article
from detente.store import Store


@pytest.fixture(scope="module")
def learned() -> Coding:
    return Coding(Settings(), get_coder(Settings(), "learned"))


def _article(text: str, article_id: str = "a") -> Article:
    return Article(id=article_id, source_uri=article_id, text=text, language="en")


def test_the_shipped_model_is_small_and_named_by_its_hash(learned: Coding) -> None:
    model = model_dir(Settings()) / "model.onnx"
    assert model.stat().st_size < 30e6
    assert re.fullmatch(r"plover\.learned\.v1\+[0-9a-f]{8}", learned.name)
    assert (model.parent / "card.json").exists() and (model.parent / "MODEL_CARD.md").exists()


@pytest.mark.parametrize("text, expected", [
    ("Pakistan accused India of sponsoring terrorism in Balochistan.", ("ACCUSE", "PAK", "IND")),
    ("Russian troops shelled the Ukrainian city of Kharkiv on Sunday.", ("ASSAULT", "RUS", "UKR")),
    ("The foreign ministers of Japan and South Korea met in Tokyo on Friday.", ("CONSULT", "JPN", "KOR")),
])
def test_codes_plain_news_sentences(learned: Coding, text: str, expected: tuple[str, str, str]) -> None:
    events, _ = learned.code_articles([_article(text)])
    found = {(e.type, e.source.country, e.target.country) for e in events}
    assert expected in found, found
    assert all(e.evidence == text and e.trigger and 0 < e.confidence <= 1 for e in events)


def test_a_sentence_codes_the_same_alone_or_in_a_batch(learned: Coding) -> None:
    text = "Pakistan accused India of sponsoring terrorism in Balochistan."
    others = [_article("The United States and Pakistan signed an agreement on critical minerals in "
                       f"Washington on Monday after {n} rounds of talks.", f"o{n}") for n in range(5)]
    alone, _ = learned.code_articles([_article(text)])
    batched, _ = learned.code_articles([*others, _article(text)])
    assert [(e.type, e.source.code, e.target.code, e.confidence) for e in alone] == \
        [(e.type, e.source.code, e.target.code, e.confidence) for e in batched if e.article_id == "a"]


def test_reingesting_a_rules_store_recodes_with_the_learned_coder(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Talks in Doha\nDate: 2025-10-19\n\nPakistan accused Afghanistan of sheltering "
                                  "militants. Pakistan and Afghanistan held talks in Doha on Saturday, and "
                                  "Qatar said the two delegations would meet again next week.\n")
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    rules = ingest(settings, [folder], coder=Coding(settings, get_coder(settings, "rules")))
    learned = ingest(settings, [folder], coder=Coding(settings, get_coder(settings, "learned")))
    assert rules.added == 1 and learned.added == 0 and learned.recoded == 1 and learned.events > 0
    with Store(settings.db, read_only=True) as store:
        coders = [r["coder"] for r in store.query("SELECT DISTINCT coder FROM events ORDER BY coder")]
    assert coders[0].startswith("plover.learned.v1+") and coders[1] == "plover.rules.v2"


def test_a_broken_model_folder_is_a_clear_error(tmp_path: Path) -> None:
    from detente.errors import ModelError

    (tmp_path / "model.onnx").write_bytes(b"not a model")
    with pytest.raises(ModelError, match=str(tmp_path)):
        get_coder(Settings(coding={"model": str(tmp_path)}), "learned")  # type: ignore[arg-type]
    with pytest.raises(ModelError, match="No learned coder model"):
        get_coder(Settings(coding={"model": str(tmp_path / "missing")}), "learned")  # type: ignore[arg-type]

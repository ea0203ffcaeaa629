"""``detente train``: argument parsing and a progress bar around ``detente.training.train``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from detente.errors import InputError, ModelError
from detente.present.cli import app, console, errors

SHARED = Path("../shared")


def default_data() -> list[Path]:
    """The project's training data beside the checkout: ``../shared/train`` and the PLOVER GSR."""
    return [p for p in (SHARED / "train", SHARED / "eval" / "plover-gsr.jsonl") if p.exists()]


def gold_files(data: list[Path]) -> dict[str, Path]:
    """The silver test beside the training data and the dev gold beside it, when present."""
    folders = [d if d.is_dir() else d.parent for d in data]
    found: dict[str, Path] = {}
    for folder in folders:
        for name, path in (("silver_test", folder / "events-silver-test.jsonl"),
                           ("dev", folder.parent / "eval" / "events-dev.jsonl")):
            if path.exists():
                found.setdefault(name, path)
    return found


def compared(folders: list[Path]) -> dict[str, dict[str, object]]:
    """Other designs' figures, from their cards: label -> gold -> figures (without per-type detail)."""
    import json

    found: dict[str, dict[str, object]] = {}
    for folder in folders:
        card_file = folder / "card.json"
        if not card_file.exists():
            raise InputError(f"{card_file}: no model card to compare with.")
        card = json.loads(card_file.read_text())
        h = card["hyperparameters"]
        label = (f"{'encoder frozen, heads only' if h.get('freeze_encoder') else 'encoder fine-tuned'}, "
                 f"{h['epochs']} epochs, lr {h['lr']}/{h['head_lr']}")
        found[label] = {k: {f: v[f] for f in v if f not in {"per_type", "confusion"}}
                        for k, v in card.get("figures", {}).items()}
    return found


@app.command()
def train(
    data: Optional[list[Path]] = typer.Option(None, "--data", help="Training JSONL files or folders (default: "
                                              "../shared/train and ../shared/eval/plover-gsr.jsonl)."),
    out: Path = typer.Option(Path("detente-model"), "--out", help="Folder to write the model and its card to."),
    epochs: int = typer.Option(5, min=1, max=50),
    seed: int = typer.Option(13),
    lr: float = typer.Option(6e-5, help="Learning rate of the encoder."),
    head_lr: float = typer.Option(1e-3, help="Learning rate of the heads."),
    trigger_weight: float = typer.Option(1.0, help="Weight of the trigger-tag loss."),
    tune_embeddings: bool = typer.Option(False, "--tune-embeddings", help="Fine-tune the word embeddings too."),
    threads: int = typer.Option(0, min=0, help="Torch threads (0: all cores)."),
    limit: Optional[int] = typer.Option(None, min=1, help="Train on the first N records only (a quick check)."),
    quantize: bool = typer.Option(True, "--quantize/--no-quantize", help="Store int8 weights."),
    int8_activations: bool = typer.Option(False, "--int8-activations", help="Quantise activations too: faster, "
                                          "slightly less accurate."),
    freeze_encoder: bool = typer.Option(False, "--freeze-encoder", help="Train the heads only, the encoder frozen."),
    measure: bool = typer.Option(True, "--measure/--no-measure", help="Tune decoding and score the silver test "
                                 "and dev gold into the card."),
    keep_weights: Optional[Path] = typer.Option(None, "--keep-weights", help="Also save the torch weights here."),
    compare: Optional[list[Path]] = typer.Option(None, "--compare", help="Model folders of other designs whose "
                                                 "measured figures the new card lists beside its own."),
) -> None:
    """Train the learned event coder from annotated JSONL and export it to ONNX with a model card.

    Use the model with `--coder learned` and the coding.model setting (or `--out` the package's
    model folder to replace the shipped one)."""
    try:
        from detente.training.train import TrainOptions
        from detente.training.train import train as run_train
    except ImportError as exc:
        raise ModelError(f"Training needs the train extra ({exc.name} is missing).",
                         hint="pip install -e '.[train]'") from exc
    data = data or default_data()
    if not data:
        raise InputError("No training data given and none found at ../shared/train.", hint="Pass --data FILE_OR_DIR.")
    options = TrainOptions(data=data, out=out, epochs=epochs, seed=seed, threads=threads, limit=limit,
                           quantize=quantize, int8_activations=int8_activations, freeze_encoder=freeze_encoder, lr=lr, head_lr=head_lr,
                           trigger_weight=trigger_weight, freeze_embeddings=not tune_embeddings, measure=gold_files(data) if measure else {},
                           keep_weights=keep_weights, extra={"compared_with": compared(compare or [])})
    with Progress(TextColumn("[bold]train"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  TimeElapsedColumn(), TimeRemainingColumn(), console=errors, transient=True) as bar:
        task = bar.add_task("", total=None)
        result = run_train(options, lambda step, steps, text: bar.update(task, completed=step, total=steps,
                                                                          description=text),
                           lambda text: bar.update(task, description=text[-60:]))
    card = result.card
    console.print(f"model → {out} ({card['training_seconds']:.0f} s, {card['counts']['train_sentences']} sentences)")
    for name, figures in card.get("figures", {}).items():
        console.print(f"  {name}: F1 {figures['f1']:.3f} (P {figures['precision']:.3f}, R {figures['recall']:.3f}), "
                      f"false-assertion rate {figures['false_assertion_rate']:.3f}")

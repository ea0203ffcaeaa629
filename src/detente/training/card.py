"""The model card as Markdown, rendered from ``card.json`` (what ``detente train`` measured)."""

from __future__ import annotations

from typing import Any

FIGURES = ("precision", "recall", "f1", "macro_f1", "modality_accuracy", "false_assertion_rate")
NAMES = {"validation": "validation (held-out training articles; tunes decoding)",
         "silver_test": "silver test (`events-silver-test.jsonl`)", "dev": "dev gold (`events-dev.jsonl`)"}


def _table(rows: list[list[Any]], header: list[str]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines + [""]


def render_card(card: dict[str, Any]) -> str:
    lines = [f"# Model card: {card['name']}", "",
             f"Created {card['created']}; encoder {card['encoder']['name']} ({card['encoder']['licence']}), "
             f"with five heads (trigger tags, actor tags, biaffine source/target roles, modality, actor country); "
             f"exported to ONNX with int8 weights. Reproduce with `detente train` (hyper-parameters below).", ""]
    figures = card.get("figures", {})
    if figures:
        lines += ["## Figures (`detente eval` scoring)", ""]
        lines += _table([[NAMES.get(k, k), v.get("sentences", ""), *(f"{v[f]:.3f}" for f in FIGURES)]
                         for k, v in figures.items()], ["gold", "sentences", *FIGURES])
    for name, other in card.get("compared_with", {}).items():
        lines += [f"Compared design — {name}:", ""]
        lines += _table([[NAMES.get(k, k), *(f"{v[f]:.3f}" for f in FIGURES)] for k, v in other.items()],
                        ["gold", *FIGURES])
    silver = figures.get("silver_test", {})
    if silver.get("per_type"):
        lines += ["## Per type on the silver test", ""]
        lines += _table([[t, v["gold"], v["predicted"], v["precision"], v["recall"], v["f1"]]
                         for t, v in sorted(silver["per_type"].items(), key=lambda kv: -kv[1]["gold"])],
                        ["type", "gold", "output", "P", "R", "F1"])
        confusion = sorted(((g, p, n) for g, row in silver.get("confusion", {}).items() for p, n in row.items()),
                           key=lambda x: -x[2])
        if confusion:
            lines += ["Most frequent type confusions (gold → output, same countries):", ""]
            lines += _table([list(c) for c in confusion[:12]], ["gold", "output", "count"])
    lines += ["## Data", ""]
    lines += _table([[d["file"], d["sha256"][:16] + "…"] for d in card["data"]], ["file", "sha256"])
    counts = card["counts"]
    lines += [f"{counts['train_sentences']} training sentences ({counts['train_events']} events), "
              f"{counts['validation_sentences']} held out by article for tuning.", ""]
    lines += ["## Settings", ""]
    lines += _table([[k, v] for k, v in card["hyperparameters"].items()], ["hyper-parameter", "value"])
    if card.get("decode"):
        lines += _table([[k, v] for k, v in card["decode"].items()], ["decoding", "value"])
    lines += [f"Training time: {card['training_seconds']:.0f} s"
              + (f" ({card['total_seconds']:.0f} s with tuning and scoring)" if "total_seconds" in card else "")
              + ".", ""]
    if card.get("notes"):
        lines += ["## Notes", "", card["notes"], ""]
    return "\n".join(lines)

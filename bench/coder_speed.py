"""Sentences/s of ``detente code`` with each coder, next to a bare spaCy ``nlp.pipe`` of the same sentences.

    python bench/coder_speed.py [--sentences 10000] [--coders rules,learned]

Each measurement runs in a fresh child process, so its peak RSS is its own: the bare parse, then
``detente code`` (parse, actor mentions, the event coder, claims, JSON out) with each coder over
the same sentences (drawn from ``shared/train``'s JSONL files, in file order).
Goal: the learned coder's whole path keeps at least 0.6x the bare spaCy rate.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRAIN = Path(__file__).resolve().parents[1].parent / "shared" / "train"


def sentences(limit: int) -> list[dict]:
    rows: list[dict] = []
    for path in sorted(TRAIN.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                rows.append({"id": f"{path.stem}-{len(rows)}", "text": record["text"], "date": record.get("date")})
                if len(rows) >= limit:
                    return rows
    return rows


def child(kind: str, data: Path) -> None:
    from detente.config import load_settings

    settings = load_settings()
    texts = [json.loads(line)["text"] for line in data.read_text(encoding="utf-8").splitlines()]
    if kind == "bare":
        from detente.nlp import load_model

        nlp = load_model(settings.nlp.model)
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.nlp.batch_size):
            pass
    else:
        from detente.coding.jsonl import code_file

        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            code_file(settings, data, Path(tmp) / "out.jsonl", kind)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"kind": kind, "seconds": seconds, "sentences": len(texts), "peak_rss_mb": peak}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--coders", default="rules,learned")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    if not TRAIN.is_dir():
        sys.exit(f"training sentences not found: {TRAIN}")
    rows = sentences(args.sentences)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "sentences.jsonl"
        data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        results = {}
        for kind in ["bare", *args.coders.split(",")]:
            out = subprocess.run([sys.executable, __file__, "--child", kind, str(data)], check=True,
                                 capture_output=True, text=True).stdout.strip().splitlines()[-1]
            results[kind] = json.loads(out)
    bare = results["bare"]["sentences"] / results["bare"]["seconds"]
    print(f"{len(rows)} sentences from {TRAIN}")
    for kind, r in results.items():
        rate = r["sentences"] / r["seconds"]
        label = "bare spaCy nlp.pipe" if kind == "bare" else f"detente code --coder {kind}"
        print(f"{label:32s}: {rate:7.1f} sentences/s  ({r['seconds']:6.1f} s)  {rate / bare:4.2f}x bare  "
              f"peak RSS {r['peak_rss_mb']:6.0f} MB")


if __name__ == "__main__":
    main()

"""Scoring an event coder against gold JSONL, as ``shared/eval/GUIDELINES.md`` defines it.

An output event matches a gold event when type, source country and target country are equal
(each gold event matched at most once). Precision, recall and F1 are micro-averaged over all
sentences; per-type F1 and macro-F1 (over types present in gold or output) are reported too.
Modality accuracy is over matched events. A false assertion is an output event marked
``asserted`` that matches a gold event whose modality is negated, hedged, denied or claimed; its
rate is given over those matched non-asserted gold events (and, second, over all matched output
events marked asserted).

Gold converted from older PLOVER records writes ``IGO`` for every international organisation;
such a gold country matches any IGO acronym of the actor dictionary; its few older CAMEO country
codes (``JAP``, ``ITL`` ...) are read as their ISO codes (``LEGACY_CODES``). Gold that follows the
PLOVER manual's fold of future cooperation into AGREE (the PLOVER gold standard records) is scored
with ``fold=True``, which applies ``plover_fold`` to the output first.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.coding.modality import DENY_VERBS
from detente.errors import InputError

if TYPE_CHECKING:
    from detente.actors import Gazetteer

NON_ASSERTED = {"negated", "hedged", "denied", "claimed"}
# The PLOVER manual folds intended cooperation into AGREE; detente keeps the type and a modality.
FOLDED_TYPES = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}


def plover_fold(event: dict[str, Any]) -> dict[str, Any]:
    """Strict-PLOVER view of an event: future or hedged CONSULT/SUPPORT/COOPERATE/AID become AGREE."""
    if event.get("type") in FOLDED_TYPES and event.get("modality") in {"future", "hedged"}:
        return {**event, "type": "AGREE", "modality": "asserted"}
    return event


@dataclass
class Matched:
    """Output items matched one-to-one to gold items, micro-averaged over sentences."""

    sentences: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0

    def rate(self) -> None:
        """Precision, recall and F1 from the counts."""
        self.precision = self.matched / self.predicted if self.predicted else 0.0
        self.recall = self.matched / self.gold if self.gold else 0.0
        self.f1 = _f1(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Scores(Matched):
    macro_f1: float = 0.0
    modality_accuracy: float = 0.0
    false_assertions: int = 0
    false_assertion_rate: float = 0.0
    false_assertion_share_of_asserted: float = 0.0
    per_type: dict[str, dict[str, float]] = field(default_factory=dict)
    # gold type -> output type -> count, over unmatched events of one sentence with the same countries
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Records of a JSONL file; a malformed line is an ``InputError`` naming file and line."""
    try:
        handle = open(path, "rb")  # decoded line by line, so that a bad byte is reported with its line
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}.") from exc
    with handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}, line {number}: not UTF-8 text (byte {exc.start}: {exc.reason}).",
                                 hint="Save the file as UTF-8.") from exc
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}, line {number}: malformed JSON ({exc.msg}).") from exc
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise InputError(f"{path}, line {number}: expected an object with a 'text' string.")
            yield record


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# Older CAMEO country codes that converted gold still carries, and former states, with the ISO
# 3166-1 alpha-3 codes of their successors that the guidelines use (the Soviet Union is RUS there;
# ``actors.historical_states`` makes detente write SUN, which scores the same). Annotations write the
# Inter-American Development Bank both IDB and IADB.
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "UKG": "GBR", "GMY": "DEU", "ROM": "ROU", "UK": "GBR",
                "SUN": "RUS", "YUG": "SRB", "CSK": "CZE", "IADB": "IDB"}


def igo_codes(gazetteer: Gazetteer) -> frozenset[str]:
    """The acronyms of the dictionary's international organisations (what gold ``IGO`` matches)."""
    return frozenset(e.country for entries in gazetteer.forms.values() for e in entries if e.kind == "igo" and e.country)


def same_country(gold: str | None, pred: str | None, igo_codes: frozenset[str]) -> bool:
    gold = LEGACY_CODES.get(gold or "", gold)
    pred = LEGACY_CODES.get(pred or "", pred)
    if gold == pred:
        return True
    return gold == "IGO" and pred in igo_codes


def match(gold: list[dict[str, Any]], pred: list[dict[str, Any]], igo_codes: frozenset[str] = frozenset()
          ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Greedy one-to-one matching of output to gold events."""
    free = list(gold)
    pairs = []
    for p in pred:
        for g in free:
            if (g["type"] == p["type"] and same_country(g["source"].get("country"), p["source"].get("country"), igo_codes)
                    and same_country(g["target"].get("country"), p["target"].get("country"), igo_codes)):
                pairs.append((g, p))
                free.remove(g)
                break
    return pairs


def _confuse(confusion: dict[str, dict[str, int]], gold: list[dict[str, Any]], pred: list[dict[str, Any]],
             matched: list[tuple[dict[str, Any], dict[str, Any]]], igo_codes: frozenset[str]) -> None:
    """Count an unmatched output event against an unmatched gold event of the same countries."""
    free_gold = [g for g in gold if all(g is not m for m, _ in matched)]
    for p in pred:
        if any(p is m for _, m in matched):
            continue
        for g in free_gold:
            if (same_country(g["source"].get("country"), p["source"].get("country"), igo_codes)
                    and same_country(g["target"].get("country"), p["target"].get("country"), igo_codes)):
                row = confusion.setdefault(g["type"], {})
                row[p["type"]] = row.get(p["type"], 0) + 1
                free_gold.remove(g)
                break


def score(pairs: Iterable[tuple[list[dict[str, Any]], list[dict[str, Any]]]],
          igo_codes: frozenset[str] = frozenset()) -> Scores:
    """Score (gold events, output events) per sentence."""
    s = Scores()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    modality_right = asserted_matched = 0
    non_asserted_matched = 0
    for gold, pred in pairs:
        s.sentences += 1
        s.gold += len(gold)
        s.predicted += len(pred)
        matched = match(gold, pred, igo_codes)
        s.matched += len(matched)
        for g in gold:
            fn[g["type"]] += 1
        for p in pred:
            fp[p["type"]] += 1
        _confuse(s.confusion, gold, pred, matched, igo_codes)
        for g, p in matched:
            tp[g["type"]] += 1
            fn[g["type"]] -= 1
            fp[p["type"]] -= 1
            modality_right += g.get("modality", "asserted") == p.get("modality", "asserted")
            non_asserted_matched += g.get("modality", "asserted") in NON_ASSERTED
            if p.get("modality", "asserted") == "asserted":
                asserted_matched += 1
                s.false_assertions += g.get("modality", "asserted") in NON_ASSERTED
    s.rate()
    for kind in sorted(set(tp) | set(fp) | set(fn)):
        if tp[kind] + fp[kind] + fn[kind] == 0:
            continue
        kp = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        kr = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 0.0
        s.per_type[kind] = {"precision": round(kp, 3), "recall": round(kr, 3), "f1": round(_f1(kp, kr), 3),
                            "gold": tp[kind] + fn[kind], "predicted": tp[kind] + fp[kind]}
    s.macro_f1 = sum(v["f1"] for v in s.per_type.values()) / len(s.per_type) if s.per_type else 0.0
    s.modality_accuracy = modality_right / s.matched if s.matched else 0.0
    s.false_assertion_rate = s.false_assertions / non_asserted_matched if non_asserted_matched else 0.0
    s.false_assertion_share_of_asserted = s.false_assertions / asserted_matched if asserted_matched else 0.0
    return s


@dataclass
class ClaimScores(Matched):
    """Claims against gold as ``shared/eval/CLAIMS-GUIDELINES.md`` scores them: a claim matches on
    (speaker country, stance); a dispute when a DENY of the right speaker country points to an
    ASSERT of the right speaker country. Stance accuracy is over claims matched on speaker country."""

    stance_accuracy: float = 0.0
    gold_disputes: int = 0
    disputes_found: int = 0
    dispute_recall: float = 0.0


def stance(claim: dict[str, Any]) -> str:
    """A claim's stance: the gold's, else DENY for a denial (its verb or modality), else ASSERT."""
    if claim.get("stance") in {"ASSERT", "DENY"}:
        return str(claim["stance"])
    return "DENY" if claim.get("verb") in DENY_VERBS or claim.get("modality") == "denied" else "ASSERT"


def _disputed_index(claims: list[dict[str, Any]], claim: dict[str, Any]) -> int | None:
    """The index of the claim ``claim`` disputes: gold gives an index, detente the claim's id."""
    target = claim.get("disputes")
    if isinstance(target, int):
        return target
    return next((i for i, c in enumerate(claims) if target and c.get("id") == target), None)


def _country(claim: dict[str, Any], igo_codes: frozenset[str]) -> str | None:
    country = (claim.get("speaker") or {}).get("country")
    return "IGO" if country in igo_codes else LEGACY_CODES.get(country or "", country)


def score_claims(pairs: Iterable[tuple[list[dict[str, Any]], list[dict[str, Any]]]],
                 igo_codes: frozenset[str] = frozenset()) -> ClaimScores:
    """Score (gold claims, output claims) per sentence."""
    s = ClaimScores()
    stance_right = by_country = 0
    for gold, pred in pairs:
        s.sentences += 1
        s.gold += len(gold)
        s.predicted += len(pred)
        free = [(_country(c, igo_codes), stance(c)) for c in gold]
        for claim in pred:
            if (key := (_country(claim, igo_codes), stance(claim))) in free:
                free.remove(key)
                s.matched += 1
        countries = [_country(c, igo_codes) for c in gold]
        for claim in pred:
            if _country(claim, igo_codes) in countries:
                countries.remove(_country(claim, igo_codes))
                by_country += 1
                stance_right += any(_country(g, igo_codes) == _country(claim, igo_codes) and stance(g) == stance(claim)
                                    for g in gold)
        found = {(_country(pred[i], igo_codes), _country(c, igo_codes)) for c in pred
                 if stance(c) == "DENY" and (i := _disputed_index(pred, c)) is not None and i < len(pred)}
        for claim in gold:
            i = _disputed_index(gold, claim)
            if stance(claim) == "DENY" and i is not None and i < len(gold):
                s.gold_disputes += 1
                s.disputes_found += (_country(gold[i], igo_codes), _country(claim, igo_codes)) in found
    s.rate()
    s.stance_accuracy = stance_right / by_country if by_country else 0.0
    s.dispute_recall = s.disputes_found / s.gold_disputes if s.gold_disputes else 0.0
    return s

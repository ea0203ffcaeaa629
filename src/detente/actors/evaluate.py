"""``detente eval --actors``: the actor stage measured on its own.

Every annotated source and target of a gold JSONL file (its exact ``text`` in its sentence) is
resolved with its article as context (records sharing an ``article`` are parsed together, as
ingest parses an article), and its country compared with the gold country: an actor is right when
both are the same country, or both none; gold ``IGO`` matches any IGO acronym. It measures the
dictionary, the learned lexicon and the context, and with the learned coder (``--coder learned``)
its country head too, for actors those do not place.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from detente.config import Settings

# Records parsed per batch.
CHUNK = 256


@dataclass(frozen=True, slots=True)
class ActorResult:
    """One gold actor and what the resolver made of it."""

    record: str
    corpus: str
    text: str
    gold: str | None
    resolved: str | None
    code: str | None
    resolved_by: str | None
    right: bool


@dataclass
class ActorScores:
    actor_country_accuracy: float = 0.0
    n: int = 0
    unresolved: float = 0.0  # share of gold actors with a country that got none
    per_corpus: dict[str, dict[str, float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def resolve_gold_actors(settings: Settings, gold_path: str | Path, coder: str | None = None) -> Iterator[ActorResult]:
    """Each gold actor of ``gold_path`` with the country the actor stage gives it (with the learned
    coder's country head for actors the dictionary and lexicon do not know, if ``coder`` is learned)."""
    from detente.actors import gazetteer_of
    from detente.actors.spans import SpanResolver, locate
    from detente.coding import get_coder, shared_parser
    from detente.coding.base import Context, coder_family
    from detente.coding.evaluate import igo_codes, read_jsonl, same_country
    from detente.coding.jsonl import article_groups, located
    from detente.coding.learned.coder import FAMILY, LearnedCoder, learned_lexicon

    parser = shared_parser(settings)
    spans = SpanResolver(parser.resolver, learned_lexicon(settings))
    head = get_coder(settings, coder) if coder_family(coder or settings.coding.coder) == FAMILY else None
    assert head is None or isinstance(head, LearnedCoder)
    igos = igo_codes(gazetteer_of(settings.actors))
    records = enumerate(read_jsonl(gold_path))
    while chunk := [(i, r) for _, (i, r) in zip(range(CHUNK), records)]:
        groups = article_groups(chunk)
        for group, parsed in zip(groups, located(groups, parser.pipe(g.article for g in groups))):
            context = Context.of(parsed, with_home=True)
            sentence_starts = [s.start_char for s in parsed.doc.sents]
            sentences = list(parsed.doc.sents)
            for k, pos in enumerate(group.members):
                record = chunk[pos][1]
                text = str(record.get("text") or "").strip()
                for event in record.get("events") or []:
                    trigger = locate(text, event.get("trigger") or "")
                    for role in ("source", "target"):
                        actor = event.get(role) or {}
                        chars = locate(text, actor.get("text") or "", trigger[0] if trigger else None)
                        if chars is None:
                            continue
                        start = group.starts[k] + chars[0]
                        sentence = sentences[bisect.bisect_right(sentence_starts, start) - 1]
                        offset = sentence.start_char
                        where = (start - offset, start - offset + chars[1] - chars[0])
                        vouched = head.vouch(sentence.text, where) if head is not None else None
                        ref = spans.resolve(sentence, where, context, vouched)
                        country = ref.country if ref else None
                        yield ActorResult(str(record.get("id", chunk[pos][0])), str(record.get("source_corpus") or "-"),
                                          actor["text"], actor.get("country"), country, ref.code if ref else None,
                                          ref.resolved_by if ref else None,
                                          same_country(actor.get("country"), country, igos))


def evaluate_actors(settings: Settings, gold_path: str | Path, coder: str | None = None) -> ActorScores:
    """Actor country accuracy of ``gold_path``'s annotated actors, overall and per corpus."""
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    unresolved: Counter[str] = Counter()
    for result in resolve_gold_actors(settings, gold_path, coder):
        for key in ("", result.corpus):
            total[key] += 1
            right[key] += result.right
            unresolved[key] += result.gold is not None and result.resolved is None
    scores = ActorScores(round(right[""] / total[""], 4) if total[""] else 0.0, total[""],
                         round(unresolved[""] / total[""], 4) if total[""] else 0.0)
    for corpus in sorted(k for k in total if k):
        scores.per_corpus[corpus] = {"accuracy": round(right[corpus] / total[corpus], 4), "n": total[corpus],
                                     "unresolved": round(unresolved[corpus] / total[corpus], 4)}
    return scores

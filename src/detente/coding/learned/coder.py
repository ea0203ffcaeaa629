"""The learned coder at run time: ONNX model over each sentence, decoded into ``Event`` records."""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from detente.actors.spans import SpanResolver
from detente.coding.base import Context
from detente.coding.learned.decode import (
    Decoded,
    DecodeOptions,
    Party,
    decode,
    party_of,
)
from detente.coding.learned.labels import Encoded, encode
from detente.coding.modality import modality_of
from detente.coding.plover import TYPES
from detente.coding.scope import coded_sentences
from detente.coding.when import dating
from detente.coding.where import event_location
from detente.config import Settings
from detente.errors import ModelError
from detente.records import ActorRef, Event, stable_id

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.actors import Resolver
    from detente.nlp import Parsed

FAMILY = "plover.learned.v1"
# Sentences per model call: padding waste stays small because a batch is sorted by length.
BATCH = 32
# Sentences handed to the model thread at a time: enough for several full calls, small enough
# that parsing the next ones overlaps with them.
CHUNK_SENTENCES = 256
# Sentences whose country-head outputs are kept for ``country_of`` (a few MB).
REMEMBERED = 1024


def model_dir(settings: Settings) -> Path:
    """The model folder: the ``coding.model`` setting, else the one shipped in the package."""
    if settings.coding.model:
        return Path(settings.coding.model)
    return Path(str(resources.files("detente.coding.learned").joinpath("model")))


def learned_lexicon(settings: Settings) -> dict[str, list[Any]]:
    """The actor words the model folder's training data fixed to one actor (``actors.spans``)."""
    lexicon: dict[str, list[Any]] = _read_json(model_dir(settings) / "lexicon.json", {})
    return lexicon


# trigger, actor, roles, modality and (models with a country head) country logits of one sentence
Outputs = tuple[np.ndarray, ...]


def _read_json(path: Path, default: Any) -> Any:
    """A model file's JSON; ``default`` when the (older) model has none."""
    if not path.exists():
        return default
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: not a readable JSON file ({exc}).") from exc


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a parsed article, as the model reads it."""

    parsed: Parsed
    index: int
    span: Span
    encoded: Encoded


class LearnedCoder:
    """Codes parsed articles with the learned model; never parses or builds a resolver itself."""

    def __init__(self, settings: Settings, resolver: Resolver) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        folder = model_dir(settings)
        model = folder / "model.onnx"
        if not model.is_file():
            raise ModelError(f"No learned coder model at {model}.",
                             hint="Train one with `detente train`, or set coding.model to a model folder.")
        digest = hashlib.sha256(model.read_bytes()).hexdigest()[:8]
        self.name = f"{FAMILY}+{digest}"
        self.card: dict[str, Any] = _read_json(folder / "card.json", {})
        self.options = DecodeOptions(**self.card.get("decode", {}))
        # A model with int8 activations scales them over its whole input: it reads one sentence per
        # call, so that a sentence codes the same whatever else is being coded.
        self.batch = 1 if self.card.get("export", {}).get("activations") == "int8" else BATCH
        options = onnxruntime.SessionOptions()
        if settings.coding.threads:
            options.intra_op_num_threads = settings.coding.threads
        try:
            self.session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
            self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        except Exception as exc:  # onnxruntime and tokenizers raise their own untyped errors
            raise ModelError(f"Cannot load the learned coder's model in {folder}: {exc}",
                             hint="Train it again with `detente train`, or reinstall detente.") from exc
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.countries: list[str] = _read_json(folder / "countries.json", [])
        self.spans = SpanResolver(resolver, learned_lexicon(settings))
        # Country-head outputs of the sentences coded last, by text: ``country_of`` (the claims
        # component's speakers) reads them instead of running the model again.
        self._countries: OrderedDict[str, np.ndarray] = OrderedDict()

    # -- the seam -----------------------------------------------------------------------
    def code(self, parsed: Parsed) -> list[Event]:
        return next(self.pipe([parsed]))

    def pipe(self, stream: Iterable[Parsed], *, batch_size: int = 32) -> Iterator[list[Event]]:
        """Events of each article, in order. Sentences of several articles share model calls, and
        the model runs in a second thread while the stream parses the next articles: spaCy keeps
        one core busy, onnxruntime the other (it releases the GIL)."""
        items = iter(stream)
        pending: tuple[list[list[Sentence]], Future[list[Outputs]]] | None = None
        with ThreadPoolExecutor(max_workers=1) as pool:
            while True:
                groups = self._chunk(items)
                job = None
                if groups:
                    job = (groups, pool.submit(self.infer, [s for group in groups for s in group]))
                if pending is not None:
                    outputs = iter(pending[1].result())
                    for group in pending[0]:
                        yield self.events(group, [next(outputs) for _ in group])
                if job is None:
                    return
                pending = job

    def _chunk(self, items: Iterator[Parsed]) -> list[list[Sentence]]:
        """The sentences of the next articles, up to ``CHUNK_SENTENCES`` (at least one article)."""
        groups: list[list[Sentence]] = []
        count = 0
        for parsed in items:
            groups.append(self.sentences(parsed))
            count += len(groups[-1])
            if count >= CHUNK_SENTENCES:
                break
        return groups

    # -- model --------------------------------------------------------------------------
    def sentences(self, parsed: Parsed) -> list[Sentence]:
        """The sentences the model reads: not those of sports copy (``scope.coded_sentences``)."""
        return [Sentence(parsed, i, s, encode(self.tokenizer, s.text)) for i, s in coded_sentences(parsed.doc)
                if s.text.strip()]

    def infer(self, sentences: list[Sentence]) -> list[Outputs]:
        """The model's four outputs for each sentence (batched by length, cut to its pieces)."""
        results: list[Outputs] = [None] * len(sentences)  # type: ignore[list-item]
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i].encoded.ids))
        for start in range(0, len(order), self.batch):
            chunk = order[start : start + self.batch]
            width = max(len(sentences[i].encoded.ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                ids[row, : len(sentences[i].encoded.ids)] = sentences[i].encoded.ids
            outputs = self.session.run(None, {"input_ids": ids, "attention_mask": (ids != 0).astype(np.int64)})
            for row, i in enumerate(chunk):
                n = len(sentences[i].encoded.ids)
                results[i] = tuple(o[row, :n, :n] if o.ndim == 4 else o[row, :n] for o in outputs)
        return results

    def country_of(self, text: str, chars: tuple[int, int]) -> tuple[str | None, float]:
        """The country head's guess for the actor words ``text[chars[0]:chars[1]]`` and its probability."""
        encoded = encode(self.tokenizer, text)
        tokens = encoded.tokens_in(*chars)
        if not tokens or len(self.countries) < 2:
            return None, 0.0
        country = self._countries.get(text)
        if country is None:
            ids = np.array([encoded.ids], dtype=np.int64)
            outputs = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
            if len(outputs) < 5:
                return None, 0.0
            country = self._remember(text, outputs[4][0])
        party = party_of(encoded, (tokens[0], tokens[-1] + 1), country, self.countries)
        return party.country, party.probability

    def _remember(self, text: str, country: np.ndarray) -> np.ndarray:
        self._countries[text] = country
        while len(self._countries) > REMEMBERED:
            self._countries.popitem(last=False)
        return country

    def vouch(self, text: str, chars: tuple[int, int]) -> tuple[str, float] | None:
        """The country head's guess for actor words, when it is as sure as the coder needs."""
        return self._sure(*self.country_of(text, chars))

    def _sure(self, country: str | None, probability: float) -> tuple[str, float] | None:
        return (country, probability) if country and probability >= self.options.country_threshold else None

    def events(self, sentences: list[Sentence], outputs: list[Outputs]) -> list[Event]:
        """The events of one article's sentences, from the model's outputs for them."""
        events: list[Event] = []
        context: Context | None = None  # made once, for the first sentence with a trigger
        for sentence, (trigger, actor, roles, modality, *country) in zip(sentences, outputs):
            if country:
                self._remember(sentence.span.text, country[0])
            found = decode(sentence.span.text, sentence.encoded, trigger, actor, roles, modality, self.options,
                           country[0] if country else None, self.countries)
            if found:
                context = context or Context.of(sentence.parsed, with_home=True)
                events.extend(self._events(sentence, found, context))
        return events

    # -- events -------------------------------------------------------------------------
    def _events(self, sentence: Sentence, found: list[Decoded], context: Context) -> list[Event]:
        span = sentence.span
        events: list[Event] = []
        seen: set[tuple[str, str | None, str | None]] = set()
        for item in found:
            modality = item.modality
            trigger_tokens = span.char_span(item.trigger[0], item.trigger[1], alignment_mode="expand")
            if self.options.modality != "model" and trigger_tokens is not None and len(trigger_tokens):
                parse = modality_of(trigger_tokens.root).value
                if self.options.modality == "parse" or parse != "asserted":
                    modality = parse
            for source_party, target_party, confidence in item.pairs:
                source = self._actor(span, source_party, context)
                target = self._actor(span, target_party, context)
                if source is None or target is None or source.country is None and target.country is None:
                    continue
                if not self.options.uncoded and (source.country is None or target.country is None):
                    continue
                key = (item.type, source.code, target.code)
                if key in seen:
                    continue
                seen.add(key)
                head = trigger_tokens.root if trigger_tokens is not None and len(trigger_tokens) else None
                events.append(self._event(sentence, context, item, source, target, modality, confidence, head))
        return events

    def _actor(self, span: Span, party: Party, context: Context) -> ActorRef | None:
        return self.spans.resolve(span, party.chars, context, self._sure(party.country, party.probability))

    def _event(self, sentence: Sentence, context: Context, item: Decoded, source: ActorRef, target: ActorRef,
               modality: str, confidence: float, head: Token | None) -> Event:
        span = sentence.span
        text = span.text
        start = span.start_char + len(text) - len(text.lstrip())
        kind = TYPES[item.type]
        trigger = text[item.trigger[0] : item.trigger[1]]
        return Event(
            id=stable_id(context.article_id, str(sentence.index), str(item.trigger[0]), item.type, str(source.code),
                         source.text, str(target.code), target.text, self.name),
            article_id=context.article_id, sentence=sentence.index, span=(start, start + len(text.strip())),
            evidence=text.strip(), source=source, target=target, type=item.type, mode=None,
            quad_class=kind.quad_class, intensity=kind.intensity, modality=modality, attributed_to=context.outlet,
            coder=self.name, confidence=round(confidence, 3), trigger=trigger,
            **dating(head, span, context.date, future=modality == "future"),
            location=event_location(head, span, context),
        )

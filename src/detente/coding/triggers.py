"""The trigger table (``data/triggers.yaml``): which words make which PLOVER event."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Token

from detente.coding.plover import TYPES
from detente.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    mode: str | None
    intensity: float
    word: str
    partnered: str | None = None  # type when done with a partner ("joint exercises with")
    objects: frozenset[str] = frozenset()  # when set, the verb is a trigger only with one of these objects


def _parse(word: str, spec: str | dict[str, str]) -> Trigger:
    if isinstance(spec, dict):
        base = _parse(word, spec["type"])
        partnered = spec.get("partnered")
        if partnered and partnered not in TYPES:
            raise ConfigError(f"triggers.yaml: {word!r} has unknown partnered type {partnered!r}.")
        objects = frozenset(str(o).lower() for o in spec.get("objects") or ())
        return Trigger(base.type, base.mode, base.intensity, word, partnered, objects)
    head, _, number = str(spec).partition(" ")
    type_, _, mode = head.partition("/")
    if type_ not in TYPES:
        raise ConfigError(f"triggers.yaml: {word!r} has unknown PLOVER type {type_!r}.")
    return Trigger(type_, mode or None, float(number) if number else TYPES[type_].intensity, word)


@dataclass(frozen=True)
class TriggerTable:
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    light_verbs: frozenset[str]
    receptive_verbs: frozenset[str]
    formal_protest_verbs: frozenset[str]
    not_triggers: frozenset[str]
    role_nouns: frozenset[str]

    def verb(self, token: Token) -> Trigger | None:
        lemma = token.lemma_.lower()
        found = None
        for child in token.children:
            if child.dep_ in {"prt", "prep"}:
                found = self.verbs.get(f"{lemma} {child.lower_}")
                if found:
                    break
        found = found or self.verbs.get(lemma)
        if found is not None and found.objects:
            # "recalled its ambassador" is a sanction, "recalling her contributions" is not.
            objects = {c.lemma_.lower() for c in token.children if c.dep_ in {"dobj", "nsubjpass"}}
            return found if objects & found.objects else None
        return found

    def noun(self, token: Token) -> Trigger | None:
        lower = token.lower_
        compound = next((c for c in token.lefts if c.dep_ == "compound" and c.i == token.i - 1), None)
        if compound is not None:
            pair = f"{compound.lower_} {lower}"
            if pair in self.not_triggers:
                return None
            if found := self.nouns.get(pair):
                return found
        return self.nouns.get(lower) or self.nouns.get(token.lemma_.lower())


@lru_cache(maxsize=1)
def load_triggers() -> TriggerTable:
    raw = yaml.safe_load(resources.files("detente.data").joinpath("triggers.yaml").read_text("utf-8"))
    return TriggerTable(
        verbs={k: _parse(k, v) for k, v in raw["verbs"].items()},
        nouns={k: _parse(k, v) for k, v in raw["nouns"].items()},
        light_verbs=frozenset(raw["light_verbs"]),
        receptive_verbs=frozenset(raw["receptive_verbs"]),
        formal_protest_verbs=frozenset(raw["formal_protest_verbs"]),
        not_triggers=frozenset(raw["not_triggers"]),
        role_nouns=frozenset(raw["role_nouns"]),
    )

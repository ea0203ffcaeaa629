"""``plover.rules.v2``: a dependency-parse event coder over the trigger table and actor resolver.

Example::

    >>> parser = Parser(load_settings())
    >>> coder = RulesCoder(parser.resolver)
    >>> events = coder.code(parser(article("Pakistan handed over the suspect to the United States.")))
    >>> events[0].type, events[0].source.country, events[0].target.country
    ('COOPERATE', 'PAK', 'USA')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from detente.actors import Resolver
from detente.actors.gazetteer import PLACE_NAME_KINDS
from detente.actors.resolver import CONFIDENCE as ACTOR_CONFIDENCE
from detente.coding import frames
from detente.coding.base import HOME_KINDS, Context
from detente.coding.modality import SAY_VERBS, modality_of
from detente.coding.plover import TYPES
from detente.coding.scope import coded_sentences
from detente.coding.triggers import Trigger, load_triggers
from detente.coding.when import dating
from detente.coding.where import event_location
from detente.records import ActorRef, Event, stable_id

if TYPE_CHECKING:
    from detente.nlp import Parsed

NAME = "plover.rules.v2"
# At most this many sources x targets per trigger: long lists are usually a mis-parse.
MAX_PARTIES = 4
# Acts whose place may stand for their target: "attacks in northeastern Nigeria", "a summit in
# Switzerland", "exercises in Alaska" (used only when the sentence names no other party).
PLACE_TARGET_TYPES = {"CONSULT", "ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "CONCEDE", "RETREAT", "THREATEN",
                      "SANCTION"}
# Acts of a state's own courts, police and forces on people the sentence gives no country: they
# happen at home ("a Tunisian court jailed a man").
DOMESTIC_TYPES = {"COERCE", "SANCTION"}
DOMESTIC_SECTORS = {"JUD", "POL", "GOV", "MIL", "LEG"}
# Verbs whose object noun is what they ask for, refuse or threaten, not a second act.
CONTENT_TYPES = {"REQUEST", "REJECT", "THREATEN"}
# Passive acts whose doer the sentence leaves out; the place where they happened stands in.
UNSEEN_AGENT_TYPES = {"COERCE", "ASSAULT", "SANCTION"}
REQUEST = Trigger("REQUEST", None, TYPES["REQUEST"].intensity, "must")
OBLIGING_AUX = {"must", "should"}
LENDING_NOUNS = {"loan", "credit", "grant", "facility", "bailout", "financing"}
# Material conflict that a speaker announces for themselves is also a threat.
THREAT_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
# Confidence by how the event was read: a verb with its own arguments is the surest reading.
CONFIDENCE = {"verb": 0.8, "light": 0.75, "noun": 0.6}


@dataclass(frozen=True, slots=True)
class Reading:
    """One trigger with the heads of its parties, before actors are resolved."""

    trigger: Trigger
    token: Token  # the trigger word
    clause: Token  # the token whose clause gives the modality
    sources: list[Token]
    targets: list[list[Token]]
    how: str
    places: tuple[Token, ...] = ()  # fallback targets for acts done *in* a place


class RulesCoder:
    """Codes parsed articles into ``Event`` records by reading the dependency parse."""

    name = NAME

    def __init__(self, resolver: Resolver) -> None:
        self.triggers = load_triggers()
        self.resolver = resolver

    # -- entry points ---------------------------------------------------------------------
    def pipe(self, stream: Iterable[Parsed], *, batch_size: int = 32) -> Iterator[list[Event]]:
        for parsed in stream:
            yield self.code(parsed)

    def code(self, parsed: Parsed) -> list[Event]:
        context = Context.of(parsed)
        return [e for index, sentence in coded_sentences(parsed.doc) for e in self.code_sentence(sentence, index, context)]

    # -- one sentence ---------------------------------------------------------------------
    def code_sentence(self, sentence: Span, index: int, context: Context) -> list[Event]:
        events: list[Event] = []
        seen: set[tuple[str, str | None, str | None, str | None]] = set()
        for reading in self.readings(sentence):
            for event in self._events(reading, sentence, index, context):
                key = (event.type, event.source.country, event.target.country, event.source.text + event.target.text)
                if key not in seen:
                    seen.add(key)
                    events.append(event)
        return events

    def readings(self, sentence: Span) -> list[Reading]:
        consumed: set[int] = set()
        readings: list[Reading] = []
        for token in sentence:
            if token.pos_ not in {"VERB", "AUX"}:
                continue
            light = self._light(token)
            if light is not None:
                consumed.add(light.token.i)
                readings.append(light)
                # "announced asset freezes, travel bans and sanctions": each object is an act.
                for other in light.token.conjuncts:
                    other_trigger = self.triggers.noun(other)
                    if other_trigger is not None and other.i not in consumed:
                        consumed.add(other.i)
                        readings.append(self._light_reading(token, other, other_trigger))
                continue
            obliged = _obligation(token)
            if obliged:  # "X said Y must withdraw": a demand on Y
                readings.append(Reading(REQUEST, token, token, frames.subjects(token)[0], [obliged], "verb"))
            trigger = self.triggers.verb(token)
            if trigger is None:
                continue
            consumed.update(c.i for c in token.children if c.dep_ == "dobj")
            if trigger.type in CONTENT_TYPES:  # "called for sanctions against Nigeria": the sanctions are asked for
                consumed.update(o.i for o in frames.prep_objects(token, {"for", "to", "against"}))
            subjects, passive = frames.subjects(token)
            where = tuple(frames.places(token, *(c for c in token.children if c.dep_ == "xcomp")))
            if passive:
                agents = frames.agent(token)
                if not agents and trigger.type in UNSEEN_AGENT_TYPES:
                    # "was arrested in Lebanon", "were killed ... outside Basra": the place's side did it.
                    agents = list(where)
                readings.append(Reading(trigger, token, token, agents, [subjects], "verb", where))
            else:
                readings.append(Reading(trigger, token, token, subjects, frames.verb_objects(token), "verb", where))
        for token in sentence:
            if token.pos_ in {"NOUN", "PROPN"} and token.i not in consumed:
                trigger = self.triggers.noun(token)
                if trigger is not None:
                    readings.append(self._noun_reading(token, trigger))
        return readings

    def _light(self, verb: Token) -> Reading | None:
        if verb.lemma_.lower() not in self.triggers.light_verbs:
            return None
        obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if obj is None:  # "entered into an agreement", "engaged in talks"
            obj = next(iter(frames.prep_objects(verb, {"into", "in"})), None)
        if obj is not None and self.triggers.noun(obj) is None:  # "launched artillery, mortar and rocket fire"
            obj = next((c for c in obj.conjuncts if self.triggers.noun(c) is not None), obj)
        if obj is not None and obj.lemma_.lower() in self.triggers.role_nouns:
            obj = next(iter(frames.prep_objects(obj, {"in", "of"})), None)
        trigger = self.triggers.noun(obj) if obj is not None else None
        if obj is None or trigger is None:
            return None
        if trigger.type == "PROTEST" and verb.lemma_.lower() in self.triggers.formal_protest_verbs:
            trigger = Trigger("ACCUSE", "disapprove", TYPES["ACCUSE"].intensity, trigger.word)
        return self._light_reading(verb, obj, trigger)

    def _light_reading(self, verb: Token, obj: Token, trigger: Trigger) -> Reading:
        subjects, passive = frames.subjects(verb)
        noun_sources, noun_targets = frames.noun_arguments(obj, trigger.type)
        between = frames.between(obj) or list(frames.prep_objects(verb, {"between"}))
        if passive or not subjects:
            subjects = frames.agent(verb) or between[:1] or noun_sources
            targets = [between[1:]] if between else noun_targets
        elif verb.lemma_.lower() in self.triggers.receptive_verbs:
            givers = list(frames.prep_objects(obj, {"from", "by"})) + list(frames.prep_objects(verb, {"from", "by"}))
            return Reading(trigger, obj, verb, givers or noun_sources, [subjects], "light", tuple(frames.places(obj, verb)))
        else:
            targets = [between, *noun_targets]
            if trigger.type in frames.PATIENT_OF_TYPES:
                targets.append(frames.of_objects(obj))
            targets.append(list(frames.prep_objects(verb, frames.TARGET_PREPS)))
            targets.append([c for c in verb.children if c.dep_ == "dative"])
            targets.append(noun_sources)
        return Reading(trigger, obj, verb, subjects, [t for t in targets if t], "light", tuple(frames.places(obj, verb)))

    def _noun_reading(self, noun: Token, trigger: Trigger) -> Reading:
        sources, targets = frames.noun_arguments(noun, trigger.type)
        governor = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
        if not sources and noun.dep_ == "pobj" and noun.head.lower_ in {"on", "for"} and governor.pos_ in {"VERB", "AUX"}:
            # "arrived in Amman on a visit", "left for talks": the traveller is the verb's subject
            # (not "offered talks following the invasion of Dagestan").
            found, passive = frames.subjects(governor)
            sources = [] if passive else found
        between = frames.between(noun)
        if len(between) > 1:  # "an agreement between A and B", "a call between A and B"
            sources, targets = between[:1], [between[1:]]
        elif between:
            targets.insert(0, between)
        of = frames.of_objects(noun)
        if trigger.type in frames.PATIENT_OF_TYPES or trigger.mode == "visit":  # "a tour of Asia"
            targets.append(of)
        else:
            sources.extend(of)
        targets.append(sources[1:])  # "US-Pakistan talks": the second named party
        where = tuple(frames.places(noun, governor))
        return Reading(trigger, noun, noun, sources, [t for t in targets if t], "noun", where)

    # -- actors and records ---------------------------------------------------------------
    def _resolve(self, heads: Iterable[Token], context: Context) -> list[tuple[Token, ActorRef]]:
        """Actors of phrase heads, one per dictionary mention."""
        found: list[tuple[Token, ActorRef]] = []
        mentions_seen: set[int] = set()
        for head in heads:
            mention = context.mentions.get(head.i)
            key = mention.start if mention else head.i
            if key in mentions_seen:
                continue
            actors = self.resolver.resolve_all(head, context.mentions, context.date)
            if actors:
                mentions_seen.add(key)
                found.extend((head, actor) for actor in actors)
        return found[:MAX_PARTIES]

    def _home(self, sentence: Span, context: Context, parties: set[int]) -> str | None:
        """The one country a sentence names besides the event's own parties, if it names exactly one
        (IGOs and countries inside firm names such as "US Strategic Metals" aside)."""
        countries = set()
        for i in range(sentence.start, sentence.end):
            mention = context.mentions.get(i)
            if mention is None or mention.start != i or mention.entries[0].kind not in HOME_KINDS:
                continue
            if any(mention.start <= p < mention.end for p in parties):
                continue
            last = sentence.doc[mention.end - 1]
            if (mention.entries[0].kind in {"country", "adjective"} and last.dep_ == "compound"
                    and last.head.pos_ == "PROPN" and last.head.i not in context.mentions):
                continue
            countries.add(mention.entries[0].country)
        return countries.pop() if len(countries) == 1 else None

    def _parties(self, reading: Reading, sentence: Span, context: Context
                 ) -> tuple[list[tuple[Token, ActorRef]], list[tuple[Token, ActorRef]], bool]:
        """(sources, targets, partnered) of a reading, with the fallbacks in order; a party without a
        country takes the one other country the sentence names, if there is exactly one."""
        sources, targets, partnered = self._find_parties(reading, context)
        if sources and not targets and reading.trigger.type in PLACE_TARGET_TYPES:
            targets = self._sentence_place(reading, sentence, sources, context)
        if any(a.country is None for _, a in [*sources, *targets]):
            # Only a party named by the country itself ("sanctions against Nigeria") is left out: a
            # country word inside a party ("tunisian rioters") still tells where the story is.
            named = {t.i for t, a in [*sources, *targets] if a.country}
            home = self._home(sentence, context, named)
            if home:
                sources, targets = (self._at_home(group, home, context) for group in (sources, targets))
        return sources, targets, partnered

    def _sentence_place(self, reading: Reading, sentence: Span, sources: list[tuple[Token, ActorRef]],
                        context: Context) -> list[tuple[Token, ActorRef]]:
        """The sentence's one place as the target of an act done there ("attacks during its campaign
        for a state in northeastern Nigeria"), when the sentence names places of one country only."""
        used = {t.i for t, _ in sources}
        if reading.trigger.type in {"COERCE", "SANCTION"} and all(a.sector == "CVL" for _, a in sources):
            return []  # civilians do not arrest or sanction anyone
        # Only places named as places ("in northeastern Nigeria"), not "a U.S. official", "UK-based".
        places = [context.mentions[i] for i in range(sentence.start, sentence.end)
                  if i in context.mentions and context.mentions[i].start == i
                  and context.mentions[i].entries[0].kind in PLACE_NAME_KINDS
                  and _place(sentence.doc[context.mentions[i].end - 1], context) is not None
                  and sentence.doc[context.mentions[i].end - 1].dep_ in {"pobj", "appos", "conj", "compound"}]
        if len({m.entries[0].country for m in places}) != 1:
            return []
        heads = [sentence.doc[m.end - 1] for m in places]
        return [(t, a) for t, a in self._resolve(heads[:1], context)
                if t.i not in used and not self._same_mention(t, used, context)]

    @staticmethod
    def _at_home(group: list[tuple[Token, ActorRef]], home: str, context: Context) -> list[tuple[Token, ActorRef]]:
        return [(t, a) if a.country or _placed_elsewhere(t, context)
                else (t, ActorRef(f"{home}{a.sector or ''}", home, a.sector, a.text, "sentence", ACTOR_CONFIDENCE["sentence"]))
                for t, a in group]

    def _find_parties(self, reading: Reading, context: Context
                      ) -> tuple[list[tuple[Token, ActorRef]], list[tuple[Token, ActorRef]], bool]:
        sources = self._resolve(reading.sources, context)
        used = {t.i for t, _ in sources}
        targets: list[tuple[Token, ActorRef]] = []
        partnered = False
        # Two named countries as joint subjects ("Israel and Lebanon renewed negotiations") are the
        # parties, unless a "with"/"between" phrase names the other side.
        symmetric = TYPES[reading.trigger.type].symmetric and len({a.country for _, a in sources if a.country}) > 1
        for group in reading.targets:
            targets = [(t, a) for t, a in self._resolve(group, context) if t.i not in used
                       and not self._same_mention(t, used, context)]
            partnered = any(t.head.lower_ in {"with", "between", "among"} for t, _ in targets)
            if targets and (partnered or not symmetric):
                break
            targets = []
        if not targets and TYPES[reading.trigger.type].symmetric and len(sources) > 1:
            sources, targets, partnered = sources[:1], sources[1:], True
        if not targets and reading.trigger.type in PLACE_TARGET_TYPES:
            places = [p for p in (_place(t, context) for t in reading.places) if p is not None]
            targets = [(t, a) for t, a in self._resolve(places, context) if not self._same_mention(t, used, context)]
        return sources, targets, partnered

    def _events(self, reading: Reading, sentence: Span, index: int, context: Context) -> list[Event]:
        sources, targets, partnered = self._parties(reading, sentence, context)
        if not sources or not targets:
            return []
        trigger = reading.trigger
        if trigger.partnered and (partnered or any(c.lower_ == "joint" for c in reading.token.lefts)):
            trigger = Trigger(trigger.partnered, None, TYPES[trigger.partnered].intensity, trigger.word)
        modality = modality_of(reading.clause if reading.how == "light" else reading.token)
        speaker = None
        if modality.speaker is not None:
            speaker = self.resolver.resolve(modality.speaker, context.mentions, context.date)
        attributed = (speaker.code or speaker.text) if speaker else (modality.speaker.text if modality.speaker else None)
        if trigger.type in DOMESTIC_TYPES:
            targets = [(t, _local_party(a, sources[0][1])) for t, a in targets]
        events = []
        pairs: set[tuple[str | None, str | None]] = set()
        for _, source in sources:
            for _, target in targets:
                if source.country is None and target.country is None or _same_party(source, target):
                    continue
                if source.country and target.country and (source.country, target.country) in pairs:
                    continue  # one act named twice: "a White House invitation from President Trump"
                pairs.add((source.country, target.country))
                events.append(self._event(reading, trigger, source, target, modality.value, attributed, sentence,
                                          index, context))
                # A loan or grant agreed with a bank or an IGO is also aid from it ("signed a loan with the IDB").
                words = {reading.token.lemma_.lower()} | {c.lemma_.lower() for c in reading.token.children if c.dep_ == "dobj"}
                if trigger.type == "AGREE" and words & LENDING_NOUNS and target.sector in {"IGO", "BUS"}:
                    lending = Trigger("AID", None, TYPES["AID"].intensity, reading.token.text)
                    events.append(self._event(reading, lending, target, source, modality.value, attributed, sentence,
                                              index, context))
                # Announcing one's own future use of force is a threat ("Obama said he will attack Iraq"),
                # and so is any act made conditional ("will withdraw its force unless ...").
                announced = speaker is not None and modality.speech is not None and speaker.country == source.country
                conditional = _conditional(reading.clause)
                if modality.value in {"future", "hedged"} and (conditional or announced and trigger.type in THREAT_TYPES):
                    threat = Trigger("THREATEN", None, TYPES["THREATEN"].intensity, reading.token.text)
                    events.append(self._event(reading, threat, speaker or source, target, "asserted", attributed,
                                              sentence, index, context))
        return events

    @staticmethod
    def _same_mention(token: Token, used: set[int], context: Context) -> bool:
        mention = context.mentions.get(token.i)
        return mention is not None and any(mention.start <= i < mention.end for i in used)

    def _event(self, reading: Reading, trigger: Trigger, source: ActorRef, target: ActorRef, modality: str,
               speaker: str | None, sentence: Span, index: int, context: Context) -> Event:
        confidence = CONFIDENCE[reading.how] - (0.1 if source.country is None or target.country is None else 0.0)
        return Event(
            id=stable_id(context.article_id, str(index), str(reading.token.i), trigger.type, str(source.code),
                         source.text, str(target.code), target.text, self.name),
            article_id=context.article_id, sentence=index, span=_trimmed(sentence),
            evidence=sentence.text.strip(), source=source, target=target, type=trigger.type,
            mode=trigger.mode, quad_class=TYPES[trigger.type].quad_class, intensity=trigger.intensity,
            modality=modality, attributed_to=speaker or context.outlet, coder=self.name,
            confidence=round(confidence, 2), trigger=reading.token.text,
            **dating(reading.token, sentence, context.date, future=modality == "future"),
            location=event_location(reading.token, sentence, context),
        )


def _same_party(source: ActorRef, target: ActorRef) -> bool:
    """One party read twice ("a UN-brokered deal", "Bosnia-style")."""
    if source.country != target.country:
        return False
    a, b = source.text.lower(), target.text.lower()
    return a in b or b in a


def _obligation(verb: Token) -> list[Token]:
    """Subjects of a reported "must"/"should" clause under a verb of saying."""
    if verb.lemma_.lower() not in SAY_VERBS | {"insist", "reiterate", "warn", "remind", "argue", "demand"}:
        return []
    for clause in verb.children:
        if clause.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in OBLIGING_AUX for c in clause.children):
            return [t for c in clause.children if c.dep_ == "nsubj" for t in frames.conjuncts(c)]
    return []


def _local_party(target: ActorRef, source: ActorRef) -> ActorRef:
    if target.country or not source.country or source.sector not in DOMESTIC_SECTORS:
        return target
    return ActorRef(f"{source.country}{target.sector or ''}", source.country, target.sector, target.text, "sentence",
                    ACTOR_CONFIDENCE["sentence"])


def _conditional(verb: Token) -> bool:
    """An "unless" clause makes an announced act a threat."""
    return any(m.lower_ == "unless" for c in verb.children if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark")


def _trimmed(sentence: Span) -> tuple[int, int]:
    """Character span of a sentence without the blank lines a paragraph break leaves at its end."""
    text = sentence.text
    start = sentence.start_char + len(text) - len(text.lstrip())
    return start, start + len(text.strip())


def _placed_elsewhere(head: Token, context: Context) -> bool:
    """Whether the phrase already says who it is without a country: a dictionary name such as
    Amnesty International or al-Qaeda, or a possessive pronoun ("its forces", "their leaders")."""
    return head.i in context.mentions or any(
        c.tag_ == "PRP$" or c.i in context.mentions for c in head.children if c.dep_ in {"poss", "compound", "nmod", "amod"})


PLACE_NOUNS = {"province", "region", "state", "city", "town", "district", "area", "village", "county", "capital",
               "border", "territory", "republic", "port", "island"}


def _place(token: Token, context: Context) -> Token | None:
    """The place a phrase names: "Amman", or "Montenegro" in "Montenegro province"; None for things."""
    mention = context.mentions.get(token.i)
    if mention is not None:
        if mention.entries[0].kind not in PLACE_NAME_KINDS:
            return None
        if token.dep_ != "compound":
            return token
        return token if token.head.lemma_.lower() in PLACE_NOUNS and token.head.dep_ == "pobj" else None
    if token.lemma_.lower() in PLACE_NOUNS:
        return next((c for c in token.children if c.dep_ in {"compound", "poss"} and c.i in context.mentions
                     and context.mentions[c.i].entries[0].kind in PLACE_NAME_KINDS), None)
    return None

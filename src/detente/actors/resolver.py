"""Resolve the actors of a parsed sentence: gazetteer mentions, then noun phrases to codes.

A phrase resolves through its head: a dictionary mention at the head ("Islamabad", "Shehbaz
Sharif", "the UN"), else a country named in a modifier plus the head's agent noun ("Pakistani
troops" -> PAKMIL, "India's foreign ministry" -> INDGOV, "officials from Kabul" -> AFGGOV),
else a named organisation whose own name carries a country ("US Strategic Metals" -> USABUS).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from detente.actors.gazetteer import Entry, Gazetteer
from detente.actors.names import FIRM_SUFFIXES, NameFilter
from detente.records import ActorRef

# Dependency labels of modifiers that can carry an actor's country ("US officials", "India's army").
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod"}
# Prepositions whose object gives a head noun its country ("officials from Kabul", "rebels in Darfur").
ORIGIN_PREPS = {"of", "from", "in"}
# How often each way of finding an actor's country is right, measured on the gold actors of the
# training articles held out from the learned coder (822 sentences; ``detente eval --actors``):
# the ``confidence`` an ``ActorRef`` carries. The learned coder's country head gives its own
# probability instead ("model").
CONFIDENCE = {"dictionary": 0.98, "phrase": 0.96, "name": 0.9, "lexicon": 0.79, "article": 0.8, "sentence": 0.4,
              "home": 0.6}
VAGUE = {"other", "several", "many", "some", "most", "few", "various", "all", "any", "numerous", "certain"}
PRONOUNS = {"he", "she", "they", "it", "we", "him", "her", "them"}


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    entries: tuple[Entry, ...]


def actor_code(country: str | None, sector: str | None) -> str | None:
    """CAMEO-style code of a country and sector ("PAK", "GOV" -> "PAKGOV"; an IGO is its acronym)."""
    if country and sector and sector != "IGO":
        return f"{country}{sector}"
    return country or sector


class Resolver:
    """Finds dictionary mentions in a ``Doc`` and resolves noun phrases to ``ActorRef``."""

    def __init__(self, gazetteer: Gazetteer, nlp: Language) -> None:
        self.gazetteer = gazetteer
        self.names = NameFilter(gazetteer)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms = sorted(gazetteer.forms)
        for start in range(0, len(forms), 5000):
            self.matcher.add("ACTOR", [nlp.make_doc(form) for form in forms[start : start + 5000]])

    # -- mentions -----------------------------------------------------------------------
    def mentions(self, doc: Doc) -> dict[int, Mention]:
        """Token index -> the longest dictionary mention covering it."""
        spans = filter_spans([Span(doc, s, e) for _, s, e in self.matcher(doc)])
        entities = {i: ent for ent in doc.ents if ent.label_ in {"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT"}
                    for i in range(ent.start, ent.end)}
        found: dict[int, Mention] = {}
        for span in spans:
            entries = tuple(self.gazetteer.lookup(span.text))
            if not entries or self._spurious(span, entries) or self.names.inside_name(span, entries, entities):
                continue
            if span.start > 0 and doc[span.start - 1].lower_ == "ethnic" and entries[0].kind in {"adjective", "people"}:
                continue  # "ethnic Albanians in Serbia" are placed by where they live, not by the adjective
            mention = Mention(span.start, span.end, entries)
            for i in range(span.start, span.end):
                found[i] = mention
        return found

    @staticmethod
    def _spurious(span: Span, entries: tuple[Entry, ...]) -> bool:
        # "US" inside "us", "May" the month, "Chad" a first name: trust a one-token form only when
        # the parser agrees it is a proper noun or an adjective of nationality.
        if len(span) > 1 or all(e.kind == "adjective" for e in entries):
            return False
        token = span[0]
        return token.pos_ not in {"PROPN", "ADJ", "NOUN"} or token.ent_type_ in {"DATE", "TIME", "CARDINAL"}

    # -- phrases ------------------------------------------------------------------------
    def entry_actor(self, mention: Mention, text: str, when: dt.date | None) -> ActorRef:
        entry = self._pick(mention.entries, when)
        sector = entry.sector
        if entry.kind == "person" and not entry.active(when):
            sector = None  # a former office-holder is no longer the government
        if entry.kind == "people":
            sector = "CVL"
        country = self.gazetteer.as_of(entry.country, when)
        return ActorRef(actor_code(country, sector), country, sector, text, "dictionary", CONFIDENCE["dictionary"])

    @staticmethod
    def _pick(entries: tuple[Entry, ...], when: dt.date | None) -> Entry:
        people = [e for e in entries if e.kind == "person"]
        if people:
            active = [e for e in people if e.active(when)]
            return active[0] if active else max(people, key=lambda e: e.start or dt.date.min)
        order = {"igo": 0, "group": 1, "country": 2, "capital": 3, "people": 4, "adjective": 5, "city": 6}
        return min(entries, key=lambda e: order.get(e.kind, 9))

    def resolve(self, head: Token, mentions: dict[int, Mention], when: dt.date | None) -> ActorRef | None:
        """The actor a noun phrase headed by ``head`` names, or ``None``."""
        mention = mentions.get(head.i)
        inside = mention is not None and head.dep_ == "compound" and mention.start <= head.head.i < mention.end
        # A word inside a longer name ("White" of "White House") speaks for the whole name.
        text = head.doc[mention.start : mention.end].text if mention is not None and (
            head.dep_ in {"compound", "nmod", "amod", "poss"} or inside) else _phrase_text(head)
        if mention is not None:
            actor = self.entry_actor(mention, text, when)
            branch = self._branch(mention, head.doc, mentions, when)
            if branch and branch != actor.country:  # "Bangladesh Labour Party", "JUI Bangladesh"
                return ActorRef(actor_code(branch, actor.sector), branch, actor.sector, text, "phrase",
                                CONFIDENCE["phrase"])
            agent = self.sector(head)
            if mention.entries[0].kind in {"adjective", "city"} and agent:
                return ActorRef(actor_code(actor.country, agent), actor.country, agent, text, "dictionary",
                                CONFIDENCE["dictionary"])
            if mention.entries[0].kind != "city" or head.dep_ in {"nsubj", "nsubjpass", "pobj", "dobj"}:
                return actor
        sector = self.sector(head)
        # A thing ("the right", "joint exercises") is no actor, but "Palestinian lorries" stand for
        # their country; only an agent noun takes its country from a phrase ("officials from Kabul").
        thing = head.pos_ == "NOUN" and sector is None
        country = self._modifier_country(head, mentions, when, phrases=not thing)
        how = "phrase" if country else None
        if thing and country is None:
            return None
        if country is None and any(c.lower_ in VAGUE for c in head.children if c.dep_ in {"amod", "det"}):
            return None  # "several other countries also buy oil": nobody in particular
        if country is None and head.pos_ == "PROPN":
            country = self._inner_country(head, mentions, when)
            how = "name" if country else None
        if sector is None and head.pos_ == "PROPN" and head.lower_ in FIRM_SUFFIXES:
            sector = "BUS"  # "US Strategic Metals", "Prime Bank PLC"
        if country is None and sector is None:
            if head.pos_ == "PROPN" and head.ent_type_ in {"PERSON", "ORG"}:
                return ActorRef(None, None, None, text)  # named but uncoded; the sentence may tell its country
            return None
        if country is None and head.pos_ not in {"PROPN", "NOUN"}:
            return None
        return ActorRef(actor_code(country, sector), country, sector, text, how, CONFIDENCE.get(how or ""))

    def resolve_all(self, head: Token, mentions: dict[int, Mention], when: dt.date | None) -> list[ActorRef]:
        """Like ``resolve``, but "US and Japanese negotiators" gives one actor per country."""
        actor = self.resolve(head, mentions, when)
        if actor is None or head.i in mentions:
            return [actor] if actor else []
        actors = [actor]
        for child in head.children:
            if child.dep_ in MODIFIER_DEPS and child.i in mentions:
                for other in child.conjuncts:
                    if other.i in mentions:
                        country = self.entry_actor(mentions[other.i], other.text, when).country
                        if country and country not in {a.country for a in actors}:
                            text = f"{other.text} {head.text}"
                            actors.append(ActorRef(actor_code(country, actor.sector), country, actor.sector, text,
                                                   "phrase", CONFIDENCE["phrase"]))
        return actors

    def sector(self, head: Token) -> str | None:
        """The sector an agent noun names ("police" -> POL, "Foreign Minister X" -> GOV), or ``None``."""
        agents = self.gazetteer.agents
        words = [t for t in head.children if t.dep_ in {"compound", "amod"} and t.i < head.i]
        for candidate in (f"{words[-1].lower_} {head.lower_}" if words else "", head.lower_, head.lemma_.lower()):
            if candidate and candidate in agents:
                return agents[candidate]
        if head.pos_ == "PROPN":  # a title before a name: "Judge Alejandro Rivera", "President Dos Santos"
            for word in reversed(words):
                if word.lower_ in agents:
                    return agents[word.lower_]
        return None

    def _branch(self, mention: Mention, doc: Doc, mentions: dict[int, Mention], when: dt.date | None) -> str | None:
        """The country named right before or after a party's or organisation's own name, which makes
        it that country's namesake or branch ("Bangladesh Labour Party", "Jamiat Ulema-e-Islam Bangladesh")."""
        if not all(e.kind in {"group", "igo"} for e in mention.entries) or any(e.kind == "igo" and e.sector == "IGO"
                                                                              for e in mention.entries):
            return None
        for i in (mention.start - 1, mention.end):
            other = mentions.get(i) if 0 <= i < len(doc) else None
            if other is not None and other.entries[0].kind == "country" and doc[i].dep_ in {"compound", "npadvmod",
                                                                                          "appos", "nmod", "pobj"}:
                return self.entry_actor(other, doc[i].text, when).country
        return None

    def _modifier_country(self, head: Token, mentions: dict[int, Mention], when: dt.date | None,
                          phrases: bool = True) -> str | None:
        for child in head.children:
            if child.dep_ in MODIFIER_DEPS:
                found = self._country_in(child, mentions, when)
                if found:
                    return found
        for child in head.children if phrases else ():
            if child.dep_ == "prep" and child.lower_ in ORIGIN_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj" and (found := self._country_in(obj, mentions, when)):
                        return found
            if child.dep_ == "appos" and (found := self._country_in(child, mentions, when)):
                return found
        return None

    def _country_in(self, token: Token, mentions: dict[int, Mention], when: dt.date | None) -> str | None:
        """Country of the first mention in ``token``'s own phrase (not crossing clauses)."""
        for t in token.subtree:
            if t.dep_ in {"relcl", "acl", "ccomp", "advcl"} and t != token:
                break
            if t.i in mentions:
                return self.entry_actor(mentions[t.i], t.text, when).country
        return None

    def _inner_country(self, head: Token, mentions: dict[int, Mention], when: dt.date | None) -> str | None:
        for t in head.lefts:
            if t.dep_ == "compound" and t.i in mentions:
                return self.entry_actor(mentions[t.i], t.text, when).country
        return None


def _phrase_text(head: Token) -> str:
    """The words of a noun phrase without its clauses, conjuncts or trailing punctuation."""
    tokens = [head]
    stack = [c for c in head.children if c.dep_ not in {"conj", "cc", "relcl", "acl", "punct", "appos", "prep", "advcl"}]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(c for c in token.children if c.dep_ not in {"relcl", "acl", "punct", "advcl", "conj", "cc"})
    tokens.sort(key=lambda t: t.i)
    return head.doc[tokens[0].i : tokens[-1].i + 1].text

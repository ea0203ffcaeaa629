"""Claims and disputes: who said, credited, accused or denied what.

A claim is a verb of saying, crediting, accusing or denying with its speaker and content. A denial
is linked (``disputes``) to the claim it denies: the claim its clause is attached to ("..., a claim
India denied"), a claim the denial names ("rejected Pakistan's claim"), or else the latest earlier
claim in the article about the same actors by another speaker.

Claims are their own component beside the event coder: ``ClaimExtractor`` reads the same
``Parsed`` article, so replacing the event coder does not change them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from detente.coding.base import Context
from detente.coding.modality import (
    CLAIM_NOUNS,
    CLAIM_VERBS,
    DENY_VERBS,
    SAY_VERBS,
    modality_of,
)
from detente.coding.scope import coded_sentences
from detente.records import ActorRef, Claim, stable_id

if TYPE_CHECKING:
    from detente.actors import Resolver
    from detente.nlp import Parsed

SPEECH_VERBS = SAY_VERBS | CLAIM_VERBS | DENY_VERBS
# Verbs whose content is an object plus a "with/of/for" phrase ("credited Trump with mediating").
OBJECT_CONTENT = {"credit": {"with", "for"}, "accuse": {"of"}, "blame": {"for"}, "charge": {"with"}}
STOPWORDS = {"that", "this", "with", "from", "have", "were", "said", "says", "would", "will", "their", "there",
             "which", "claim", "claims", "denied", "denies", "rejected", "report", "about", "been", "also"}
REPORT_NOUNS = CLAIM_NOUNS | {"report", "reports", "statement", "version", "account", "remarks", "assertion"}


def _content(verb: Token) -> list[Token]:
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    if lemma in OBJECT_CONTENT:
        objects = [c for c in children if c.dep_ == "dobj"]
        preps = [c for c in children if c.dep_ == "prep" and c.lower_ in OBJECT_CONTENT[lemma]]
        if objects and preps:
            return sorted([t for c in (*objects, *preps) for t in c.subtree], key=lambda t: t.i)
    for child in children:
        if child.dep_ == "ccomp":
            return [t for t in child.subtree if not (t.dep_ == "mark" and t.head == child)]
    if lemma in DENY_VERBS:
        for child in children:
            if child.dep_ == "dobj":
                return list(child.subtree)
        if verb.dep_ == "relcl" and verb.head.lower_ in CLAIM_NOUNS:
            return [verb.head]
    return []


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,.;")


def _subjects(tokens: list[Token], context: Context, resolver: Resolver) -> tuple[ActorRef, ...]:
    actors: dict[tuple[str | None, str], ActorRef] = {}
    starts: set[int] = set()
    for token in tokens:
        mention = context.mentions.get(token.i)
        if mention is None or mention.start in starts:
            continue
        starts.add(mention.start)
        span_text = token.doc[mention.start : mention.end].text
        actor = resolver.entry_actor(mention, span_text, context.date)
        actors.setdefault((actor.country, actor.text), actor)
    return tuple(actors.values())


def _disputed(verb: Token, speaker: ActorRef, subjects: tuple[ActorRef, ...], by_token: dict[int, Claim],
              earlier: list[Claim], context: Context, resolver: Resolver) -> str | None:
    if verb.dep_ == "relcl" and verb.head.lower_ in CLAIM_NOUNS and verb.head.head.i in by_token:
        return by_token[verb.head.head.i].id  # "X credited Y with Z, a claim India denied"
    candidates = [c for c in reversed(earlier) if c.verb not in DENY_VERBS and c.speaker.country != speaker.country]
    named = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in REPORT_NOUNS), None)
    if named is not None:
        owners = [c for c in named.children if c.dep_ == "poss"] + [
            o for p in named.children if p.dep_ == "prep" and p.lower_ in {"of", "by", "from"}
            for o in p.children if o.dep_ == "pobj"]
        for owner in owners:
            actor = resolver.resolve(owner, context.mentions, context.date)
            match = next((c for c in candidates if actor and c.speaker.country == actor.country), None)
            if match:
                return match.id
    countries = {s.country for s in subjects if s.country}
    words = _words(" ".join(t.text for t in verb.subtree))
    scored = [(len(words & _words(c.content)), bool(countries & {s.country for s in c.subjects}), -i, c.id)
              for i, c in enumerate(candidates)]
    # The claim sharing most content words ("mediated", "cease-fire") and actors; the latest breaks ties.
    best = max((s for s in scored if s[0] >= 2 or (s[1] and s[0] >= 1)), default=None)
    return best[3] if best else None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in STOPWORDS}


def extract_claims(sentence: Span, index: int, context: Context, resolver: Resolver, earlier: list[Claim],
                   coder: str) -> list[Claim]:
    """Claims made in one sentence; ``earlier`` are the article's claims so far (for disputes)."""
    found: list[Claim] = []
    by_token: dict[int, Claim] = {}
    for verb in sentence:
        lemma = verb.lemma_.lower()
        if verb.pos_ not in {"VERB", "AUX"} or lemma not in SPEECH_VERBS:
            continue
        content = _content(verb)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if not content or subject is None:
            continue
        speaker = resolver.resolve(subject, context.mentions, context.date)
        if speaker is None or speaker.country is None:
            if lemma in SAY_VERBS:
                continue  # "the report said": kept as attribution on events, not as a claim
            speaker = ActorRef(None, None, None, subject.text)
        subjects = _subjects(content, context, resolver)
        if verb.dep_ == "relcl" and verb.head.head.i in by_token:
            subjects = by_token[verb.head.head.i].subjects
            content_text = by_token[verb.head.head.i].content
        else:
            content_text = _text(content)
        disputes = None
        if lemma in DENY_VERBS:
            disputes = _disputed(verb, speaker, subjects, by_token, [*earlier, *found], context, resolver)
        modality = modality_of(verb).value
        claim = Claim(
            id=stable_id(context.article_id, str(index), str(verb.i), lemma, coder),
            article_id=context.article_id, sentence=index, evidence=sentence.text.strip(), speaker=speaker, verb=lemma,
            content=content_text, modality="denied" if lemma in DENY_VERBS and modality == "asserted" else modality,
            subjects=subjects, disputes=disputes, coder=coder,
        )
        found.append(claim)
        by_token[verb.i] = claim
    return found


class ClaimExtractor:
    """The claims component: the claims (and disputes) of parsed articles.

    ``extract``'s ``label`` goes into each claim's id and ``coder`` field: the event coder's name, so
    that the claims stored beside one coder version's events stay distinguishable from another's.
    """

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def extract(self, parsed: Parsed, label: str) -> list[Claim]:
        claims: list[Claim] = []
        context = Context.of(parsed)
        for index, sentence in coded_sentences(parsed.doc):
            claims.extend(extract_claims(sentence, index, context, self.resolver, claims, label))
        return claims

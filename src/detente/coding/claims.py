"""Claims and disputes: who said, credited, accused or denied what.

A claim is a verb of saying, crediting, accusing or denying with its speaker and content. A denial
is linked (``disputes``) to the claim it denies: the claim its clause is attached to ("..., a claim
India denied"), a claim the denial names ("rejected Pakistan's claim"), or else the latest earlier
claim in the article about the same actors by another speaker.

Claims are their own component beside the event coder: ``ClaimExtractor`` reads the same
``Parsed`` article, so replacing the event coder does not change them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from detente.actors.spans import SpanResolver
from detente.coding.base import Context, home_country
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

# A country guess for actor words of a sentence (text, characters) -> (country, probability) or None.
Guess = Callable[[str, tuple[int, int]], "tuple[str, float] | None"]
# The guidelines' verbs of saying or stance, with warnings and promises.
SPEECH_VERBS = SAY_VERBS | CLAIM_VERBS | DENY_VERBS | {"warn", "promise", "allege", "cite", "point"}
# Verbs whose content is an object plus a "with/of/for" phrase ("credited Trump with mediating").
OBJECT_CONTENT = {"credit": {"with", "for"}, "accuse": {"of"}, "blame": {"for"}, "charge": {"with"}}
STOPWORDS = {"that", "this", "with", "from", "have", "were", "said", "says", "would", "will", "their", "there",
             "which", "claim", "claims", "denied", "denies", "rejected", "report", "about", "been", "also"}
# Pronouns that name a person, and those that do not say who (``he`` takes its speaker from before).
PERSONAL = {"he", "she", "i", "we", "they", "it"}
# Verbs that deny only when what they contest is a statement (elections and seats are contested too).
CONTEST_VERBS = {"contest", "dispute", "challenge", "dismiss"}  # "dismissed the minister from her post"
QUOTE_OPENERS = {'"', "“", "‘", "'", ":"}
REPORT_NOUNS = CLAIM_NOUNS | {"report", "reports", "statement", "version", "account", "remarks", "assertion"}
# What a denial may be of, besides claims and reports.
STATEMENTS = REPORT_NOUNS | {"figures", "findings", "accounts", "results", "idea", "suggestion", "suggestions",
                             "notion", "concerns", "speculation", "rumours", "rumors", "charges", "criticism"}


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
    if lemma in SAY_VERBS:
        # 'told us, "Make a separate list ..."', 'said: ...': a quotation after the verb is its content
        after = verb.doc[verb.i + 1 : min(verb.i + 5, verb.sent.end)]
        opening = next((t for t in after if t.text in QUOTE_OPENERS), None)
        if opening is not None and opening.i + 1 < verb.sent.end:
            return list(verb.doc[opening.i + 1 : verb.sent.end])
    if verb.dep_ == "parataxis" and lemma in SAY_VERBS:
        # "The state is responsible, Mr Putin said": the clause the verb interrupts is its content.
        inside = {t.i for t in verb.subtree}
        return [t for t in verb.head.subtree if t.i not in inside and not t.is_punct]
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


def _contests_a_statement(verb: Token) -> bool:
    """"contested the claim", "disputes that ...": a statement; not "contested the polls from Dhaka-10"."""
    return any(c.dep_ == "ccomp" or c.dep_ == "dobj" and c.lower_ in STATEMENTS for c in verb.children)


def _named_claim(verb: Token, sentence: Span, index: int, context: Context, resolver: Resolver,
                 coder: str) -> Claim | None:
    """The claim a denial names as its object, with its owner ("rejected India's remarks", "dismissed
    the allegations by the ministry"), as a claim of that owner."""
    noun = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in REPORT_NOUNS), None)
    if noun is None:
        return None
    owners = [c for c in noun.children if c.dep_ == "poss"] + [
        o for p in noun.children if p.dep_ == "prep" and p.lower_ in {"of", "by", "from"}
        for o in p.children if o.dep_ == "pobj"]
    for owner in owners:
        actor = resolver.resolve(owner, context.mentions, context.date)
        if actor is not None and actor.country:
            tokens = sorted(noun.subtree, key=lambda t: t.i)
            return Claim(id=stable_id(context.article_id, str(index), str(noun.i), noun.lemma_.lower(), coder),
                         article_id=context.article_id, sentence=index, evidence=sentence.text.strip(), speaker=actor,
                         verb=noun.lemma_.lower(), content=_text(tokens), modality="asserted",
                         subjects=_subjects(tokens, context, resolver), disputes=None, coder=coder)
    return None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in STOPWORDS}


def _speaker(subject: Token, sentence: Span, context: Context, resolver: Resolver, spans: SpanResolver,
             guess: Guess | None = None) -> ActorRef | None:
    """The speaker a subject names: through the resolver, else with the article as context ("he",
    "the party's secretary general", a name the article placed earlier)."""
    speaker = resolver.resolve(subject, context.mentions, context.date)
    if speaker is not None and speaker.country:
        return speaker
    last = subject.right_edge
    words = (subject.left_edge.idx - sentence.start_char, last.idx + len(last) - sentence.start_char)
    placed = spans.resolve(sentence, words, context, guess(sentence.text, words) if guess else None)
    return placed if placed is not None and placed.country else speaker


def extract_claims(sentence: Span, index: int, context: Context, resolver: Resolver, earlier: list[Claim],
                   coder: str, spans: SpanResolver | None = None, guess: Guess | None = None) -> list[Claim]:
    """Claims made in one sentence; ``earlier`` are the article's claims so far (for disputes)."""
    spans = spans or SpanResolver(resolver, {})
    found: list[Claim] = []
    by_token: dict[int, Claim] = {}
    for verb in sentence:
        lemma = verb.lemma_.lower()
        if verb.pos_ not in {"VERB", "AUX"} or lemma not in SPEECH_VERBS:
            continue
        if lemma in CONTEST_VERBS and not _contests_a_statement(verb):
            continue  # "contested the election", "disputed islands": no denial of anything said
        content = _content(verb)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and (verb.dep_ in {"advcl", "xcomp"} and verb.tag_ == "VBG" or verb.dep_ == "conj"):
            # "Trump orders troops to Portland, saying ...", "X calls for calm and says ...": the one
            # saying is the subject of the clause it hangs on
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if not content or subject is None:
            continue
        speaker = _speaker(subject, sentence, context, resolver, spans, guess)
        if subject.lower_ in {"he", "she"}:
            # "He said" after "India's spokesman Randhir Jaiswal said ...": the article's last speaker
            previous = next((c for c in reversed([*earlier, *found]) if c.speaker.country and index - c.sentence <= 3
                             and c.speaker.text.lower() not in PERSONAL), None)
            if previous is not None:
                speaker = dataclasses.replace(previous.speaker, text=subject.text, resolved_by="article")
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
            named = _named_claim(verb, sentence, index, context, resolver, coder)
            if named is not None and named.speaker.country != speaker.country:
                # "rejected India's remarks": India's remarks are a claim of their own, and this denies it
                found.append(named)
                disputes = named.id
            else:
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

    def __init__(self, resolver: Resolver, guess: Guess | None = None) -> None:
        self.resolver = resolver
        self.guess = guess
        # No learned lexicon: measured on the claims silver test it costs precision (F1 0.589 -> 0.585).
        self.spans = SpanResolver(resolver, {})

    def extract(self, parsed: Parsed, label: str) -> list[Claim]:
        claims: list[Claim] = []
        # A speaker the sentence does not place ("he said", "party sources said") is of the country
        # most of the article's places name, even when it names one only: measured on the claims
        # gold, this raises F1 from 0.589 to 0.613 (silver test) and 0.468 to 0.498 (training set).
        context = dataclasses.replace(Context.of(parsed), home=home_country(parsed.mentions, least=1))
        for index, sentence in coded_sentences(parsed.doc):
            claims.extend(extract_claims(sentence, index, context, self.resolver, claims, label, self.spans,
                                         self.guess))
        return claims

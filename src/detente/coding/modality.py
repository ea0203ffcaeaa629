"""Modality of an event: asserted, claimed, denied, hedged, negated or future.

Read off the parse by walking from the event's clause verb up through the clauses that govern it:
negation and modal auxiliaries on the way, hedging and planning verbs ("expected to", "seeking to",
"plans to"), hedging adjectives ("remains unlikely"), conditionals, and the verb of attribution
("X said" keeps the event asserted and names the speaker; "X claimed"/"credited" makes it claimed;
"X denied" makes it denied). The strongest marker wins, in the order of ``PRIORITY``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

PRIORITY = ("negated", "denied", "claimed", "hedged", "future", "asserted")
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HEDGE_AUX = {"could", "may", "might", "should", "must", "can", "ought"}
FUTURE_GOVERNORS = {"plan", "intend", "schedule", "set", "prepare", "promise", "pledge", "vow", "decide", "agree",
                    "announce", "go", "due", "commit", "resolve", "threaten"}
HEDGE_GOVERNORS = {"expect", "hope", "seek", "try", "want", "wish", "attempt", "consider", "propose", "offer",
                   "urge", "ask", "pressure", "press", "push", "call", "demand", "request", "aim", "look", "mull",
                   "weigh", "explore", "suggest", "recommend", "encourage", "need", "like", "believe", "think",
                   "suspect", "speculate", "predict", "fear", "doubt", "rumor", "rumour", "appeal", "invite",
                   "struggle", "strive", "endeavour", "endeavor", "lobby", "work", "favor", "favour"}
NEGATING_GOVERNORS = {"refuse", "decline", "fail", "reject", "avoid", "rule", "stop", "cease", "halt", "forgo"}
HEDGE_ADJECTIVES = {"determined", "committed", "intent", "anxious", "unlikely", "likely", "possible", "probable", "able", "willing", "ready", "expected", "keen",
                    "eager", "prepared", "poised", "hopeful", "uncertain", "doubtful", "conceivable", "potential",
                    "set", "due", "slated"}
FUTURE_ADJECTIVES = {"set", "due", "slated", "scheduled", "poised"}
SAY_VERBS = {"say", "tell", "state", "announce", "report", "add", "note", "write", "confirm", "declare", "quote",
             "explain", "tweet", "post", "brief", "inform", "reveal", "disclose", "show", "highlight", "emphasise",
             "emphasize", "stress", "outline", "observe", "remark", "assess", "conclude", "recall", "acknowledge"}
CLAIM_VERBS = {"claim", "allege", "credit", "insist", "assert", "contend", "maintain", "accuse", "argue", "blame",
               "charge", "purport"}
DENY_VERBS = {"deny", "refute", "dismiss", "dispute", "contest", "rebut", "reject"}
HEDGE_ADVERBS = {"possibly", "perhaps", "probably", "maybe", "likely", "potentially", "reportedly"}
CLAIM_ADVERBS = {"allegedly", "purportedly", "supposedly", "ostensibly"}
TEMPORAL_PREPS = {"after", "before", "since", "following", "during", "upon", "until"}
PUNISH_VERBS = {"jail", "sentence", "arrest", "detain", "charge", "convict", "indict", "sue", "punish", "fine",
                "sanction", "expel", "condemn", "criticise", "criticize", "prosecute", "try", "seek", "want", "hang",
                "execute", "suspect"}
CLAIM_NOUNS = {"claim", "claims", "allegation", "allegations", "assertion", "accusation", "accusations"}


@dataclass(frozen=True, slots=True)
class Modality:
    value: str
    speaker: Token | None  # subject of the verb of attribution, if any
    speech: Token | None  # that verb


def _stronger(a: str, b: str) -> str:
    return a if PRIORITY.index(a) <= PRIORITY.index(b) else b


def _local(verb: Token) -> str:
    found = "asserted"
    for child in verb.children:
        lower = child.lower_
        if child.dep_ == "neg" or lower in {"never", "not", "n't"} and child.dep_ in {"neg", "advmod"}:
            found = _stronger(found, "negated")
        elif child.dep_ == "aux" and lower in FUTURE_AUX:
            found = _stronger(found, "future")
        elif child.dep_ == "aux" and lower in HEDGE_AUX:
            found = _stronger(found, "hedged")
        elif child.dep_ == "aux" and lower == "would":
            found = _stronger(found, "future")
        elif child.dep_ == "advmod" and lower in HEDGE_ADVERBS - {"reportedly"}:
            found = _stronger(found, "hedged")
        elif child.dep_ == "advmod" and lower in CLAIM_ADVERBS:
            found = _stronger(found, "claimed")
        elif child.dep_ == "advcl" and any(m.lower_ in {"if", "unless"} for m in child.children if m.dep_ == "mark"):
            found = _stronger(found, "hedged")
        elif child.dep_ == "acomp" and child.lower_ in HEDGE_ADJECTIVES:
            found = _stronger(found, "future" if child.lower_ in FUTURE_ADJECTIVES else "hedged")
        elif child.dep_ in {"npadvmod", "appos", "attr"} and child.lower_ in CLAIM_NOUNS and verb.lemma_ not in CLAIM_VERBS:
            # "X credited Y with Z, a claim India denied": the clause is presented as a claim.
            found = _stronger(found, "claimed")
    if verb.lemma_ in {"expect", "schedule", "plan", "set"} and any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        found = _stronger(found, "future" if verb.lemma_ != "expect" else "hedged")
    return found


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds ``token`` (a noun trigger climbs to its governing verb)."""
    current = token
    for _ in range(12):
        if current.pos_ in {"VERB", "AUX"} or current.dep_ == "ROOT" or current.head == current:
            return current
        current = current.head
    return current


def modality_of(trigger: Token) -> Modality:
    """Modality of the event triggered at ``trigger``, with the speaker it is attributed to."""
    found = "asserted"
    if trigger.pos_ in {"NOUN", "PROPN"}:
        if any(c.lower_ in {"no", "without"} for c in trigger.children if c.dep_ in {"det", "neg"}):
            found = "negated"
        if trigger.head.lower_ == "without":
            found = "negated"
    verb = clause_verb(trigger)
    speaker = speech = None
    if trigger != verb and _via_content_preposition(trigger, verb):
        # "credited Washington with brokering talks": the talks are the content of the claim.
        if verb.lemma_ in CLAIM_VERBS:
            found, speaker, speech = _stronger(found, "claimed"), _subject(verb), verb
        elif verb.lemma_ in DENY_VERBS:
            found, speaker, speech = _stronger(found, "denied"), _subject(verb), verb
    current = verb
    own_local = True
    for depth in range(10):
        if own_local:
            found = _stronger(found, _local(current))
        own_local = True
        parent = current.head
        if parent == current:
            break
        relation = current.dep_
        lemma = parent.lemma_.lower()
        if relation in {"xcomp", "ccomp", "pcomp", "advcl", "conj", "acomp", "prep", "pobj", "relcl", "dobj"}:
            if relation in {"xcomp", "acomp", "advcl", "pcomp", "prep", "pobj"} and lemma in FUTURE_GOVERNORS:
                found = _stronger(found, "future")
            elif relation in {"xcomp", "ccomp", "acomp", "pcomp", "prep", "pobj", "dobj"} and lemma in HEDGE_GOVERNORS:
                found = _stronger(found, "hedged")
            elif relation == "xcomp" and lemma in NEGATING_GOVERNORS:
                found = _stronger(found, "negated")
            elif relation in {"xcomp", "acomp"} and lemma in HEDGE_ADJECTIVES:
                found = _stronger(found, "hedged")
            elif relation in {"ccomp", "pcomp", "prep", "pobj"} and lemma in CLAIM_VERBS and depth < 4:
                # The content of a claim, an accusation or a crediting ("credited Trump with mediating").
                found = _stronger(found, "claimed")
                speaker, speech = speaker or _subject(parent), speech or parent
            elif relation in {"ccomp", "dobj"} and lemma in DENY_VERBS:
                found = _stronger(found, "denied")
                speaker, speech = speaker or _subject(parent), speech or parent
            elif relation == "ccomp" and lemma in SAY_VERBS:
                speaker, speech = speaker or _subject(parent), speech or parent
                if _local(parent) == "negated":
                    found = _stronger(found, "hedged")
            elif relation in {"pcomp", "prep", "pobj"} and lemma in PUNISH_VERBS:
                found = _stronger(found, "claimed")  # "jailed a man for helping militants": the charge
            if relation == "prep" and current.lower_ in TEMPORAL_PREPS:
                own_local = False  # "after meeting X, they would ...": the meeting is not future
            if relation == "conj":
                # Coordinated verbs share the first one's auxiliaries only when they have none of their own.
                own_local = not any(c.dep_ in {"aux", "neg"} for c in current.children)
            current = parent
            continue
        break
    return Modality(found, speaker, speech)


def _via_content_preposition(token: Token, verb: Token) -> bool:
    current = token
    while current != verb and current.head != current:
        if current.dep_ == "prep" and current.lower_ in {"with", "of", "for"} and current.head == verb:
            return True
        current = current.head
    return False


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    if verb.dep_ in {"relcl"}:
        return None
    return None

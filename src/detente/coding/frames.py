"""Who did it and to whom: source and target heads of a trigger, read from the dependency parse.

Covers active and passive voice, participle and relative clauses, coordination ("A and B held
talks"), subject control ("agreed to visit"), object control ("urged X to"), light verbs ("held
talks with", "played a role in the arrest of"), noun triggers with possessives, modifiers
("US-Pakistan talks"), "by" and "between" phrases, and pronoun subjects of reported speech.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJECT_DEPS = {"nsubj", "csubj"}
# Prepositions that introduce the other party of an interaction.
TARGET_PREPS = {"with", "to", "against", "on", "toward", "towards", "into", "upon", "at", "for", "over", "from"}
NOUN_TARGET_PREPS = {"with", "to", "against", "on", "toward", "towards", "for", "between", "from", "into", "over"}
# For talks and deals "on"/"over" give the topic, not a party ("negotiations on a troop pullback").
TOPIC_PREPS = {"on", "over", "about", "regarding"}
TOPIC_TYPES = {"CONSULT", "AGREE"}
# Nouns whose "from" phrase names the party acted on ("withdrawal from Panama"); elsewhere it is the giver.
FROM_TARGET_TYPES = {"RETREAT", "SANCTION", "COERCE"}
# For these types "X of Y" names the one acted upon ("the arrest of Y", "the release of Y").
PATIENT_OF_TYPES = {"COERCE", "ASSAULT", "CONCEDE", "SANCTION", "ACCUSE", "COOPERATE", "RETREAT", "AID"}
# Verbs whose object is the thing given; the party is the indirect object or a "to/for" phrase.
RECIPIENT_VERBS = {"give", "provide", "send", "deliver", "offer", "extend", "grant", "supply", "ship", "sell",
                   "export", "donate", "lend", "hand", "transfer", "return", "airdrop", "pledge", "promise"}
# "V NP of/for/with V-ing": the object does the second verb ("accused Rwanda of making", "jailed a
# man for helping", "credited Trump with mediating").
OBJECT_PREP_CONTROL = {"of", "for", "with"}
PLACE_PREPS = {"in", "at", "near", "inside", "across", "to", "into", "on"}
OBJECT_CONTROL = {"urge", "ask", "call", "press", "pressure", "push", "force", "order", "invite", "encourage",
                  "help", "allow", "persuade", "tell", "request", "implore", "lobby"}


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it ("India, Pakistan and China").

    A list the parser reads as an apposition ("the US, Russia, and Switzerland") counts too.
    """
    found = [token, *token.conjuncts]
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.conjuncts:
            found.extend([child, *child.conjuncts])
    return found


def _pronoun_antecedent(token: Token) -> Token:
    """A subject pronoun stands for an earlier party: "he"/"she" for the nearest governing clause's
    subject ("Obama said he would"), "it"/"they" for the nearest earlier name that is not a person
    ("reminded Iraq that it must")."""
    if token.tag_ not in {"PRP"}:
        return token
    if token.lower_ in {"it", "they"}:
        for earlier in reversed(token.doc[token.sent.start : token.i]):
            if earlier.pos_ == "PROPN" and earlier.ent_type_ in {"GPE", "ORG", "NORP"} and earlier.dep_ != "compound":
                return earlier
    current = token.head
    for _ in range(6):
        parent = current.head
        if parent == current:
            break
        for child in parent.children:
            if child.dep_ in SUBJECT_DEPS and child.tag_ != "PRP":
                return child
        current = parent
    return token


def subjects(verb: Token) -> tuple[list[Token], bool]:
    """Subject heads of ``verb`` and whether they are the target (passive voice)."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return [_pronoun_antecedent(c) for c in conjuncts(child)], False
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return conjuncts(child), True
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return conjuncts(verb.head), True  # "a camp attacked by militiamen"
    if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        return conjuncts(verb.head), False  # "rebels who attacked", "forces killing civilians"
    if verb.dep_ == "xcomp" and verb.head.lemma_ in OBJECT_CONTROL:
        for child in verb.head.children:
            if child.dep_ == "dobj":
                return conjuncts(child), False
    if verb.dep_ == "pcomp" and verb.head.lower_ in OBJECT_PREP_CONTROL:
        governor = verb.head.head
        objects = [c for c in governor.children if c.dep_ == "dobj"]
        if governor.pos_ in {"VERB", "AUX"} and objects:
            return conjuncts(objects[0]), False
    if verb.dep_ in {"xcomp", "conj", "advcl", "pcomp", "ccomp"} and verb.head != verb:
        head = verb.head if verb.dep_ != "pcomp" else verb.head.head
        if head.dep_ == "acomp" and head.pos_ == "ADJ":  # "Norway is willing to send"
            head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            found, passive = subjects(head)
            # "The civilians ... were released by Putin": a passive verb makes its shared subject the target.
            passive_here = any(c.dep_ in {"auxpass", "agent"} for c in verb.children)
            return found, passive_here or (passive and verb.dep_ == "conj")
    return [], False


def agent(verb: Token) -> list[Token]:
    """The "by" phrase of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            return [c for o in child.children if o.dep_ == "pobj" for c in conjuncts(o)]
    return []


def prep_objects(head: Token, preps: set[str]) -> Iterator[Token]:
    for child in head.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield from conjuncts(obj)


def verb_objects(verb: Token) -> list[list[Token]]:
    """Candidate target groups of a verb, most direct first."""
    groups: list[list[Token]] = []
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ != "ADP":
            groups.append(conjuncts(child))
    if verb.lemma_.lower() in RECIPIENT_VERBS:
        groups.append(list(prep_objects(verb, {"to", "for", "into"})))
        for child in verb.children:
            if child.dep_ == "dobj":
                groups.append(list(prep_objects(child, {"to", "for"})))
        return [g for g in groups if g]
    for child in verb.children:
        if child.dep_ in {"dobj", "attr"}:
            groups.append(conjuncts(child))
            groups.append(list(prep_objects(child, NOUN_TARGET_PREPS)))
            groups.append([c for c in child.children if c.dep_ == "poss"])
    groups.append(list(prep_objects(verb, TARGET_PREPS)))
    for child in verb.children:
        if child.dep_ == "dobj":  # "bought a quantity of Canadian flaxseed", "rejected calls by Annan"
            groups.append(list(prep_objects(child, {"of", "by"})))
    for child in verb.children:
        if child.dep_ in {"xcomp", "ccomp"}:
            inner_subjects = [c for c in child.children if c.dep_ in SUBJECT_DEPS]
            if child.dep_ == "ccomp" and inner_subjects:
                groups.append(conjuncts(inner_subjects[0]))  # "demanded that the US cancel"
            for group in verb_objects(child):
                groups.append(group)
    return [g for g in groups if g]


def noun_arguments(noun: Token, type_: str = "") -> tuple[list[Token], list[list[Token]]]:
    """(source candidates, target candidate groups) of a noun trigger from its own dependents."""
    sources: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss":
            sources.extend(conjuncts(child))
    modifiers = [c for c in noun.lefts if c.dep_ in {"compound", "amod", "nmod", "npadvmod"}]
    for child in modifiers:
        sources.extend(t for t in child.subtree if t.dep_ in {"compound", "amod", "nmod", "conj", "npadvmod"}
                       or t == child)
    sources.extend(agent_like(noun))
    preps = NOUN_TARGET_PREPS - TOPIC_PREPS if type_ in TOPIC_TYPES else NOUN_TARGET_PREPS
    if type_ not in FROM_TARGET_TYPES:  # "an invitation from Trump to the generals"
        sources[:0] = prep_objects(noun, {"from"})
        preps = preps - {"from"}
    targets = [list(prep_objects(noun, preps))]
    # "a suspension of air links with Serbia", "the withdrawal of forces from Bosnia"
    targets.append([t for o in prep_objects(noun, {"of"}) for t in prep_objects(o, preps)])
    return sources, [t for t in targets if t]


def agent_like(noun: Token) -> list[Token]:
    return list(prep_objects(noun, {"by"}))


def between(noun: Token) -> list[Token]:
    return list(prep_objects(noun, {"between", "among", "amongst"}))


def of_objects(noun: Token) -> list[Token]:
    return list(prep_objects(noun, {"of"}))


def places(*heads: Token) -> list[Token]:
    """Objects of place prepositions ("attacks in Nigeria", "a summit in Switzerland")."""
    found: list[Token] = []
    for head in heads:
        found.extend(prep_objects(head, PLACE_PREPS))
    return found

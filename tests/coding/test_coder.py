"""The event coder on sentences written for these tests: one reading each, with its modality."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest


DAY = dt.date(2025, 6, 20)


def coded(coder: Any, text: str) -> set[tuple[str, str | None, str | None, str]]:
    events, _ = coder.code_text(text, DAY)
    return {(e.type, e.source.country, e.target.country, e.modality) for e in events}


@pytest.mark.parametrize("text, expected", [
    ("Pakistan handed over the suspect to the United States.", ("COOPERATE", "PAK", "USA", "asserted")),
    ("India accused Pakistan of backing the attackers.", ("ACCUSE", "IND", "PAK", "asserted")),
    ("Washington imposed new tariffs on India.", ("SANCTION", "USA", "IND", "asserted")),
    ("Chinese and Pakistani officials held talks in Beijing.", ("CONSULT", "CHN", "PAK", "asserted")),
    ("India and China agreed to resume direct flights.", ("AGREE", "IND", "CHN", "asserted")),
    ("Three Afghan nationals were arrested by Pakistani police.", ("COERCE", "PAK", "AFG", "asserted")),
    ("Rubio will visit Islamabad next week.", ("CONSULT", "USA", "PAK", "future")),
    ("The United States did not send aid to Pakistan.", ("AID", "USA", "PAK", "negated")),
    ("Officials said Turkey is expected to host talks between Pakistan and Afghanistan.",
     ("CONSULT", "TUR", "PAK", "hedged")),  # a host or mediator meets each side (PLOVER third-party)
    ("Iran said it would attack Israel.", ("THREATEN", "IRN", "ISR", "asserted")),
    ("Iran said it would attack Israel.", ("ASSAULT", "IRN", "ISR", "future")),
    ("Pakistan credited Donald Trump with mediating the cease-fire, a claim India denied.",
     ("SUPPORT", "PAK", "USA", "asserted")),
    ("Qatar mediated talks between Pakistan and Afghanistan in Doha.", ("CONSULT", "QAT", "AFG", "asserted")),
])
def test_reads_one_event(coder: Any, text: str, expected: tuple[str, str, str, str]) -> None:
    assert expected in coded(coder, text)


@pytest.mark.parametrize("text", [
    "Despite the warmer tone, major US military or economic assistance to Pakistan remains unlikely.",
    "Analysts don't expect Washington to send aid to Islamabad this year.",
    "Pakistan is seeking to deepen its partnership with the United States.",
])
def test_hedged_statements_are_never_asserted(coder: Any, text: str) -> None:
    assert not any(modality == "asserted" and kind in {"AID", "COOPERATE"} for kind, _, _, modality in coded(coder, text))


@pytest.mark.parametrize("text", [
    "The stock market rose two percent on Tuesday.",
    "China remains Pakistan's dominant partner.",
    "The minister said the economy will grow next year.",
    "Algeria sealed a 1-0 victory over Morocco in the Africa Cup of Nations after a late penalty.",
    "Mustafizur came back in the death overs to clean up the Irish tail, and the spinner took two wickets.",
    "Modi expressed sorrow at her death, recalling her contributions to Bangladesh.",
])
def test_no_event_without_an_interaction(coder: Any, text: str) -> None:
    assert coded(coder, text) == set()


def test_event_keeps_its_evidence(coder: Any) -> None:
    text = "The weather was calm. Pakistan handed over the suspect to the United States."
    events, _ = coder.code_text(text, DAY, article_id="a1")
    (event,) = events
    assert event.sentence == 1 and event.article_id == "a1"
    assert text[event.span[0]: event.span[1]] == event.evidence == "Pakistan handed over the suspect to the United States."
    assert event.coder == "plover.rules.v2" and 0 < event.confidence <= 1
    assert event.quad_class == 2 and event.intensity > 0


def test_a_denied_credit_is_a_dispute(coder: Any) -> None:
    _, claims = coder.code_text("Pakistan credited Donald Trump with mediating the cease-fire, a claim India denied.", DAY)
    by_verb = {c.verb: c for c in claims}
    credit, denial = by_verb["credit"], by_verb["deny"]
    assert credit.speaker.country == "PAK" and "mediating the cease-fire" in credit.content
    assert {s.country for s in credit.subjects} == {"USA"}
    assert denial.speaker.country == "IND" and denial.modality == "denied"
    assert denial.disputes == credit.id and credit.disputes is None


def test_events_inside_a_credited_statement_are_claimed(coder: Any) -> None:
    events, _ = coder.code_text("Islamabad credited Washington with brokering talks between Pakistan and India.", DAY)
    consult = [e for e in events if e.type == "CONSULT"]
    assert consult and all(e.modality == "claimed" for e in consult)


def test_roles_follow_the_article_date(coder: Any) -> None:
    text = "Joe Biden met Shehbaz Sharif."
    in_office, _ = coder.code_text(text, dt.date(2024, 6, 1))
    retired, _ = coder.code_text(text, dt.date(2025, 6, 1))
    assert in_office[0].source.code == "USAGOV"
    assert retired[0].source.country == "USA" and retired[0].source.sector is None

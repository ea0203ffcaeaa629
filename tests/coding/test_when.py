"""Event dates: the date expression on the trigger, resolved against the article's date."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.coding import Coding, get_coder
from detente.coding.when import event_date, resolve_date
from detente.config import Settings
from detente.nlp import load_model
from detente.records import Article

DAY = dt.date(2025, 12, 3)  # a Wednesday


@pytest.mark.parametrize("text, expected, precision", [
    ("on Monday", dt.date(2025, 12, 1), "day"),
    ("yesterday", dt.date(2025, 12, 2), "day"),
    ("two days ago", dt.date(2025, 12, 1), "day"),
    ("last week", dt.date(2025, 11, 26), "week"),
    ("in March", dt.date(2025, 3, 1), "month"),
    ("last March", dt.date(2025, 3, 1), "month"),
    ("in 1971", dt.date(1971, 1, 1), "year"),
    ("3 March 2024", dt.date(2024, 3, 3), "day"),
])
def test_expressions_resolve_against_the_article_date(text: str, expected: dt.date, precision: str) -> None:
    found = resolve_date(text, DAY)
    assert found is not None and (found.date, found.precision) == (expected, precision)


@pytest.mark.parametrize("text", ["two days", "the past five years", "decades", "80-year-old", "annual"])
def test_lengths_of_time_and_ages_are_no_date(text: str) -> None:
    assert resolve_date(text, DAY) is None


def test_relative_dates_need_the_article_date() -> None:
    assert resolve_date("on Monday", None) is None
    assert resolve_date("in 1971", None).date == dt.date(1971, 1, 1)


def test_the_future_looks_ahead() -> None:
    assert resolve_date("on Monday", DAY, future=True).date == dt.date(2025, 12, 8)


@pytest.mark.parametrize("sentence, trigger, expected", [
    ("Pakistan and India held talks on Monday.", "talks", dt.date(2025, 12, 1)),
    ("Police arrested five men yesterday, officials said on Tuesday.", "arrested", dt.date(2025, 12, 2)),
    ("The 1971 war between India and Pakistan killed thousands.", "war", dt.date(1971, 1, 1)),
    ("Officials said on Tuesday that police arrested five men.", "arrested", None),  # the date is the saying's
])
def test_the_date_must_hang_on_the_trigger(sentence: str, trigger: str, expected: dt.date | None) -> None:
    doc = load_model()(sentence)
    token = next(t for t in doc if t.text == trigger)
    found = event_date(token, doc[:], DAY)
    assert (found.date if found else None) == expected


def test_coded_events_carry_both_dates() -> None:
    settings = Settings()
    stage = Coding(settings, get_coder(settings, "rules"))
    text = ("India and Pakistan held talks in Geneva on Monday.\n\n"
            "In 1971, India and Pakistan fought a war over Bangladesh.")
    events, _ = stage.code_articles([Article(id="a", source_uri="a", text=text, published=DAY)])
    by_sentence = {e.sentence: e for e in events}
    talks = by_sentence[0]
    assert (talks.date, talks.article_date, talks.date_precision, talks.historical) == (
        dt.date(2025, 12, 1), DAY, "day", False)
    war = by_sentence[1]
    assert war.date == dt.date(1971, 1, 1) and war.date_precision == "year" and war.historical


def test_a_weekday_in_that_days_paper_is_that_day() -> None:
    tuesday = dt.date(2025, 12, 23)
    assert resolve_date("today, Tuesday", tuesday).date == tuesday
    assert resolve_date("on Tuesday", tuesday).date == tuesday
    assert resolve_date("on Monday", tuesday).date == dt.date(2025, 12, 22)
    assert resolve_date("last Tuesday", tuesday).date == dt.date(2025, 12, 16)

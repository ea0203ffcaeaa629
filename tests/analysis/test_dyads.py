from __future__ import annotations

import datetime as dt

import pytest
from analysis_rows import article, day, event

from detente.analysis.dyads import DyadQuery, EventFilter, dyad_series, known_actors, list_events, real_events
from detente.errors import InputError, NotFound


@pytest.fixture
def store(make_store):
    arts = [article("a1", "2025-05-05", "Kestrel"), article("a2", "2025-05-05", "Lantern"),
            article("a3", "2025-05-06", "Tidewater"), article("dup", "2025-05-05", "Saltmarsh", duplicate_of="a1"),
            article("a4", "2025-05-20", "Kestrel"), article("a5", None, "Lantern")]
    evs = [
        # one consultation on 5 May, reported by two outlets at different sector detail: one real event
        event("a1", "2025-05-05", "USAGOV", "PAKGOV", "CONSULT", 1, 4.0),
        event("a2", "2025-05-05", "USA", "PAKMIL", "CONSULT", 1, 2.0),
        # a duplicate's event (the pipeline never writes these) must not count
        event("dup", "2025-05-05", "USAGOV", "PAKGOV", "CONSULT", 1, 4.0),
        # the same type a day later is another event; an accusation back the other way
        event("a3", "2025-05-06", "USAGOV", "PAKGOV", "CONSULT", 1, 2.0),
        event("a3", "2025-05-06", "PAKGOV", "USAGOV", "ACCUSE", 3, -6.0),
        # claimed and future events are shown apart
        event("a3", "2025-05-06", "USAGOV", "PAKGOV", "AID", 2, 5.0, modality="claimed"),
        event("a4", "2025-05-20", "USAGOV", "PAKGOV", "AID", 2, 6.0, modality="future"),
        event("a4", "2025-05-20", "USAGOV", "PAKGOV", "COOPERATE", 2, 3.0),
        # no date: left out of the series, counted
        event("a5", None, "USAGOV", "PAKGOV", "CONSULT", 1, 1.0),
        # another coder and another dyad
        event("a1", "2025-05-05", "USAGOV", "PAKGOV", "ACCUSE", 3, -5.0, coder="plover.rules.v0"),
        event("a1", "2025-05-05", "INDGOV", "PAKGOV", "ACCUSE", 3, -5.0),
    ]
    return make_store(arts, evs)


def test_each_real_world_event_counts_once(store):
    series = dyad_series(store, DyadQuery("USA", "PAK", freq="week"))
    first = series.periods[0]
    assert first.start == day("2025-05-05")
    # 5 May consult (2 reports) + 6 May consult + 6 May accusation back
    assert first.events == 3
    assert first.reports == 4
    assert first.quad == [2, 0, 1, 0]
    assert first.types == {"CONSULT": 2, "ACCUSE": 1}
    assert (first.a_to_b, first.b_to_a) == (2, 1)
    # mean of the two reports of 5 May (3.0) + 2.0 - 6.0
    assert first.intensity_sum == pytest.approx(-1.0)
    assert first.index == pytest.approx(-1.0 / 11.0)
    assert first.other == {"claimed": 1}
    assert series.undated == 1
    assert series.coder == "plover.rules.v1"


def test_empty_periods_are_filled_with_no_index(store):
    series = dyad_series(store, DyadQuery("USA", "PAK", freq="week"))
    assert [p.start for p in series.periods] == [day("2025-05-05"), day("2025-05-12"), day("2025-05-19")]
    assert series.periods[1].events == 0 and series.periods[1].index is None
    last = series.periods[2]
    assert (last.events, last.index, last.other) == (1, 1.0, {"future": 1})


def test_directed_and_frequencies(store):
    directed = dyad_series(store, DyadQuery("USA", "PAK", freq="month", both=False))
    assert [p.events for p in directed.periods] == [3]
    reverse = dyad_series(store, DyadQuery("PAK", "USA", freq="day", both=False))
    assert [(p.start, p.events) for p in reverse.periods] == [(day("2025-05-06"), 1)]


def test_sector_level_codes(store):
    series = dyad_series(store, DyadQuery("USA", "PAKMIL", freq="month"))
    assert series.events == 1
    gov = dyad_series(store, DyadQuery("USAGOV", "PAKGOV", freq="month"))
    assert gov.events == 4  # 5 May, 6 May consult, 6 May accusation, 20 May cooperation


def test_coder_and_modalities(store):
    old = dyad_series(store, DyadQuery("USA", "PAK", coder="plover.rules.v0"))
    assert old.events == 1 and old.periods[0].index == -1.0
    claimed = dyad_series(store, DyadQuery("USA", "PAK", modalities=("asserted", "claimed")))
    assert claimed.periods[0].events == 4


def test_since_until_bound_the_series(store):
    series = dyad_series(store, DyadQuery("USA", "PAK", freq="day", since=day("2025-05-06"), until=day("2025-05-08")))
    assert [p.start for p in series.periods] == [day("2025-05-06"), day("2025-05-07"), day("2025-05-08")]
    assert series.events == 2


@pytest.mark.parametrize("query, error", [
    (lambda: DyadQuery("USA", "PAK", freq="year"), InputError),
    (lambda: DyadQuery("USA", "PAK", since=dt.date(2025, 2, 1), until=dt.date(2025, 1, 1)), InputError),
])
def test_bad_queries(query, error):
    with pytest.raises(error):
        query()


def test_unknown_and_malformed_actors(store):
    with pytest.raises(NotFound):
        dyad_series(store, DyadQuery("USA", "FRA"))
    with pytest.raises(InputError):
        dyad_series(store, DyadQuery("USA", "P'; drop"))


def test_real_events_carry_their_reports(store):
    page = real_events(store, DyadQuery("USA", "PAK"), order="salience")
    assert page.total == 4
    top = page.items[0]
    assert (top["type"], top["source"], top["target"]) == ("ACCUSE", "PAK", "USA")
    consult = next(e for e in page.items if e["date"] == day("2025-05-05"))
    assert consult["reports"] == 2
    assert {r["outlet"] for r in consult["evidence"]} == {"Kestrel", "Lantern"}


def test_list_events_filters(store):
    assert list_events(store, EventFilter(actor="USA")).total == 8  # every report, undated too
    assert list_events(store, EventFilter(source="PAK")).total == 1
    assert list_events(store, EventFilter(actor="IND")).total == 1
    assert list_events(store, EventFilter(type="consult", since=day("2025-05-06"))).total == 1
    assert list_events(store, EventFilter(actor="ZZZ")).total == 0
    page = list_events(store, EventFilter(actor="USA"), limit=2, offset=1)
    assert len(page.items) == 2 and page.items[0]["outlet"]


def test_known_actors(store):
    codes = {(r["code"], r["level"]) for r in known_actors(store)}
    assert {("USA", "country"), ("PAK", "country"), ("PAKGOV", "code")} <= codes


def test_historical_events_are_left_out_of_trends_and_counted(make_store):
    store = make_store([article("h1", "2025-05-05")], [
        event("h1", "2025-05-05", "USAGOV", "PAKGOV", "CONSULT", 1, 1.0),
        event("h1", "1971-01-01", "USAGOV", "PAKGOV", "ASSAULT", 4, -9.0, historical=True,
              article_date=day("2025-05-05"), date_precision="year"),
    ])
    current = dyad_series(store, DyadQuery("USA", "PAK", freq="month"))
    assert current.events == 1 and current.historical == 1 and current.to_dict()["historical_left_out"] == 1
    everything = dyad_series(store, DyadQuery("USA", "PAK", freq="month", historical=True))
    assert everything.events == 2 and everything.historical == 0

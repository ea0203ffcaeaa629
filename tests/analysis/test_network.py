from __future__ import annotations

import pytest
from analysis_rows import article, day, event

from detente.analysis.network import NetworkQuery, actor_network, top_dyads
from detente.errors import InputError


@pytest.fixture
def store(make_store):
    arts = [article("a1", "2025-05-05"), article("a2", "2025-05-05", "Lantern"), article("a3", "2025-06-01")]
    evs = [
        event("a1", "2025-05-05", "USAGOV", "PAKGOV", "CONSULT", 1, 4.0),
        event("a2", "2025-05-05", "USA", "PAKMIL", "CONSULT", 1, 2.0),  # same real event at country level
        event("a2", "2025-05-05", "INDGOV", "PAKGOV", "ACCUSE", 3, -6.0),
        event("a3", "2025-06-01", "INDMIL", "PAKMIL", "ASSAULT", 4, -9.0),
        event("a3", "2025-06-01", "PAKGOV", "INDGOV", "ACCUSE", 3, -5.0),
        event("a3", "2025-06-01", "CHNGOV", "PAKGOV", "AID", 2, 5.0, modality="claimed"),
        event("a3", "2025-06-01", "PAKGOV", "PAKMIL", "CONSULT", 1, 1.0),  # inside one country: no edge
    ]
    return make_store(arts, evs)


def test_country_network_is_weighted_and_signed(store):
    net = actor_network(store, NetworkQuery())
    edges = {(e.source, e.target): e for e in net.edges}
    assert set(edges) == {("USA", "PAK"), ("IND", "PAK"), ("PAK", "IND")}
    assert edges[("USA", "PAK")].events == 1 and edges[("USA", "PAK")].index == 1.0
    assert edges[("IND", "PAK")].events == 2 and edges[("IND", "PAK")].index == -1.0
    nodes = {n["code"]: n for n in net.nodes}
    assert nodes["PAK"]["partners"] == 2 and nodes["PAK"]["events"] == 4


def test_code_level_period_and_focus(store):
    net = actor_network(store, NetworkQuery(level="code", since=day("2025-05-01"), until=day("2025-05-31")))
    assert {(e.source, e.target) for e in net.edges} == {("USAGOV", "PAKGOV"), ("USA", "PAKMIL"),
                                                         ("INDGOV", "PAKGOV")}
    ego = actor_network(store, NetworkQuery(focus=("usa",)))
    assert [(e.source, e.target) for e in ego.edges] == [("USA", "PAK")]
    claimed = actor_network(store, NetworkQuery(modalities=("claimed",)))
    assert [(e.source, e.target) for e in claimed.edges] == [("CHN", "PAK")]


def test_top_dyads_join_both_directions(store):
    rows = top_dyads(actor_network(store))
    assert rows[0]["a"] == "IND" and rows[0]["b"] == "PAK" and rows[0]["events"] == 3
    assert rows[0]["index"] == -1.0


def test_bad_network_queries():
    with pytest.raises(InputError):
        NetworkQuery(level="planet")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        NetworkQuery(since=day("2025-02-01"), until=day("2025-01-01"))

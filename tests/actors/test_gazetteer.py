"""The actor dictionary: shipped data, a user's own file, and roles bounded in time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.actors import load_gazetteer
from detente.errors import ConfigError


def test_shipped_dictionary_covers_the_basics() -> None:
    g = load_gazetteer()
    assert {e.country for e in g.lookup("Islamabad")} == {"PAK"}
    assert any(e.kind == "igo" and e.country == "UN" for e in g.lookup("United Nations"))
    assert any(e.kind == "adjective" and e.country == "PAK" for e in g.lookup("Pakistani"))
    assert g.agents["troops"] == "MIL" and g.agents["officials"] == "GOV"
    assert len({e.country for entries in g.forms.values() for e in entries if e.kind == "country"}) >= 193


def test_people_hold_roles_for_a_time() -> None:
    terms = [e for e in load_gazetteer().lookup("Shehbaz Sharif") if e.role == "Prime Minister"]
    assert [t.active(dt.date(2025, 5, 1)) for t in terms].count(True) == 1
    assert not any(t.active(dt.date(2020, 5, 1)) for t in terms)


def test_a_users_file_adds_actors(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("people:\n  - {name: Ilse Marten, aliases: [Marten], country: AUT, sector: GOV, "
                     "role: Deputy foreign minister, start: 2024-01-01, end: null}\n"
                     "agents:\n  GOV: [envoy-general]\n", encoding="utf-8")
    g = load_gazetteer((str(extra),))
    assert [e.country for e in g.lookup("Marten")] == ["AUT"]
    assert g.agents["envoy-general"] == "GOV"


def test_a_bad_user_file_is_named(tmp_path: Path) -> None:
    extra = tmp_path / "broken.yaml"
    extra.write_text("people: [ {name: x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.yaml"):
        load_gazetteer((str(extra),))

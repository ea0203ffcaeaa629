"""The actor dictionary: countries (pycountry + our names, adjectives, demonyms), capitals and
seats of government, cities, international organisations, armed groups and parties, people with
time-bounded roles, and generic agent nouns. All of it is data in ``detente/data/actors``; a user
adds entries with files of the same format (setting ``actors.extra_files``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pycountry
import yaml

from detente.errors import ConfigError

if TYPE_CHECKING:
    from detente.config import ActorSettings

# What a surface form names. The resolver treats kinds differently: an ``adjective`` needs a noun
# ("Pakistani troops"), a ``city`` names a place unless it stands as a subject.
# Demonyms that are also ordinary lower-case English words.
LOWERCASE_WORDS = {"polish", "swiss", "us", "u.s.", "uk", "u.k.", "french", "china", "turkey", "guinea", "chad",
                   "jordan", "georgia", "niger", "cook", "dominican", "greek", "german", "english"}
KINDS = ("country", "adjective", "people", "capital", "city", "igo", "group", "person")
# Kinds that are the name of a place ("Pakistan", "Islamabad", "Sindh").
PLACE_NAME_KINDS = frozenset({"country", "capital", "city"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One meaning of a surface form."""

    kind: str
    country: str | None
    sector: str | None
    name: str
    role: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def active(self, when: dt.date | None) -> bool:
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass
class Gazetteer:
    """Surface form -> meanings, and agent noun -> sector."""

    forms: dict[str, list[Entry]]
    agents: dict[str, str]
    # present-day code -> (until, code of the state before that day), in date order
    eras: dict[str, list[tuple[dt.date, str]]] = field(default_factory=dict)

    def lookup(self, text: str) -> list[Entry]:
        return self.forms.get(_strip_the(text), [])

    def as_of(self, country: str | None, when: dt.date | None) -> str | None:
        """The code of ``country`` in a text of date ``when`` ("RUS" in 1987 -> "SUN")."""
        if country is None or when is None:
            return country
        for until, then in self.eras.get(country, ()):
            if when < until:
                return then
        return country

    def add(self, text: str, entry: Entry) -> None:
        # Stored without a leading "the": the matcher finds "Elysee" in "the Elysee said".
        text = _strip_the(text.strip())
        if text:
            bucket = self.forms.setdefault(text, [])
            if entry not in bucket:
                bucket.append(entry)


def _strip_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def _date(value: Any, file: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"Actor file {file}: bad date {value!r}.") from exc


def _read(source: Path | str, name: str) -> Any:
    try:
        text = Path(source).read_text("utf-8") if isinstance(source, Path) else source
        return yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"Cannot read actor file {name}: {exc}") from exc


def _add_countries(g: Gazetteer, data: dict[str, Any]) -> None:
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                g.add(value, Entry("country", country.alpha_3, None, value))
    for code, forms in (data or {}).items():
        for kind, key in (("country", "names"), ("adjective", "adjectives"), ("people", "people")):
            for form in forms.get(key) or ():
                g.add(form, Entry(kind, code, None, form))
                # Wire copy and headlines lower-case demonyms ("tunisian rioters"); a few are words too.
                if kind != "country" and form[:1].isupper() and form.lower() not in LOWERCASE_WORDS:
                    g.add(form.lower(), Entry(kind, code, None, form))


def _add_places(g: Gazetteer, rows: Any, kind: str) -> None:
    for row in rows or ():
        g.add(row["text"], Entry(kind, row.get("country"), row.get("sector"), row["text"]))


def _add_organisations(g: Gazetteer, data: dict[str, Any]) -> None:
    for row in data.get("organisations") or ():
        entry_country = row.get("code") or row.get("country")
        for form in row.get("names") or ():
            g.add(form, Entry("igo", entry_country, row.get("sector", "IGO"), row["names"][0]))
    for row in data.get("groups") or ():
        for form in row.get("names") or ():
            g.add(form, Entry("group", row.get("country"), row.get("sector"), row["names"][0]))


def _add_people(g: Gazetteer, rows: Iterable[dict[str, Any]], file: str) -> None:
    for row in rows or ():
        entry = Entry("person", row.get("country"), row.get("sector"), row["name"], row.get("role"),
                      _date(row.get("start"), file), _date(row.get("end"), file))
        for form in [row["name"], *(row.get("aliases") or ())]:
            g.add(form, entry)


def _add_agents(g: Gazetteer, data: dict[str, Any]) -> None:
    for sector, nouns in (data or {}).items():
        for noun in nouns or ():
            g.agents.setdefault(str(noun).lower(), sector)


def _add_eras(g: Gazetteer, rows: Any, file: str = "eras.yaml") -> None:
    for row in rows or ():
        until = _date(row.get("until"), file)
        if not (row.get("country") and row.get("then") and until):
            raise ConfigError(f"Actor file {file}: an era needs country, until and then ({row!r}).")
        g.eras.setdefault(row["country"], []).append((until, row["then"]))
        g.eras[row["country"]].sort()


LOADERS: dict[str, Callable[[Gazetteer, Any], None]] = {
    "countries": _add_countries,
    "capitals": lambda g, d: _add_places(g, d, "capital"),
    "cities": lambda g, d: _add_places(g, d, "city"),
    "regions": lambda g, d: _add_places(g, d, "city"),  # a province names a place, like a city
    "igos": _add_organisations,
    "firms": _add_organisations,
    "agents": _add_agents,
    "eras": _add_eras,
}


def _load_file(g: Gazetteer, stem: str, data: Any, name: str) -> None:
    if stem == "people":
        _add_people(g, data, name)
    elif stem in LOADERS:
        LOADERS[stem](g, data)
    elif isinstance(data, dict) and set(data) <= set(LOADERS) | {"people"}:
        for key, value in data.items():  # a user file may hold several sections
            _load_file(g, key, value, name)
    else:
        raise ConfigError(f"Actor file {name}: unknown layout; use the sections "
                          f"{', '.join(sorted([*LOADERS, 'people']))} (see data/actors/README.md).")


def gazetteer_of(settings: ActorSettings) -> Gazetteer:
    """The dictionary the ``actors`` settings ask for."""
    return load_gazetteer(tuple(settings.extra_files), settings.historical_states)


@lru_cache(maxsize=8)
def load_gazetteer(extra_files: tuple[str, ...] = (), historical_states: bool = False) -> Gazetteer:
    """The shipped dictionary plus the user's files (later files add meanings); with
    ``historical_states``, the eras of ``eras.yaml`` too."""
    g = Gazetteer(forms={}, agents={})
    folder = resources.files("detente.data").joinpath("actors")
    stems = ("countries", "capitals", "cities", "regions", "igos", "firms", "people", "agents")
    for stem in (*stems, "eras") if historical_states else stems:
        resource = folder.joinpath(f"{stem}.yaml")
        if resource.is_file():
            _load_file(g, stem, _read(resource.read_text("utf-8"), f"{stem}.yaml"), f"{stem}.yaml")
    for file in extra_files:
        path = Path(file)
        _load_file(g, path.stem if path.stem in LOADERS or path.stem == "people" else "", _read(path, file), file)
    return g

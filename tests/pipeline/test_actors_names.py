"""Name comparison rules of the actors stage (pure functions, no model)."""

from __future__ import annotations

from newsgraph.pipeline.stages.actors.names import (
    acronym_of,
    first_name_match,
    fold,
    looks_like_acronym,
    name_key,
    strong_match,
)


def k(text: str) -> tuple[str, ...]:
    return name_key(text.split())


def test_fold_removes_accents_case_and_typographic_quotes() -> None:
    assert fold("García  LUNA’s") == "garcia luna's"


def test_name_key_drops_possessive_and_initial_dots() -> None:
    assert k("Felipe Calderón’s") == ("felipe", "calderon")
    assert k("John F. Kennedy") == ("john", "f", "kennedy")


def test_surname_forms_match_the_full_name() -> None:
    full = k("Genaro Garcia Luna")
    assert strong_match(k("García Luna"), full)
    assert strong_match(k("Luna"), full)
    amlo = k("Andrés Manuel López Obrador")
    assert strong_match(k("López Obrador"), amlo)
    assert strong_match(k("López"), amlo)  # paternal surname of a double surname
    assert strong_match(k("César De Castro")[1:], k("César De Castro"))


def test_first_and_last_with_middle_initials() -> None:
    assert strong_match(k("John Kennedy"), k("John Fitzgerald Kennedy"))
    assert strong_match(k("John F. Kennedy"), k("John Fitzgerald Kennedy"))
    assert not strong_match(k("John G. Kennedy"), k("John Fitzgerald Kennedy"))


def test_different_given_names_do_not_match() -> None:
    assert not strong_match(k("Mary Smith"), k("John Smith"))
    assert not strong_match(k("John Smith"), k("Mary Smith"))
    assert not strong_match(k("Genaro"), k("Genaro Garcia Luna"))  # given name is weak only
    assert first_name_match(k("Genaro"), k("Genaro Garcia Luna"))


def test_acronyms_spell_initials() -> None:
    assert acronym_of("AMLO", ["Andrés", "Manuel", "López", "Obrador"], ())
    assert acronym_of("WHO", ["World", "Health", "Organization"], ())
    assert acronym_of("DoJ".upper(), ["Department", "of", "Justice"], ["of"])
    assert not acronym_of("AMLO", ["Genaro", "Garcia", "Luna"], ())
    assert looks_like_acronym("U.N.") and not looks_like_acronym("Mayo")


def test_acronym_after_a_name_follows_its_initials_in_order() -> None:
    from newsgraph.pipeline.stages.actors.names import initials_in_order

    assert initials_in_order("BZW", ["Barclays", "de", "Zoete", "Wedd"])
    assert initials_in_order("WHO", ["World", "Health", "Organization"])
    assert not initials_in_order("USA", ["S.G.", "Warburg"])
    assert not initials_in_order("OTRKB", ["Oshkosh", "Truck", "Corp"])

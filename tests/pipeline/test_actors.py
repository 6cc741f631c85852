"""The actors stage on hand-built sentences and on the seed article (loads the spaCy model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_doc
from tests.pipeline.actors_helpers import entity_of, reader

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def read(nlp: Any) -> Any:
    """``text -> DocResult`` through the stages actors needs (the model is the session's one)."""
    return reader(nlp)


def mention_at(result: Any, text: str, start: int) -> Any:
    return next((m for m in result.mentions if m.start == start and m.text == text), None)


# -- hand-built sentences ----------------------------------------------------------------------
def test_apposition_gives_a_role_and_pronoun_links_back(read: Any) -> None:
    text = (
        "Jane Doe, the company's chief executive, said on Monday that profits rose. "
        "Doe added that she would stay."
    )
    r = read(text)
    jane = entity_of(r, "Jane Doe")
    assert entity_of(r, "Doe") is jane
    assert entity_of(r, "she") is jane
    assert [x.title for x in jane.roles] == ["chief executive"]
    role = jane.roles[0]
    assert "chief executive" in text[role.evidence_start : role.evidence_end]


def test_people_sharing_a_surname_stay_apart_and_the_bare_surname_is_not_linked(
    read: Any,
) -> None:
    r = read("John Smith met Mary Smith in Paris on Tuesday. Smith said the talks went well.")
    john, mary = entity_of(r, "John Smith"), entity_of(r, "Mary Smith")
    assert john.id != mary.id
    bare = entity_of(r, "Smith")
    assert bare.id not in (john.id, mary.id)
    assert bare.attributes.get("ambiguous_name") is True


def test_organisation_acronym_in_parentheses_is_an_alias(read: Any) -> None:
    r = read(
        "The World Health Organization (WHO) warned of a new outbreak. "
        "The WHO said it would send experts."
    )
    who = entity_of(r, "World Health Organization")
    assert who.type == "ORG"
    assert "WHO" in who.aliases
    assert all(e.id == who.id for e in [entity_of(r, "WHO", n) for n in range(2)])


def test_title_before_name_is_a_role_held_of_the_place(read: Any) -> None:
    r = read("U.S. President Barack Obama met reporters. Obama said the economy was improving.")
    obama = entity_of(r, "Barack Obama")
    assert entity_of(r, "Obama", 0) is obama
    us = entity_of(r, "U.S.")
    assert [(x.title, x.of) for x in obama.roles] == [("President", us.id)]
    assert us.attributes["country"] == "US"


def test_definite_description_restates_a_title(read: Any) -> None:
    r = read(
        "Senator Maria Lopez visited the border on Friday. "
        "Reporters asked the senator about the new law."
    )
    lopez = entity_of(r, "Maria Lopez")
    assert entity_of(r, "the senator") is lopez


def test_predicate_nominal_and_age(read: Any) -> None:
    r = read("Tom Baker, 61, is the mayor of Springfield. The 45-year-old Ann Lee runs a bakery.")
    tom = entity_of(r, "Tom Baker")
    assert tom.attributes["age"] == 61 and tom.attributes["age_as_of"] == "2024-09-17"
    assert any(x.title.startswith("mayor") for x in tom.roles)
    assert entity_of(r, "Ann Lee").attributes["age"] == 45


def test_pronoun_without_a_clear_antecedent_is_left_alone(read: Any) -> None:
    r = read("Peter Jones and Paul Brown met in London. The weather was cold. It rained.")
    assert not [m for m in r.mentions if m.kind == "pronoun"]


def test_every_mention_token_maps_to_its_entity(nlp: Any) -> None:
    from newsgraph.model.records import DocResult
    from newsgraph.pipeline.context import StageContext
    from newsgraph.pipeline.stages.actors import actors
    from newsgraph.pipeline.stages.mentions import mentions as ner_mentions
    from newsgraph.pipeline.stages.sentences import sentences

    text = "Jane Doe, the company's chief executive, said she was pleased."
    document = make_doc(text)
    ctx = StageContext(document=document, doc=nlp(text), result=DocResult(doc=document))
    for step in (sentences, ner_mentions, actors):
        step(ctx)
    assert ctx.result.mentions
    for m in ctx.result.mentions:
        assert ctx.entity_at(m.start, m.end) == m.entity
    she = text.index("she")
    jane = ctx.entity_at(0, len("Jane Doe"))
    assert jane is not None and ctx.entity_at(she, she + 3) == jane
    executive = text.index("chief executive")
    assert ctx.entity_at(executive, executive + len("chief executive")) == jane


def test_pronoun_inside_a_quotation_is_not_given_to_the_speaker(read: Any) -> None:
    r = read(
        "Ana Ruiz found the comet last week. Dr. Paul Grant, an astronomer, praised the find. "
        "“She found it in a region the surveys had missed,” Grant said."
    )
    she = [m for m in r.mentions if m.text == "She"]
    grant = entity_of(r, "Paul Grant")
    assert all(m.entity != grant.id for m in she)


def test_a_surname_used_before_any_full_name_it_fits_stays_apart(read: Any) -> None:
    r = read(
        "Prosecutors said Aldana took bribes for years. "
        "Outside the court, his wife, Carmen Ibarra de Aldana, declined to comment."
    )
    wife = entity_of(r, "Carmen Ibarra de Aldana")
    assert all(m.entity != wife.id for m in r.mentions if m.text == "Aldana")


def test_possessive_description_refers_to_the_role_holder(read: Any) -> None:
    r = read(
        "Tom Reed was charged on Monday. His lawyer, Ann Cole, said he would plead not guilty. "
        "Reed spoke to reporters on Tuesday. His lawyer declined to comment."
    )
    cole, reed = entity_of(r, "Ann Cole"), entity_of(r, "Tom Reed")
    assert [(x.title, x.of) for x in cole.roles] == [("lawyer", reed.id)]
    later = r.doc.text.rindex("His lawyer") + len("His ")
    assert mention_at(r, "lawyer", later).entity == cole.id


# -- the seed article --------------------------------------------------------------------------
def _repaired_seed(seed_path: Path) -> str:
    raw = seed_path.read_text(encoding="utf-8")
    text = raw.split(" ", 3)[3] if raw.startswith(" date ") else raw
    return text.replace("Lunawho", "Luna — who").replace("traffickinghas", "trafficking — has")


@pytest.fixture(scope="module")
def seed(read: Any, seed_path: Path) -> Any:
    """The seed with the lost dashes restored, read by the actors stages."""
    return read(_repaired_seed(seed_path))


def _check_seed(r: Any) -> None:
    text = r.doc.text
    gl = entity_of(r, "Genaro Garcia Luna")
    assert gl.type == "PERSON" and gl.name == "Genaro García Luna"
    for form in ("García Luna", "the former official", "He"):
        hits = [m for m in r.mentions if m.text == form]
        assert hits and all(m.entity == gl.id for m in hits), form
    released = text.index("released by his lawyer") + len("released by ")
    assert mention_at(r, "his", released).entity == gl.id
    assert gl.attributes["age"] == 56 and gl.attributes["age_as_of"] == r.doc.date

    amlo = entity_of(r, "Andrés Manuel López Obrador")
    heading = text.index("against AMLO") + len("against ")
    assert mention_at(r, "AMLO", heading).entity == amlo.id
    for form in ("López Obrador", "the President"):
        assert entity_of(r, form) is amlo, form
    assert "AMLO" in amlo.aliases
    assert [x.title for x in amlo.roles] == ["President"]

    zambada = entity_of(r, "Ismael “El Mayo” Zambada")
    assert zambada.type == "PERSON" and "El Mayo" in zambada.aliases

    calderon = entity_of(r, "Felipe Calderón")
    secretary = next(x for x in gl.roles if x.title == "Secretary of Public Security")
    assert secretary.of == calderon.id and secretary.former is True
    assert text[secretary.evidence_start : secretary.evidence_end].startswith("Felipe Calderón")

    de_castro = entity_of(r, "César De Castro")
    assert [(x.title, x.of) for x in de_castro.roles] == [("lawyer", gl.id)]
    assert len({gl.id, amlo.id, zambada.id, de_castro.id, calderon.id}) == 5

    brooklyn = entity_of(r, "Brooklyn")
    assert brooklyn.attributes["country"] == "US" and "lat" in brooklyn.attributes
    assert entity_of(r, "Mexican").attributes["country"] == "MX"


def test_seed_repaired_text(seed: Any) -> None:
    _check_seed(seed)


def test_seed_through_ingest_and_the_default_pipeline(request: pytest.FixtureRequest) -> None:
    try:
        result = request.getfixturevalue("seed_result")
    except NotImplementedError:
        pytest.skip("ingest (read_inputs) is not implemented yet")
    if "Lunawho" in result.doc.text:
        pytest.skip("ingest does not repair the glued words yet")
    _check_seed(result)


def test_split_parentheses_reads_token_texts_by_index(nlp: Any) -> None:
    """A span running into a parenthesised acronym is the name, plus the acronym on its own; a
    span with no parenthesis, or one that starts at it, is kept whole."""
    from newsgraph.pipeline.stages.actors.spans import split_parentheses
    from newsgraph.pipeline.stages.actors.state import Ment

    doc = nlp("The Ostland Port Authority (OPA) reopened the Velmora docks (east) today.")
    assert [t.text for t in doc[1:7]] == ["Ostland", "Port", "Authority", "(", "OPA", ")"]
    out = split_parentheses(doc, [Ment(1, 7, "ORG"), Ment(8, 10, "LOC"), Ment(4, 6, "ORG")])
    assert [(m.start, m.end, m.type, m.kind) for m in out] == [
        (1, 4, "ORG", "name"),
        (5, 6, "ORG", "acronym"),
        (8, 10, "LOC", "name"),
        (4, 6, "ORG", "name"),
    ]

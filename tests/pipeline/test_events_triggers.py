"""Triggers the events stage used to miss (issue 10, item 3): light verbs the lemmatiser gets
wrong, "return X to Y", releases of ordinary people, joint exercises, meetings attended, aid
distributed, deadlines set, ousting, ceding, human shields, and verbs misparsed as noun
modifiers. Sentences written by us."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.model.records import Event
from newsgraph.pipeline.stages.events.triggers import surface_lemmas
from tests.conftest import make_doc


@pytest.fixture(scope="module")
def code(pipeline: Any) -> Any:
    def run(text: str) -> list[Event]:
        return list(pipeline.extract(make_doc(text)).events)

    return run


def _one(evs: list[Event], etype: str) -> Event:
    hits = [e for e in evs if e.type == etype]
    assert len(hits) == 1, evs
    return hits[0]


def _args(ev: Event, role: str) -> list[str]:
    return [a.text for a in ev.arguments if a.role == role]


@pytest.mark.slow
def test_surface_forms_of_light_verbs(nlp: Any, code: Any) -> None:
    staged = nlp("Students staged a rally.")[1]
    assert "stage" in surface_lemmas(staged)
    ev = _one(code("Students staged a rally outside the ministry in Ostland."), "PROTEST")
    assert _args(ev, "source") == ["Students"]


@pytest.mark.slow
def test_return_and_release_of_people(code: Any) -> None:
    ev = _one(code("Lagonia returned the captured fishermen to Ostland."), "RETREAT")
    assert _args(ev, "target") == ["Ostland"]
    ev = _one(
        code("Militants released the kidnapped woman and two reporters on Friday."), "RETREAT"
    )
    assert ev.mode == "release"
    assert _args(ev, "target") == ["the kidnapped woman", "two reporters"]
    ev = _one(code("The pirates freed the captain of the tanker."), "RETREAT")
    assert _args(ev, "source") == ["The pirates"]


@pytest.mark.slow
def test_joint_exercises_meetings_and_aid(code: Any) -> None:
    ev = _one(code("Ostland and Lagonia held joint naval exercises near the strait."), "COOPERATE")
    assert sorted(_args(ev, "source")) == ["Lagonia", "Ostland"]
    _one(code("Freedonian and Lagonian troops launched joint exercises on Monday."), "COOPERATE")
    _one(
        code("The Ostland foreign minister attended a meeting with Lagonian officials."), "CONSULT"
    )
    ev = _one(code("The Red Lantern Society distributed aid to villagers in Carpathia."), "AID")
    assert "The Red Lantern Society" in _args(ev, "source")
    # "Aid" modifying an actor noun names the actor, not a second act.
    ev = _one(code("Aid workers distributed food in Carpathia."), "AID")
    assert _args(ev, "source") == ["Aid workers"] and ev.trigger_start > 0


@pytest.mark.slow
def test_deadlines_ousting_ceding_and_human_shields(code: Any) -> None:
    ev = _one(code("The council set a deadline for the rebels to disarm."), "THREATEN")
    assert _args(ev, "source") == ["The council"]
    ev = _one(code("The army ousted President Orlov on Sunday."), "COERCE")
    assert _args(ev, "target") == ["President Orlov"]
    ev = _one(code("Lagonia ceded the disputed island to Ostland."), "RETREAT")
    assert _args(ev, "target") == ["Ostland"]
    ev = _one(code("Rebels used villagers as human shields near Tarsk."), "COERCE")
    assert _args(ev, "source") == ["Rebels"] and _args(ev, "target") == ["villagers"]


@pytest.mark.slow
def test_verb_misparsed_as_a_noun_modifier(code: Any) -> None:
    ev = _one(code("Border guards detained on Tuesday a Lagonian journalist."), "COERCE")
    assert _args(ev, "source") == ["Border guards"]
    assert _args(ev, "target") == ["a Lagonian journalist"]
    # A true participle stays a description, with no doer.
    assert not code("Weapons seized last year were destroyed.")


def test_surface_lemmas_strip_inflections_without_the_model() -> None:
    class Tok:
        def __init__(self, text: str) -> None:
            self.lower_ = text

    assert "step" in surface_lemmas(Tok("stepped"))  # type: ignore[arg-type]
    assert "carry" in surface_lemmas(Tok("carried"))  # type: ignore[arg-type]
    assert "stage" in surface_lemmas(Tok("staging"))  # type: ignore[arg-type]


@pytest.mark.slow
def test_ordering_an_act_and_announcing_a_release(code: Any) -> None:
    # Ordering an act through one's own agents is the act, with the orderer as source.
    ev = _one(code("The judge ordered the arrest of the former mayor."), "COERCE")
    assert _args(ev, "source") == ["The judge"] and _args(ev, "target") == ["the former mayor"]
    _one(code("The Ostland government ordered police patrols in the capital."), "MOBILIZE")
    # Ordering someone to act is still a demand.
    _one(code("The general ordered the rebels to leave the city."), "REQUEST")
    # The release of people named by a noun is a RETREAT; of a report, nothing.
    ev = _one(code("The rebels announced the release of two hostages."), "RETREAT")
    assert _args(ev, "target") == ["two hostages"]
    assert not code("The ministry announced the release of its annual report.")

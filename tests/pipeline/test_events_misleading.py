"""Events that would mislead a reader: pleas read as convictions, speech verbs and quoted acts
coded as plain facts, natural forces and abstract objects as actors, "call" read as calling off.
Hand-written sentences; each test failed on the stage before these rules
(docs/engineering/events.md)."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.model.records import Claim, DocResult, Event
from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.stages.events import events as events_stage
from tests.conftest import make_doc


@pytest.fixture(scope="module")
def code(nlp: Any) -> Any:
    def run(text: str, claims: list[Claim] | None = None) -> list[Event]:
        document = make_doc(text)
        sdoc = nlp(text)
        result = DocResult(doc=document, sentences=[(s.start_char, s.end_char) for s in sdoc.sents])
        result.claims = claims or []
        ctx = StageContext(document=document, doc=sdoc, result=result)
        events_stage(ctx)
        return result.events

    return run


def _claim(text: str, cue: str, content: str, speaker: str | None = None) -> Claim:
    c0, s0 = text.index(cue), text.index(content)
    sp0 = text.index(speaker) if speaker else None
    sp1 = sp0 + len(speaker) if sp0 is not None and speaker else None
    return Claim(
        "c1", None, sp0, sp1, cue, c0, c0 + len(cue), s0, s0 + len(content), "direct", "quote"
    )


def _sources(ev: Event) -> list[str]:
    return [a.text for a in ev.arguments if a.role == "source"]


@pytest.mark.slow
def test_a_plea_is_neither_a_conviction_nor_a_request(code: Any) -> None:
    evs = code("The defendant pleaded not guilty to three counts of fraud on Monday.")
    assert not any(e.type in ("SANCTION", "REQUEST") for e in evs), evs
    evs = code("The former mayor, who pleaded guilty to bribery last year, testified in court.")
    assert not any(e.type in ("SANCTION", "REQUEST") for e in evs), evs
    # An acquittal is a negated conviction, never an occurred one.
    evs = code("The jury found the captain not guilty of manslaughter.")
    assert all(e.modality == "negated" for e in evs if e.type == "SANCTION"), evs
    # Pleading *for* something is still an appeal.
    evs = code("The farmers pleaded for more aid from the government.")
    assert [e.type for e in evs] == ["REQUEST"]


@pytest.mark.slow
def test_speech_verbs_and_quoted_acts_are_not_plain_facts(code: Any) -> None:
    evs = code("She insisted that she had never met the smugglers.")
    assert not any(e.type == "REQUEST" for e in evs), evs
    text = "“The army shelled our village twice last week,” said a farmer from the valley."
    claim = _claim(text, "said", "The army shelled our village twice last week", "a farmer")
    raised = [e for e in code(text, claims=[claim]) if e.trigger_start < text.index("”")]
    assert raised and all(e.claim == "c1" and e.modality == "alleged" for e in raised), raised
    # A speaker telling of its own act announces it: that stays an occurred event.
    text = "“We arrested four suspects at dawn,” the police chief said."
    claim = _claim(text, "said", "We arrested four suspects at dawn", "the police chief")
    arrests = [e for e in code(text, claims=[claim]) if e.type == "COERCE"]
    assert arrests and arrests[0].modality == "occurred" and arrests[0].claim == "c1"


@pytest.mark.slow
def test_natural_forces_and_abstract_objects_are_not_actors(code: Any) -> None:
    evs = code("A violent storm sent debris across the harbour, damaging two ships.")
    assert not any("storm" in " ".join(_sources(e)) for e in evs), evs
    evs = code("The firm abused its dominant position by overcharging customers.")
    assert not any(e.type == "ASSAULT" for e in evs), evs
    evs = code("Guards abused prisoners at the camp.")
    assert [e.type for e in evs] == ["ASSAULT"]  # a person abused is still an assault


@pytest.mark.slow
def test_calling_something_is_not_calling_it_off(code: Any) -> None:
    evs = code(
        "Critics say the reform failed, while the minister's allies call the vote a triumph."
    )
    assert not any(e.type in ("RETREAT", "CONCEDE") for e in evs), evs
    evs = code("The union called a strike at the port.")
    assert not any(e.type in ("RETREAT", "CONCEDE") for e in evs), evs
    evs = code("The union called off the strike after talks with the employers.")
    assert [e.type for e in evs] == ["CONCEDE"]

"""Events stage: unit tests on parsed sentences with hand-filled contexts, and the seed article
through the real pipeline (slow)."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.model.records import Claim, DateRef, DocResult, Event, EventArgument, Evidence, Timex
from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.stages.events import events as events_stage
from newsgraph.pipeline.stages.events.dedup import Draft, merge
from newsgraph.pipeline.stages.events.lexicon import lexicon
from tests.conftest import make_doc


def test_lexicon_types_and_aliases_come_from_the_data_files() -> None:
    lex = lexicon()
    assert len(lex.types) == 16
    assert lex.canonical_type("DEMAND") == "REQUEST"
    assert lex.canonical_type("fight") == "ASSAULT"
    assert lex.types["ACCUSE"].cameo_for("investigate") == "09"
    assert any(s.type == "SANCTION" and s.rest == ("guilty",) for s in lex.triggers[("find", "V")])


def _draft(kind: str, date: str, anchor: str | None, args: list[tuple[str, str]], at: int) -> Draft:
    return Draft(
        type=kind,
        mode=None,
        contexts=[],
        arguments=[EventArgument(r, 0, 1, t, t) for r, t in args],
        trigger=(at, at + 1),
        sentence=(at, at + 5),
        timex=None if anchor == "doc" else "t1",
        date=DateRef(date, "month" if len(date) == 7 else "day", anchor),
        place=None,
        modality="occurred",
        claim=None,
        evidence=[Evidence(at, at + 1, at, at + 5)],
    )


def test_dedup_merges_same_event_and_keeps_the_dated_mention() -> None:
    a = _draft("SANCTION", "2024-09-17", "doc", [("target", "e1")], 0)
    b = _draft("SANCTION", "2023-02", None, [("target", "e1")], 50)
    c = _draft("SANCTION", "2022-01", None, [("target", "e1")], 90)  # other date: other event
    out = merge([a, b, c])
    assert len(out) == 2
    assert out[0].date.value == "2023-02" and len(out[0].evidence) == 2


def test_dedup_drops_actorless_unless_it_joins_its_sentence() -> None:
    lone = _draft("ASSAULT", "2024-09-17", "doc", [], 0)
    assert merge([lone]) == []


@pytest.fixture(scope="module")
def code(nlp: Any) -> Any:
    def run(
        text: str, timexes: list[Timex] | None = None, claims: list[Claim] | None = None
    ) -> list[Event]:
        document = make_doc(text)
        sdoc = nlp(text)
        result = DocResult(doc=document, sentences=[(s.start_char, s.end_char) for s in sdoc.sents])
        result.timexes = timexes or []
        result.claims = claims or []
        ctx = StageContext(document=document, doc=sdoc, result=result)
        events_stage(ctx)
        return result.events

    return run


def _args(ev: Event, role: str) -> list[str]:
    return [a.text for a in ev.arguments if a.role == role]


@pytest.mark.slow
def test_light_verb_passive_and_nominalisation(code: Any) -> None:
    evs = code(
        "The minister launched accusations against the rebels. Two rebels were arrested by police."
    )
    acc = next(e for e in evs if e.type == "ACCUSE")
    assert _args(acc, "source") == ["The minister"] and _args(acc, "target") == ["the rebels"]
    arr = next(e for e in evs if e.type == "COERCE")
    assert (
        arr.mode == "arrest"
        and _args(arr, "target") == ["Two rebels"]
        and _args(arr, "source") == ["police"]
    )


@pytest.mark.slow
def test_compound_target_is_one_event(code: Any) -> None:
    evs = code("The United States imposed sanctions on Iran, Libya and Sudan.")
    # Imposing sanctions is COERCE/restrict (CAMEO 163 in the CAMEO -> PLOVER crosswalk).
    sanctions = [e for e in evs if e.type == "COERCE"]
    assert len(sanctions) == 1
    assert _args(sanctions[0], "target") == ["Iran", "Libya", "Sudan"]


@pytest.mark.slow
def test_modality_hypothetical_negated_scheduled_alleged(code: Any) -> None:
    assert code("The rebels could attack the capital.")[0].modality == "hypothetical"
    assert code("The president did not meet the rebels.")[0].modality == "negated"
    assert code("The army allegedly attacked the village of Hama.")[0].modality == "alleged"
    text = "The court scheduled the sentencing of the former minister for October 9."
    sched = code(text)
    assert any(e.modality == "scheduled" for e in sched), sched


@pytest.mark.slow
def test_intention_recoding_and_claim_link(code: Any) -> None:
    evs = code("Syria said it will withdraw its troops from Lebanon.")
    assert evs[0].type == "AGREE"  # a cooperative act announced: PLOVER AGREE
    text = "The group said that soldiers killed three villagers."
    start = text.index("soldiers")
    claim = Claim(
        "c1", None, None, None, "said", 10, 14, start, len(text) - 1, "indirect", status="alleged"
    )
    ev = next(e for e in code(text, claims=[claim]) if e.type == "ASSAULT")
    assert ev.claim == "c1" and ev.modality == "alleged"


@pytest.mark.slow
def test_date_comes_from_the_attached_timex(code: Any) -> None:
    text = "He was found guilty in February 2023 of drug trafficking."
    i = text.index("February 2023")
    tx = Timex("t1", i, i + 13, "February 2023", "DATE", "2023-02", "month")
    ev = code(text, timexes=[tx])[0]
    assert (ev.type, ev.mode, ev.timex, ev.date.value if ev.date else None) == (
        "SANCTION",
        "convict",
        "t1",
        "2023-02",
    )
    assert "legal" in ev.contexts


@pytest.mark.slow
def test_seed_article_events(seed_result: Any) -> None:
    r = seed_result
    text = r.doc.text
    names = {e.id: " ".join([e.name, *e.aliases]) for e in r.entities}

    def who(ev: Event, role: str) -> str:
        return (
            " | ".join(names.get(x, "") for x in (ev.source if role == "source" else ev.target))
            + " | "
            + " | ".join(_args(ev, role))
        )

    conv = [
        e
        for e in r.events
        if e.type == "SANCTION" and e.mode == "convict" and e.date and e.date.value == "2023-02"
    ]
    assert conv and conv[0].modality == "occurred" and "Luna" in who(conv[0], "target")
    acc = [
        e
        for e in r.events
        if e.type == "ACCUSE" and "Luna" in who(e, "source") and "Obrador" in who(e, "target")
    ]
    assert acc, [(e.type, who(e, "source"), who(e, "target")) for e in r.events]
    # The accusation of the letter: an allegation, dated by the letter, tied to its claim.
    letter = [e for e in acc if e.mode == "allege" and e.modality == "alleged" and e.claim]
    assert letter and letter[0].timex is not None, acc
    offer = [
        e
        for e in r.events
        if e.type == "AGREE" and "offer" in text[e.trigger_start : e.trigger_end]
    ]
    assert (
        offer and offer[0].date and offer[0].date.value == "2019" and offer[0].modality == "alleged"
    )
    reject = [e for e in r.events if e.type == "REJECT"]
    assert reject and reject[0].modality == "alleged"
    assert reject[0].date and reject[0].date.value == "2019"  # dated by the offer it answers
    detained = [
        e
        for e in r.events
        if e.type == "COERCE" and "detain" in text[e.trigger_start : e.trigger_end]
    ]
    assert detained and "Luna" in who(detained[0], "target")
    places = {e.id: e.name for e in r.entities} | {m.id: m.text for m in r.mentions}
    assert "Brooklyn" in places.get(detained[0].place or "", "")
    sched = [e for e in r.events if e.type == "SANCTION" and e.modality == "scheduled"]
    assert sched and any(e.date and e.date.value == "2024-10-09" for e in sched)


@pytest.mark.slow
def test_acts_inside_another_events_clause_are_not_coded_separately(code: Any) -> None:
    # PLOVER codes the main event; the purpose clause ("to help it defeat ...") is background.
    evs = code("Syria offered troops to Lebanon to help it defeat the rebels.")
    assert [e.type for e in evs] == ["AGREE"]
    # An adverbial clause under the main act is dropped too.
    evs = code("The president resigned as protesters attacked the parliament.")
    assert [e.type for e in evs] == ["RETREAT"]


@pytest.mark.slow
def test_conjoined_clause_with_its_own_subject_stays_an_event(code: Any) -> None:
    evs = code("Police arrested ten protesters and the opposition condemned the raid.")
    assert sorted(e.type for e in evs) == ["ACCUSE", "COERCE"]


@pytest.mark.slow
def test_target_recovered_from_the_complement(code: Any) -> None:
    ev = code("Turkey threatened to cut off water supplies to Syria.")[0]
    assert (ev.type, _args(ev, "source"), _args(ev, "target")) == (
        "THREATEN",
        ["Turkey"],
        ["Syria"],
    )
    ev = code("Kenya agreed to send food aid to Somalia.")[0]
    assert _args(ev, "target") == ["Somalia"]

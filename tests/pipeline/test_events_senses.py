"""Event types by sense, not by word (issue 10, item 2): markets that "shoot up", deals that are
"struck" or "executed", labour strikes, forecasts after "said", disasters, business news, and the
CAMEO -> PLOVER crosswalk where the old lexicon disagreed. Sentences written by us; each negative
case has a control that must still code the violent or coercive sense."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.model.records import Event
from tests.conftest import make_doc

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def code(pipeline: Any) -> Any:
    def run(text: str) -> list[Event]:
        return list(pipeline.extract(make_doc(text)).events)

    return run


def _types(evs: list[Event]) -> list[str]:
    return [e.type for e in evs]


def _args(ev: Event, role: str) -> list[str]:
    return [a.text for a in ev.arguments if a.role == role]


def test_prices_indexes_and_shares_shooting_up_are_not_violence(code: Any) -> None:
    evs = code("The Carpathian stock index, shooting up 4.57 points, closed at a record high.")
    assert "ASSAULT" not in _types(evs), evs
    evs = code("Shares of Ostland Mining shot up 12 percent on Monday after the report.")
    assert "ASSAULT" not in _types(evs), evs
    evs = code("Lagonian coffee prices were hit hard by the new export quota.")
    assert "ASSAULT" not in _types(evs), evs
    # Control: a person shot is an assault.
    evs = code("A gunman shot two police officers in the Ostland capital on Friday.")
    assert "ASSAULT" in _types(evs), evs


def test_deals_are_struck_and_executed_not_assaulted(code: Any) -> None:
    evs = code("Acme Holdings Inc said it has executed a definitive agreement to buy Brix Corp.")
    assert "ASSAULT" not in _types(evs), evs
    evs = code("Ostland struck a deal with Lagonia on fishing rights.")
    assert _types(evs) == ["AGREE"], evs
    evs = code("Texaco-like Petrolia Corp is fighting a Lagonian law on oil royalties.")
    assert "ASSAULT" not in _types(evs), evs
    # Controls: people executed, targets struck.
    assert "ASSAULT" in _types(code("The rebels executed three prisoners in Tarsk."))
    assert "ASSAULT" in _types(code("Lagonian jets struck rebel positions near Tarsk."))


def test_a_strike_by_workers_is_a_protest(code: Any) -> None:
    evs = code("Dockworkers in Ostland struck on Monday, demanding higher wages.")
    assert "ASSAULT" not in _types(evs), evs
    strike = next(e for e in evs if e.type == "PROTEST")
    # The source phrase may keep its place ("Dockworkers in Ostland"); its head is the workers.
    assert strike.mode == "strike"
    assert [a.split()[0] for a in _args(strike, "source")] == ["Dockworkers"]
    evs = code("Workers at the Tarsk mill began a strike over pay.")
    assert [(e.type, e.mode) for e in evs] == [("PROTEST", "strike")], evs
    # A strike by armed forces, or a military one, is an attack.
    evs = code("Lagonian jets carried out a strike on the rebel base near Tarsk.")
    assert "ASSAULT" in _types(evs) and "PROTEST" not in _types(evs), evs
    evs = code("Ostland launched a retaliatory strike against Lagonia.")
    assert "ASSAULT" in _types(evs) and "PROTEST" not in _types(evs), evs


def test_a_forecast_after_said_is_no_request(code: Any) -> None:
    evs = code("The chairman said earnings should rise sharply next year.")
    assert "REQUEST" not in _types(evs), evs
    evs = code("An analyst said the Lagonian mark must fall further against the dollar.")
    assert "REQUEST" not in _types(evs), evs
    # Control: a reported obligation on an actor is a demand.
    evs = code("The foreign minister said Ostland must withdraw its troops from Lagonia.")
    assert "REQUEST" in _types(evs), evs


def test_disasters_and_accidents_are_not_events_between_actors(code: Any) -> None:
    evs = code("The earthquake killed 300 people in Carpathia on Sunday.")
    assert "ASSAULT" not in _types(evs), evs
    evs = code("Twelve people were killed in a bus crash near Tarsk, police said.")
    assert "ASSAULT" not in _types(evs), evs
    # Control: people killed by an actor.
    evs = code("Rebels killed 30 villagers in Carpathia on Sunday.")
    assert "ASSAULT" in _types(evs), evs


def test_force_between_companies_in_business_news_is_a_figure_of_speech(code: Any) -> None:
    text = (
        "Brix Corp said it would renew its assault on Harcourt Inc after raising 640 mln dlrs "
        "in a rights issue. Brix holds a 12 pct stake in Harcourt, whose shares rose 2 dlrs to "
        "45 dlrs. Holders of Harcourt debentures threatened to sue the company. Net profit "
        "rose 15 pct to 80 mln dlrs on sales of 1.2 billion dlrs."
    )
    evs = code(text)
    bad = [e for e in evs if e.type in ("ASSAULT", "COERCE", "THREATEN", "MOBILIZE")]
    assert not bad, bad
    # Control: in the same kind of article, police arresting an executive is a coercion.
    text2 = (
        "Brix Corp said net profit rose 15 pct to 80 mln dlrs on sales of 1.2 billion dlrs. "
        "Police in Ostland arrested the company's chief executive on Tuesday."
    )
    assert "COERCE" in _types(code(text2))


def test_crosswalk_types_where_the_old_lexicon_disagreed(code: Any) -> None:
    # CAMEO 163: imposing sanctions or an embargo is COERCE/restrict.
    evs = code("The Lagonian government imposed sanctions on Ostland.")
    assert [(e.type, e.mode) for e in evs] == [("COERCE", "restrict")]
    assert _args(evs[0], "target") == ["Ostland"]
    evs = code("Freedonia imposed an oil embargo on Carpathia in March.")
    assert _types(evs) == ["COERCE"], evs
    # CAMEO 083: acceding to demands is CONCEDE.
    evs = code("The government acceded to the demands of the striking miners.")
    assert _types(evs) == ["CONCEDE"], evs
    evs = code("The Ostland government accepted demands from the rebels for political reform.")
    assert _types(evs) == ["CONCEDE"], evs
    # CAMEO 0842: returning property is RETREAT/return, with the receiver as target.
    evs = code("The rebels returned the seized weapons to the peacekeepers.")
    assert [(e.type, e.mode) for e in evs] == [("RETREAT", "return")]
    assert _args(evs[0], "target") == ["the peacekeepers"]
    # A text "released" is no concession.
    assert "RETREAT" not in _types(code("The ministry released its annual report on Monday."))
    # CAMEO 05: pledging support is SUPPORT, not AGREE.
    evs = code("Ostland pledged support for the Lagonian government.")
    assert _types(evs) == ["SUPPORT"], evs


def test_a_warning_about_a_trend_is_no_threat(code: Any) -> None:
    evs = code("Economists in Ostland warned that the deficit could push inflation higher.")
    assert "THREATEN" not in _types(evs), evs
    # Control: a warning of one's own act is a threat.
    evs = code("Ostland warned that its army would attack Lagonian positions.")
    assert "THREATEN" in _types(evs), evs

"""Speech acts that did not happen make no claim (issue 11): negated, refused and unavailable cues,
intentions, figures "shown" by things that hold no view; a denial is a claim with status denied
(slow: uses the session's pipeline)."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.model.records import Claim
from tests.conftest import make_doc

pytestmark = pytest.mark.slow


def claims_of(pipeline: Any, text: str) -> list[Claim]:
    return list(pipeline.extract(make_doc(text)).claims)


def cues(pipeline: Any, text: str) -> list[str]:
    return [c.cue for c in claims_of(pipeline, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Ostland's foreign minister Karl Brandt did not repeat the accusations against Lagonia.",
        "Karl Brandt never said that the border would close.",
        "A spokeswoman for Carpathia Mining declined to comment on the sale.",
        "The mayor of Lagonia refused to say whether the bridge was safe.",
        "The company was not immediately available to say who had acquired the stake.",
        "The utility was not prepared to comment on whether the board would approve the deal.",
        "Officials at Freedonia Rail were unable to confirm the figures.",
        "Shares of Carpathia Mining declined 5 percent to 12 dollars on Tuesday.",
        "Lagonia Steel has no plans to restore output at the mill in Ostland.",
    ],
)
def test_negated_refused_and_unavailable_speech_makes_no_claim(pipeline: Any, text: str) -> None:
    assert cues(pipeline, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Freedonia Foods plans to open two stores in Lagonia next year.",
        "The firm intends to buy back shares.",
        "Ostland Steel aims to cut its costs by a fifth.",
        "Carpathia Mining agreed to buy the Lagonian smelter for 40 million crowns.",
    ],
)
def test_infinitive_after_an_intent_verb_is_no_attribution(pipeline: Any, text: str) -> None:
    assert cues(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        (
            "The dossier offers no documents to support the accusations against Mirela Vantor, "
            "who denies them.",
            "support",
        ),
        ("The ministry of Ostland gave no evidence to confirm the report.", "confirm"),
        ("Karl Brandt did not call a news conference to announce the closure.", "announce"),
    ],
)
def test_purpose_under_a_negated_act_makes_no_claim(pipeline: Any, text: str, cue: str) -> None:
    # Under a headline, so the sentence is read as body text, as in an article.
    assert cue not in cues(pipeline, "Ostland inquiry\n" + text)


def test_purpose_of_an_act_that_happened_still_counts(pipeline: Any) -> None:
    # The same shape without the negation: the announcement happened.
    got = cues(
        pipeline, "Karl Brandt called a news conference to announce the closure of the mine."
    )
    assert "announce" in got


def test_figures_shown_by_a_balance_item_are_no_claim(pipeline: Any) -> None:
    text = (
        "Lagonian trade in January\n"
        "Lagonia's services showed a 3.7 billion crown surplus in January, the ministry said.\n"
    )
    assert cues(pipeline, text) == ["said"]


def test_a_poll_still_shows_a_claim(pipeline: Any) -> None:
    assert cues(pipeline, "Polls show that Maria Vance leads in Freedonia.") == ["show"]


def test_a_denial_is_a_denied_claim(pipeline: Any) -> None:
    claims = claims_of(pipeline, "Karl Brandt denied that he had met the smugglers.")
    assert [(c.cue, c.status) for c in claims] == [("denied", "denied")]
    claims = claims_of(pipeline, "Maria Vance rejected the allegation that she had lied.")
    assert [(c.cue, c.status) for c in claims] == [("rejected", "denied")]


def test_rejecting_an_offer_is_no_denial(pipeline: Any) -> None:
    claims = claims_of(pipeline, "Maria Vance rejected the offer from Carpathia Mining.")
    assert all(c.status != "denied" for c in claims)


def test_an_affirmative_statement_is_still_asserted(pipeline: Any) -> None:
    claims = claims_of(pipeline, "Karl Brandt said the border talks had failed.")
    assert [(c.cue, c.status) for c in claims] == [("said", "asserted")]


def test_a_headline_describing_accusations_as_false_denies_them(pipeline: Any) -> None:
    claims = claims_of(pipeline, "Mayor Ilse Varga describes harbour accusations as false")
    assert [c.status for c in claims if c.cue.startswith("describe")] == ["denied"]

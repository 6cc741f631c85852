"""Times stage: tense rules that choose between the past and the future occurrence of a date
named without a year. Sentences are ours."""

from __future__ import annotations

from typing import Any

import pytest

from tests.pipeline.conftest import timex_values

pytestmark = pytest.mark.slow


def test_forward_verb_participle_with_on_is_a_past_event(times_pipeline: Any) -> None:
    # "set on Aug. 6": when the record was set (last August), not a date it is set for
    got = timex_values(
        times_pipeline,
        "Ostland stocks rose, leaving the index within 70 points of its record high set on Aug. 6.",
        "1995-02-06",
    )
    assert ("Aug. 6", "1994-08-06") in got


def test_forward_verb_participle_with_for_looks_ahead(times_pipeline: Any) -> None:
    got = timex_values(
        times_pipeline,
        "The Lagonia Freight hearing, set for Aug. 6, will decide the case.",
        "1995-02-06",
    )
    assert ("Aug. 6", "1995-08-06") in got


def test_participle_naming_its_aim_still_looks_ahead(times_pipeline: Any) -> None:
    # "set for testing in August": the testing is planned, August is still ahead
    got = timex_values(
        times_pipeline,
        "The Carpathia network, set for testing in August, will open later.",
        "1987-03-02",
    )
    assert ("August", "1987-08") in got

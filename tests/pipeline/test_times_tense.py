"""Times stage: tense rules that choose between the past and the future occurrence of a date
named without a year. Sentences are ours."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.model.records import DocResult, Timex
from newsgraph.pipeline.context import StageContext
from tests.conftest import make_doc

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def times_pipeline() -> Any:
    from newsgraph.pipeline import Pipeline

    return Pipeline(stages=["sentences.v1", "times.rules.v1"])


def values(pipe: Any, text: str, date: str) -> list[tuple[str, str]]:
    document = make_doc(text, date)
    ctx = StageContext(document=document, doc=pipe.nlp(text), result=DocResult(doc=document))
    for spec in pipe.stages:
        spec.func(ctx)
    timexes: list[Timex] = ctx.result.timexes
    return [(t.text, t.value) for t in timexes]


def test_forward_verb_participle_with_on_is_a_past_event(times_pipeline: Any) -> None:
    # "set on Aug. 6": when the record was set (last August), not a date it is set for
    got = values(
        times_pipeline,
        "Ostland stocks rose, leaving the index within 70 points of its record high set on Aug. 6.",
        "1995-02-06",
    )
    assert ("Aug. 6", "1994-08-06") in got


def test_forward_verb_participle_with_for_looks_ahead(times_pipeline: Any) -> None:
    got = values(
        times_pipeline,
        "The Lagonia Freight hearing, set for Aug. 6, will decide the case.",
        "1995-02-06",
    )
    assert ("Aug. 6", "1995-08-06") in got


def test_participle_naming_its_aim_still_looks_ahead(times_pipeline: Any) -> None:
    # "set for testing in August": the testing is planned, August is still ahead
    got = values(
        times_pipeline,
        "The Carpathia network, set for testing in August, will open later.",
        "1987-03-02",
    )
    assert ("August", "1987-08") in got

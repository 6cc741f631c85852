"""``date_for``: an expression whose value has no calendar year cannot date a claim or event."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.model.records import DocResult
from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.dating import date_for
from tests.conftest import make_doc

pytestmark = pytest.mark.slow


def _ctx(pipe: Any, text: str, date: str) -> StageContext:
    document = make_doc(text, date)
    ctx = StageContext(document=document, doc=pipe.nlp(text), result=DocResult(doc=document))
    for spec in pipe.stages:
        spec.func(ctx)
    return ctx


def test_unplaced_weekday_falls_back_to_the_article_month(times_pipeline: Any) -> None:
    text = "The president on Thursday denied any link to the cartel."
    ctx = _ctx(times_pipeline, text, "2024-10")
    thursday = [t for t in ctx.result.timexes if t.text == "Thursday"]
    # the precondition this test is about: a month-dated article leaves the weekday unplaced
    assert thursday and thursday[0].value.startswith("XXXX"), ctx.result.timexes
    cue = text.index("denied")
    tid, date = date_for(ctx, cue, cue + len("denied"))
    assert tid is None
    assert (date.value, date.granularity, date.anchor) == ("2024-10", "month", "doc")


def test_placed_weekday_still_dates_the_cue(times_pipeline: Any) -> None:
    text = "The president on Thursday denied any link to the cartel."
    ctx = _ctx(times_pipeline, text, "2024-10-04")
    cue = text.index("denied")
    tid, date = date_for(ctx, cue, cue + len("denied"))
    assert tid is not None and date.value == "2024-10-03"

"""Fixtures shared by the pipeline tests: a pipeline of the times stage alone (the spaCy model
is the session's, through the cached loader) and what it reads from a sentence."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.model.records import DocResult, Timex
from newsgraph.pipeline.context import StageContext
from tests.conftest import make_doc


@pytest.fixture(scope="session")
def times_pipeline() -> Any:
    from newsgraph.pipeline import Pipeline

    return Pipeline(stages=["sentences.v1", "times.rules.v1"])


def timex_values(pipe: Any, text: str, date: str) -> list[tuple[str, str]]:
    """``(text, value)`` of every expression the stages of ``pipe`` find in ``text`` written on
    ``date``."""
    document = make_doc(text, date)
    ctx = StageContext(document=document, doc=pipe.nlp(text), result=DocResult(doc=document))
    for spec in pipe.stages:
        spec.func(ctx)
    timexes: list[Timex] = ctx.result.timexes
    return [(t.text, t.value) for t in timexes]

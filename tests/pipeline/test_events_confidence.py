"""Event confidence: every event carries a 0-1 score from the shipped model; the trainer is
deterministic and learns what separates right from wrong events."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.pipeline.stages.events import confidence
from tests.conftest import make_doc

POLITICAL = (
    "Carpathian troops shelled the Ostland border town of Varna on Tuesday, killing twelve "
    "civilians. Ostland recalled its ambassador from Carpathia."
)
BUSINESS = (
    "Lagonia Mining Corp said its first-quarter net profit rose 12 pct to 4.5 mln dlrs. "
    "Shares of Lagonia Mining shot up 3-1/4 to 41 dlrs in heavy trading on the Freedonia "
    "exchange, where the index was shooting up 4.57 points."
)


def _events(pipeline: Any, text: str) -> list[Any]:
    return list(pipeline.extract(make_doc(text)).events)


@pytest.mark.slow
def test_every_event_has_a_confidence_between_0_and_1(pipeline: Any) -> None:
    events = _events(pipeline, POLITICAL) + _events(pipeline, BUSINESS)
    assert events, "the political sentences code events"
    for ev in events:
        assert ev.confidence is not None
        assert 0.0 <= ev.confidence <= 1.0


@pytest.mark.slow
def test_business_readings_score_below_a_clear_political_event(pipeline: Any) -> None:
    political = _events(pipeline, POLITICAL)
    top = max(ev.confidence or 0.0 for ev in political)
    for ev in _events(pipeline, BUSINESS):
        assert (ev.confidence or 0.0) < top, ev


def test_no_model_leaves_confidence_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.model.records import DocResult, Document, Event

    monkeypatch.setattr(confidence, "load_model", lambda: None)
    ev = Event("ev1", "ASSAULT", None, None, [], [], [], 0, 4, 0, 10)
    doc = Document(id="d", date="2024-01-01", date_precision="day", text="x")
    confidence.score_events(None, DocResult(doc=doc), [ev])  # type: ignore[arg-type]
    assert ev.confidence is None


def test_training_is_deterministic_and_learns_the_separating_feature() -> None:
    rows = [["good", "common"]] * 8 + [["bad", "common"]] * 8 + [["good", "bad", "common"]] * 2
    labels = [1] * 8 + [0] * 8 + [1, 0]
    w1, b1 = confidence.train(rows, labels, min_count=1)
    w2, b2 = confidence.train(rows, labels, min_count=1)
    assert (w1, b1) == (w2, b2)
    model = confidence.Model(w1, b1)
    assert model.score(["good", "common"]) > 0.5 > model.score(["bad", "common"])
    assert 0.0 < model.score([]) < 1.0


def test_rare_features_get_no_weight() -> None:
    rows = [["seen"]] * 6 + [["once", "seen"]]
    weights, _ = confidence.train(rows, [1, 0, 1, 0, 1, 0, 1], min_count=2)
    assert "once" not in weights

"""Every claim carries a calibrated confidence (issue 11): the scorer's probability put through the
Platt scaling fit on cross-validated claims of PolNeAR train."""

from __future__ import annotations

import math
from typing import Any

import pytest

from tests.conftest import make_doc


def test_platt_scaling_recovers_a_known_calibration() -> None:
    from newsgraph.pipeline.stages.claims.scorer import Model, calibrate

    # Scores whose true probability of being right is sigmoid(2 * logit(score) - 1).
    scores: list[float] = []
    labels: list[int] = []
    for i in range(1, 100):
        s = i / 100
        p = 1 / (1 + math.exp(-(2 * math.log(s / (1 - s)) - 1)))
        right = round(p * 200)
        scores.extend([s] * 200)
        labels.extend([1] * right + [0] * (200 - right))
    a, b = calibrate(scores, labels)
    assert a == pytest.approx(2.0, abs=0.1)
    assert b == pytest.approx(-1.0, abs=0.1)
    model = Model({}, 0.0, 0.5, (a, b))
    assert model.confidence(0.5) == pytest.approx(1 / (1 + math.e), abs=0.03)
    assert model.confidence(0.2) < model.confidence(0.5) < model.confidence(0.8)


def test_shipped_model_is_calibrated() -> None:
    from newsgraph.pipeline.stages.claims.scorer import model_data

    data = model_data()
    assert data is not None
    assert set(data["calibration"]) == {"a", "b"}
    assert data["calibration"]["a"] > 0  # a higher score never means a lower confidence


@pytest.mark.slow
def test_every_claim_has_a_confidence(pipeline: Any) -> None:
    text = (
        "Finance Minister Karl Brandt of Ostland said on Tuesday that the budget was balanced.\n"
        '"We will not raise taxes," he told reporters in Lagonia.\n'
        "The opposition accused him of hiding the deficit, according to the Ostland Times.\n"
    )
    claims = pipeline.extract(make_doc(text)).claims
    assert claims
    for c in claims:
        assert c.confidence is not None and 0.0 < c.confidence <= 1.0


@pytest.mark.slow
def test_unresolved_speaker_is_no_more_confident_than_a_named_one(pipeline: Any) -> None:
    text = (
        "Lagonia Bank economist Peter Holm said the cuts would hurt exporters.\n"
        "The cuts will hurt farmers too, said a trader at a Lagonian bank.\n"
        '"Nobody expected the tax on fuel," he said.\n'
        '"Nobody expected the tax on coal," Holm said.\n'
    )
    result = pipeline.extract(make_doc(text))
    by = {text[c.content_start : c.content_end]: c for c in result.claims}
    fuel = next(c for k, c in by.items() if "fuel" in k)
    coal = next(c for k, c in by.items() if "coal" in k)
    assert fuel.speaker is None and coal.speaker is not None
    assert fuel.confidence is not None and coal.confidence is not None
    assert fuel.confidence <= coal.confidence

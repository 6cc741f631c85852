"""The second stage (``rerank``) weighs each extent variant of a cue against the cue's others: its
features say where a variant stands among them, and its weights, added to the first-stage logit,
can put another variant on top or lift a cue whose variants all score middling."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest

from newsgraph.pipeline.stages.claims.candidates import Candidate
from newsgraph.pipeline.stages.claims.rerank import groups, relative_features, rerank_rows
from newsgraph.pipeline.stages.claims.scorer import Model

TEXT = "The tribunal rejected the harbour complaint in a ruling on Monday."


def _variant(content: tuple[int, int], score: float, cue_lo: int = 2) -> Candidate:
    return Candidate(
        pattern="verb",
        cue_lo=cue_lo,
        cue_hi=cue_lo,
        lemma="reject",
        content=content,
        kind="indirect",
        content_dep="dobj",
        speaker_lo=0,
        speaker_hi=1,
        speaker_head=1,
        score=score,
    )


def _spans() -> tuple[tuple[int, int], tuple[int, int]]:
    start = TEXT.index("the harbour")
    short = (start, TEXT.index(" in a ruling"))
    return short, (start, TEXT.index(" on Monday"))


def test_variants_are_described_against_their_cues_others() -> None:
    short, long = _spans()
    group = [_variant(long, 0.6), _variant(short, 0.5)]
    best, second = relative_features(group)
    assert "r2:rank=0" in best and "r2:rank=1" in second
    assert "r2:len=0.99" not in best and "r2:len=more" in best  # the longest
    assert "r2:len=0.75" in second  # "the harbour complaint" against the whole object
    assert "r2:inside=False|True|0" in best  # holds the shorter one
    assert "r2:inside=True|False|1" in second
    lead = math.log(0.6 / 0.4) - math.log(0.5 / 0.5)  # logits 0.405 and 0
    assert lead <= 0.5 and "r2:lead=0.5" in best
    assert "r2:gap=0.5" in second


def test_only_variants_with_a_speaker_of_one_cue_compete() -> None:
    short, long = _spans()
    a, b = _variant(long, 0.6), _variant(short, 0.5)
    other = _variant(short, 0.9, cue_lo=5)
    lone = replace(_variant(short, 0.9), speaker_head=None)
    assert groups([a, other, b, lone]) == [[a, b], [other]]
    rows = dict((id(c), f) for c, f in rerank_rows([a, other, b, lone]))
    assert id(lone) not in rows
    assert "r2:lead=alone" in rows[id(other)] and "r2:n=1" in rows[id(other)]


def test_rerank_weights_can_put_the_runner_up_on_top() -> None:
    short, long = _spans()
    model = Model({}, 0.0, 0.5, rerank=({"r2:rank=1": 1.0, "r2:rank=0": -0.2}, 0.0))
    a, b = _variant(long, 0.6), _variant(short, 0.5)
    new = {id(c): model.rescore(c.score, f) for c, f in rerank_rows([a, b])}
    assert new[id(b)] > new[id(a)]
    assert new[id(b)] == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert Model({}, 0.0, 0.5).rescore(0.37, ["r2:rank=1"]) == 0.37  # no second stage


def test_the_second_stage_is_fit_on_top_of_the_first_stages_logits() -> None:
    from newsgraph.pipeline.stages.claims.scorer import train_rerank

    # Runners-up are right as often as the first stage says; best variants much less often.
    rows, labels, first = [], [], []
    for rank, right in (("0", 20), ("1", 50)):
        rows += [[f"r2:rank={rank}"]] * 100
        labels += [1] * right + [0] * (100 - right)
        first += [0.5] * 100
    weights, bias = train_rerank(rows, labels, first, l2=0.0)
    assert bias + weights.get("r2:rank=1", 0.0) == pytest.approx(0.0, abs=0.05)
    assert bias + weights["r2:rank=0"] == pytest.approx(math.log(0.2 / 0.8), abs=0.1)


def test_the_stage_applies_the_shipped_second_stage(pipeline: Any, monkeypatch: Any) -> None:
    from newsgraph.model.records import DocResult, Document
    from newsgraph.pipeline.context import StageContext
    from newsgraph.pipeline.stages.claims import build, scored_candidates
    from newsgraph.pipeline.stages.claims.scorer import load_model

    text = "The tribunal rejected the harbour complaint from Ostland in a ruling on Monday."
    document = Document(id="t", date="2024-03-05", date_precision="day", text=text)

    def scores(model: Model) -> list[float]:
        """Scores of the candidates of "rejected", in the stage's (fixed) order."""
        monkeypatch.setattr(build, "load_model", lambda: model)
        ctx = StageContext(document=document, doc=pipeline.nlp(text), result=DocResult(document))
        for spec in pipeline.stages:
            if spec.name.startswith("claims"):
                break
            spec.func(ctx)
        return [c.score for c, _ in scored_candidates(ctx) if c.lemma == "reject"]

    shipped = load_model()
    assert shipped is not None
    first = scores(replace(shipped, rerank=None))
    assert len(first) >= 3  # the object with and without its trailing adjuncts
    lifted = scores(replace(shipped, rerank=({"r2:rank=1": 5.0}, 0.0)))
    runner_up = sorted(range(len(first)), key=lambda i: -first[i])[1]
    assert max(range(len(lifted)), key=lambda i: lifted[i]) == runner_up

"""The stage scores candidates from the crossed pairs' parts (``Model.score_pairs``) without
building the pair names; the score must be the name-based one to the last bit, or the claims
kept would change."""

from __future__ import annotations

from typing import Any

from newsgraph.pipeline.stages.claims.features import crossed, crossed_parts
from newsgraph.pipeline.stages.claims.scorer import Model


def _scored(pipeline: Any, text: str, pair_names: bool) -> list[tuple[list[str], float]]:
    from newsgraph.model.records import DocResult, Document
    from newsgraph.pipeline.context import StageContext
    from newsgraph.pipeline.stages.claims import scored_candidates

    document = Document(id="t", date="2024-03-05", date_precision="day", text=text)
    result = DocResult(doc=document)
    ctx = StageContext(document=document, doc=pipeline.nlp(text), result=result)
    for spec in pipeline.stages:
        if spec.name.startswith("claims"):
            break
        spec.func(ctx)
    return [(list(c.features), c.score) for c, _ in scored_candidates(ctx, pair_names)]


TEXT = (
    "Carpathia's foreign minister, Ilse Varga, said on Monday that the border with Ostland "
    "would reopen. \u201cWe will not wait,\u201d she told reporters in Lagonia. The opposition "
    "accused the government of hiding the cost, according to a statement. Would the minister "
    "say whether talks had failed? Analysts doubt it, calling the plan \u201ca gamble\u201d."
)


def test_the_stage_scores_exactly_as_the_named_pairs_do(pipeline: Any) -> None:
    named = _scored(pipeline, TEXT, pair_names=True)
    fast = _scored(pipeline, TEXT, pair_names=False)
    assert len(named) == len(fast) >= 5
    for (feats, score), (singles, fast_score) in zip(named, fast, strict=True):
        assert feats == singles + crossed(singles)  # training still sees the pair names
        assert fast_score == score


def test_a_value_holding_an_ampersand_finds_its_pair_weight() -> None:
    feats = ["lemma=at&t", "pat=verb", "kind=direct", "neg"]
    pairs = crossed(feats)
    weights = {name: 0.1 * (k + 1) for k, name in enumerate(pairs)}
    weights["p:lemma=at&t&x=1"] = 5.0  # a pair this candidate does not have
    weights["pat=verb"] = -0.3
    model = Model(weights, 0.2, 0.5)
    assert "p:lemma=at&t&pat=verb" in pairs
    assert model.score_pairs(feats, crossed_parts(feats)) == model.score(feats + pairs)

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


def _plain_parts(feats: list[str]) -> list[str]:
    """What ``crossed_parts`` returns, read the plain way: the first value of each crossed key
    and the flags present, sorted by key."""
    from newsgraph.pipeline.stages.claims.features import _CROSSED, _FLAGS

    first: dict[str, str] = {}
    for f in feats:
        key, _, value = f.partition("=")
        if key in _CROSSED and key not in first:
            first[key] = value
    for flag in _FLAGS:
        if flag in feats:
            first[flag] = "1"
    return [f"{k}={first[k]}" for k in sorted(first)]


def test_crossed_parts_keep_each_keys_first_value_as_interned_strings() -> None:
    import sys

    feats = [
        "pat=verb", "lemma=announce", "pat_lemma=verb|announce", "sent=ORG", "sent=PERSON",
        "sent_cover=2|verb", "neg", "lex=verb|say|True", "lemma=declare", "len=7", "channel",
        "kind", "question=indirect", "modal_word=may",
    ]  # fmt: skip
    for case in (feats, feats[::-1], feats[:5], [], ["neg", "neg"]):
        # the pair table's keys are interned: the parts must be those very strings
        interned = [sys.intern(p) for p in _plain_parts(case)]
        copy = [(f + ".")[:-1] for f in case]  # fresh strings, as ``features`` builds them
        parts = crossed_parts(copy)
        assert parts == interned
        assert all(p is q for p, q in zip(parts, interned, strict=True))
        assert crossed_parts(copy) == parts  # read again from the per-process table

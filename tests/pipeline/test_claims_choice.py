"""The choice among a cue's extent variants (``claims.choice``): fit listwise, a softmax over each
cue's variants, it learns how the right variant differs from its siblings, and the stage gives
the cue's best score to the variant it prefers."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from newsgraph.pipeline.stages.claims.candidates import Candidate
from newsgraph.pipeline.stages.claims.choice import (
    apply_choice,
    cue_groups,
    difference_features,
    fit_choice,
)

TEXT = "The tribunal rejected the harbour complaint in a ruling on Monday."


def _variant(content: tuple[int, int], score: float, feats: list[str], cue_lo: int = 2) -> Any:
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
        features=feats,
        score=score,
    )


SHORT = (TEXT.index("the harbour"), TEXT.index(" in a ruling"))
LONG = (TEXT.index("the harbour"), TEXT.index(" on Monday"))


def test_variants_of_one_cue_with_a_speaker_compete() -> None:
    a, b = _variant(LONG, 0.6, []), _variant(SHORT, 0.5, [])
    alone = _variant(SHORT, 0.9, [], cue_lo=5)
    mute = replace(_variant(SHORT, 0.9, []), speaker_head=None)
    assert cue_groups([a, alone, b, mute]) == [[a, b]]


def test_the_preferred_variant_takes_the_cues_best_score(nlp: Any) -> None:
    doc = nlp(TEXT)
    long, short = _variant(LONG, 0.6, ["tail=prep"]), _variant(SHORT, 0.5, ["tail=dobj"])
    other = _variant(SHORT, 0.3, ["tail=dobj"], cue_lo=5)  # another cue: left alone
    apply_choice(doc, [long, short, other], {"tail=prep": -1.0})
    assert short.score == 0.6 and long.score < 0.6
    assert other.score == 0.3
    apply_choice(doc, [long, short], {})  # no preference: the better score stays the chosen one
    assert short.score == 0.6 and long.score < 0.6


def test_the_listwise_fit_learns_what_tells_siblings_apart() -> None:
    # 30 cues whose right variant stops before the cue's adjunct; a feature all variants share
    # ("lemma=reject") and cues with no right variant teach the choice nothing.
    groups = [
        ([["lemma=reject", "tail=prep"], ["lemma=reject", "tail=dobj"]], [0, 1]) for _ in range(30)
    ]
    groups += [([["lemma=reject", "tail=prep"], ["lemma=reject", "tail=dobj"]], [0, 0])] * 30
    weights = fit_choice(groups)
    assert weights.get("tail=dobj", 0.0) - weights.get("tail=prep", 0.0) > 1.0
    assert abs(weights.get("lemma=reject", 0.0)) < 1e-3


def test_the_stage_applies_the_shipped_choice(pipeline: Any, monkeypatch: Any) -> None:
    from newsgraph.model.records import DocResult, Document
    from newsgraph.pipeline.context import StageContext
    from newsgraph.pipeline.stages.claims import build, scored_candidates
    from newsgraph.pipeline.stages.claims.scorer import Model, load_model

    text = "The tribunal rejected the harbour complaint from Ostland in a ruling on Monday."
    document = Document(id="t", date="2024-03-05", date_precision="day", text=text)

    def chosen(model: Model) -> tuple[int, int]:
        """The content of the best-scored candidate of "rejected"."""
        monkeypatch.setattr(build, "load_model", lambda: model)
        ctx = StageContext(document=document, doc=pipeline.nlp(text), result=DocResult(document))
        for spec in pipeline.stages:
            if spec.name.startswith("claims"):
                break
            spec.func(ctx)
        cands = [c for c, _ in scored_candidates(ctx, pair_names=False) if c.lemma == "reject"]
        return max(cands, key=lambda c: c.score).content

    shipped = load_model()
    assert shipped is not None
    plain = chosen(replace(shipped, choice=None))
    # A choice that dislikes contents running to the sentence's end (over "in a ruling…"); of
    # the others, the better scored.
    short = chosen(replace(shipped, choice={"after=.": -5.0}))
    assert text[plain[0] : plain[1]].endswith("on Monday")
    assert text[short[0] : short[1]] == "the harbour complaint from Ostland"


# Our sentence: a cue whose object runs on over a trailing "as …" phrase of the reporter's.
GLOSS = "The minister described the new tolls as a tax on commuters, aides said."


def _tolls(nlp: Any) -> tuple[Any, Any, Any]:
    doc = nlp(GLOSS)
    cue = next(t.i for t in doc if t.lower_ == "described")
    short = (GLOSS.index("the new tolls"), GLOSS.index(" as a tax"))
    long = (GLOSS.index("the new tolls"), GLOSS.index(", aides"))
    a = replace(_variant(short, 0.5, ["tail=dobj"], cue_lo=cue), lemma="describe")
    b = replace(_variant(long, 0.6, ["tail=prep"], cue_lo=cue), content_dep="dobj_clause")
    return doc, a, b


def test_difference_features_say_what_the_longer_variant_adds(nlp: Any) -> None:
    doc, short, long = _tolls(nlp)
    f_short, f_long = difference_features(doc, [short, long])
    # The longer adds a phrase opening on "as" at its right end; the shorter leaves it out.
    assert "addR_first=as" in f_long and "cutR_first=as" in f_short
    assert not any(f.startswith("cut") for f in f_long)
    assert not any(f.startswith("add") for f in f_short)
    # Neither runs into another sentence nor over a quote.
    assert "addR_sent=False" in f_long and "addR_quote=False" in f_long


def test_the_choice_reads_the_difference_features(nlp: Any) -> None:
    doc, short, long = _tolls(nlp)
    # The single features alone prefer the longer variant; a weight against adding an "as …"
    # phrase turns the choice to the shorter one, which takes the cue's best score.
    apply_choice(doc, [short, long], {"tail=prep": 1.0, "addR_first=as": -2.0})
    assert short.score == 0.6 and long.score < 0.6

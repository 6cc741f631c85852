"""Scorer features added in round 4: where the cue verb stands (under another verb, in a
conditional, in a question) and how a content relates to the other cues of its document."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.pipeline.stages.claims.candidates import Candidate
from newsgraph.pipeline.stages.claims.features import crossed, relational_features


def _cand(content: tuple[int, int], cue_char: int, kind: str = "direct") -> Candidate:
    c = Candidate(
        pattern="verb",
        cue_lo=0,
        cue_hi=0,
        lemma="say",
        content=content,
        kind=kind,
        content_dep="ccomp",
    )
    c.cue_char = cue_char
    return c


def test_content_wrapping_its_cue() -> None:
    # "“A,” Trump said. “B.”" as one content: the cue (char 6) lies inside it.
    feats = relational_features(_cand((0, 30), 6), [6])
    assert "wraps_cue=direct" in feats
    assert "inner_cues=0|direct" in feats


def test_content_holding_other_cues() -> None:
    feats = relational_features(_cand((10, 80), 2, "indirect"), [2, 20, 40, 60])
    assert "inner_cues=2|indirect" in feats
    assert not any(f.startswith("wraps_cue") for f in feats)


def test_crossed_pairs() -> None:
    """Pairs of the first value of each crossed feature, flags included; others left out."""
    feats = ["lemma=say", "cuedep=xcomp", "lemma=tell", "modal", "len_dep=3|ccomp"]
    pairs = crossed(feats)
    assert "p:cuedep=xcomp&lemma=say" in pairs
    assert "p:lemma=say&modal=1" in pairs
    assert "p:cuedep=xcomp&modal=1" in pairs
    assert len(pairs) == 3


def _features_of(nlp: Any, text: str, cue: str) -> list[str]:
    from newsgraph.pipeline.stages.claims.features import features
    from newsgraph.pipeline.stages.claims.lexicon import lexicon
    from newsgraph.pipeline.stages.claims.phrases import find_candidates
    from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, find_quotes

    doc = nlp(text)
    quotes = QuoteIndex(find_quotes(text))
    for c in find_candidates(doc, lexicon(), quotes):
        if doc[c.cue_lo].text == cue:
            return features(doc, c, quotes)
    raise AssertionError(f"no candidate with cue {cue!r}")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cue", "feature"),
    [
        ("Trump wants to say that the wall will be built.", "say", "cuehead=xcomp|want"),
        (
            "If Clinton says that the emails were personal, voters will doubt her.",
            "says",
            "irrealis=cond",
        ),
        ("Did Sanders say that he would win the primary?", "say", "question=indirect"),
        ("Cruz would argue that the deal is a disaster.", "argue", "modal_lemma=argue"),
    ],
)
def test_cue_context(nlp: Any, text: str, cue: str, feature: str) -> None:
    assert feature in _features_of(nlp, text, cue)


def test_shipped_model_targets_a_precision_margin() -> None:
    """The threshold is chosen by cross-validation on train/ for precision 83, not 80: held-out
    precision wobbles by a couple of points and must stay above 80."""
    from newsgraph.pipeline.stages.claims.scorer import model_data

    data = model_data()
    assert data is not None, "no trained claims model shipped"
    meta = data["meta"]
    assert meta["cv"]["precision"] >= 82.5
    assert "precision >= 83" in meta["threshold_from"]


def test_edge_features_name_the_words_around_the_content(nlp: Any) -> None:
    """The scorer sees what follows a content (", which…" after a cut relative clause, nothing
    after a sentence's end) and how far the speaker stands from the cue."""
    from newsgraph.pipeline.stages.claims.features import features
    from newsgraph.pipeline.stages.claims.lexicon import lexicon
    from newsgraph.pipeline.stages.claims.phrases import find_candidates
    from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, find_quotes

    text = "The council met. Mayor Anton Varga said the bridge would reopen, which pleased Ostland."
    doc = nlp(text)
    quotes = QuoteIndex(find_quotes(text))
    by_content = {
        text[c.content[0] : c.content[1]]: features(doc, c, quotes)
        for c in find_candidates(doc, lexicon(), quotes)
        if c.lemma == "say"
    }
    short = by_content.get("the bridge would reopen")
    assert short is not None, by_content.keys()
    assert "after=," in short and "last=VERB" in short
    assert "before=VERB" in short  # the cue itself
    assert "sdist=1|subj" in short

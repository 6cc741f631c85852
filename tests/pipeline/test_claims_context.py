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


def _token_reading(doc: Any, cue_lo: int, lo: int, hi: int) -> dict[str, Any]:
    """The cue children's tests as ``Token`` attributes give them (what ``features`` reads by
    index from ``token_attrs``)."""
    cue = doc[cue_lo]
    kids = list(cue.children)
    inside = [c for c in kids if lo <= c.i <= hi and c.right_edge.i <= hi + 1]
    return {
        "neg": any(c.dep_ == "neg" for c in kids),
        "modal": [c.lower_ for c in kids if c.dep_ == "aux" and c.tag_ == "MD"],
        "marks": [c.lower_ for c in kids if c.dep_ in ("mark", "aux") and c.tag_ in ("TO", "IN")],
        "passive": any(c.dep_ in ("nsubjpass", "auxpass") for c in kids),
        "tail": max(inside, key=lambda c: c.right_edge.i).dep_ if inside else None,
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Ostland's envoy would not say whether the pipeline had been damaged in the storm.",
        "The talks were described by Varga as a waste of time, officials in Lagonia said.",
        "If the council decides to announce that rents will fall, landlords may protest loudly.",
        "Marek did not deny that the ferry left early, but he might explain it to the board.",
    ],
)
def test_cue_children_features_match_the_token_reading(nlp: Any, text: str) -> None:
    """The cue's children are read once, by index: every feature they give is the one the
    children's ``Token`` attributes give."""
    from newsgraph.pipeline.stages.claims.features import features
    from newsgraph.pipeline.stages.claims.lexicon import lexicon
    from newsgraph.pipeline.stages.claims.phrases import find_candidates
    from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, find_quotes

    doc = nlp(text)
    quotes = QuoteIndex(find_quotes(text))
    verbs = [c for c in find_candidates(doc, lexicon(), quotes) if c.pattern == "verb"]
    assert verbs
    for cand in verbs:
        feats = features(doc, cand, quotes)
        span = doc.char_span(cand.content[0], cand.content[1], alignment_mode="expand")
        assert span is not None
        want = _token_reading(doc, cand.cue_lo, span.start, span.end - 1)
        assert ("neg" in feats) == want["neg"]
        assert [f[11:] for f in feats if f.startswith("modal_word=")] == want["modal"]
        assert [f[8:].split("|")[0] for f in feats if f.startswith("cuemark=")] == want["marks"]
        assert any(f.startswith("cue_passive=") for f in feats) == want["passive"]
        tails = [f[5:].split("|")[0] for f in feats if f.startswith("tail=")]
        assert tails == ([want["tail"]] if want["tail"] else [])
        assert f"cuedep={doc[cand.cue_lo].dep_}" in feats
        assert f"tag={doc[cand.cue_lo].tag_}" in feats


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The minister said that the border would reopen, officials in Lagonia added.",
        "She told reporters that the harbour fee was unfair.",
        "According to the ministry, exports fell sharply, the spokesman said.",
        "Ilse Varga said on Monday that the talks with Ostland would resume.",
    ],
)
def test_speaker_features_match_the_token_reading(nlp: Any, text: str) -> None:
    """The speaker word's features come from the token columns: the same strings the speaker
    ``Token``'s attributes give."""
    from newsgraph.pipeline.stages.claims.features import _PERSONAL, features
    from newsgraph.pipeline.stages.claims.lexicon import lexicon
    from newsgraph.pipeline.stages.claims.phrases import find_candidates
    from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, find_quotes

    doc = nlp(text)
    quotes = QuoteIndex(find_quotes(text))
    spoken = [c for c in find_candidates(doc, lexicon(), quotes) if c.speaker_head is not None]
    assert spoken
    for cand in spoken:
        feats = features(doc, cand, quotes)
        s = doc[cand.speaker_head]
        assert f"spos={s.pos_}" in feats
        assert f"sent={s.ent_type_ or 'O'}" in feats
        assert f"sent_kind={s.ent_type_ or s.pos_}|{cand.kind}" in feats
        assert (f"spron={s.lower_}" in feats) == (s.lower_ in _PERSONAL)
        snoun = [f for f in feats if f.startswith("snoun=")]
        assert snoun == ([f"snoun={s.lemma_.lower()}"] if s.pos_ == "NOUN" else [])

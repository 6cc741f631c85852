"""Where a reported content ends (issue 11, precision of extents): a content that closes on a
comma-set gloss — a non-restrictive relative clause, a participle, an apposition — gets a variant
without it, and the scorer reads how a content ends against its sentence (the word after the
comma, the gloss it closes on, the part of the cue's clause it ends with). Sentences are our own
(slow: loads the spaCy model once)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.slow

LEAD = "The council met on Monday. "


def _found(nlp: Any, text: str) -> list[tuple[str, str, str, list[str]]]:
    """(cue token, content, content dependency, features) of every candidate."""
    from newsgraph.pipeline.stages.claims.features import features
    from newsgraph.pipeline.stages.claims.lexicon import lexicon
    from newsgraph.pipeline.stages.claims.phrases import find_candidates
    from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, find_quotes

    doc = nlp(text)
    quotes = QuoteIndex(find_quotes(text))
    return [
        (
            doc[c.cue_lo].text,
            text[c.content[0] : c.content[1]],
            c.content_dep,
            features(doc, c, quotes),
        )
        for c in find_candidates(doc, lexicon(), quotes)
    ]


@pytest.mark.parametrize(
    ("sentence", "cue", "whole", "short"),
    [
        (
            "Senator Ilse Varga criticized the harbour tolls of Carpathia, which the Ostland "
            "government raised in March.",
            "criticized",
            "the harbour tolls of Carpathia, which the Ostland government raised in March",
            "the harbour tolls of Carpathia",
        ),
        (
            "Minister Karl Dorn said the bridge over the Lagon would reopen in May, implicitly "
            "blaming the builders for the delay.",
            "said",
            "the bridge over the Lagon would reopen in May, implicitly blaming the builders for "
            "the delay",
            "the bridge over the Lagon would reopen in May",
        ),
    ],
)
def test_a_content_closing_on_a_gloss_has_a_variant_without_it(
    nlp: Any, sentence: str, cue: str, whole: str, short: str
) -> None:
    found = _found(nlp, LEAD + sentence)
    contents = {t for c, t, _, _ in found if c == cue}
    assert whole in contents and short in contents, found
    glossed = next(f for c, t, _, f in found if (c, t) == (cue, whole))
    assert any(f.startswith("gloss=") for f in glossed), glossed
    cut = next(f for c, t, _, f in found if (c, t) == (cue, short))
    assert any(f.startswith("after2=,|") for f in cut), cut
    assert not any(f.startswith("gloss=") for f in cut), cut


def test_a_restrictive_relative_clause_is_no_gloss(nlp: Any) -> None:
    """Without the comma the relative clause is part of what was said: no variant cuts it."""
    text = LEAD + "Senator Ilse Varga criticized the tolls that the Ostland government raised."
    found = _found(nlp, text)
    contents = {t for c, t, _, _ in found if c == "criticized"}
    assert "the tolls that the Ostland government raised" in contents, found
    assert "the tolls" not in {t for c, t, d, _ in found if d.endswith("_trail")}, found
    whole = [f for c, t, _, f in found if t == "the tolls that the Ostland government raised"]
    assert not any(f.startswith("gloss=") for f in whole[0]), whole


def test_an_adjunct_of_the_cue_after_the_object_is_read_as_the_tail(nlp: Any) -> None:
    """ "rejected [the complaint] in a ruling": the content that runs over the cue's own adjunct
    ends with a prepositional phrase of the cue, not with its object."""
    text = LEAD + "Mayor Petra Lind rejected the complaint in a ruling on Tuesday."
    found = _found(nlp, text)
    tails = {
        t: [f for f in fs if f.startswith("tail=")] for c, t, _, fs in found if c == "rejected"
    }
    assert tails.get("the complaint") == ["tail=dobj|dobj"], tails
    assert tails.get("the complaint in a ruling on Tuesday") == ["tail=prep|dobj"], tails


def test_the_shipped_model_weighs_how_contents_close() -> None:
    """The scorer was retrained with the closing features and the gloss-free variants: without
    weights for them the variants would be scored by their other features alone."""
    from newsgraph.pipeline.stages.claims.scorer import model_data

    data = model_data()
    assert data is not None
    names = data["weights"]
    for prefix in ("after2=,|which|", "gloss=relcl|", "tail=prep|", "dep=verb|dobj_trail"):
        assert any(k.startswith(prefix) for k in names), prefix

"""Long articles cost linear time: no stage scans the whole document once per mention, sentence,
event or timex (spaCy's ``doc.text`` and ``Span.ents`` are such scans when called in a loop).

The check counts function calls (deterministic, unlike time) while the stages read an article of
``k`` and of ``4 * k`` copies of the same paragraphs: linear stages make about four times the calls.
"""

from __future__ import annotations

import cProfile
import pstats
from typing import Any

import pytest

from tests.conftest import make_doc

PARAGRAPH = (
    "Marta Ilves, 54, the finance minister of Carpathia, said on Tuesday that the government "
    'would pay $40 million to Ostland by March. "We will not default," Ilves told reporters in '
    "Lagonia. Prosecutors accused Dorian Vasko, 61, of taking bribes from the Freedonia Mining "
    "Company in 2019. Vasko denied the charges, his lawyer said.\n\n"
    "The Carpathian army attacked rebel positions near Tarsk on Monday, killing 12 fighters. "
    "Ostland's foreign ministry condemned the strikes and said prices rose 3 percent.\n\n"
)


def _stage_calls(pipeline: Any, copies: int) -> int:
    text = PARAGRAPH * copies
    sdoc = pipeline.nlp(text)
    profile = cProfile.Profile()
    profile.enable()
    pipeline._run_stages(make_doc(text), sdoc)
    profile.disable()
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


@pytest.mark.slow
def test_stage_cost_grows_linearly_with_length(pipeline: Any) -> None:
    _stage_calls(pipeline, 1)  # lazily loaded models and word lists
    small, large = _stage_calls(pipeline, 6), _stage_calls(pipeline, 24)
    assert large < 4.6 * small, (small, large)


def test_indexes_match_the_spacy_scans_they_replace(pipeline: Any) -> None:
    from newsgraph.pipeline.context import StageContext
    from newsgraph.pipeline.stages.events.confidence import Featurizer

    text = PARAGRAPH * 2
    result = pipeline.extract(make_doc(text))
    sdoc = pipeline.nlp(text)
    ctx = StageContext(document=result.doc, doc=sdoc, result=result)
    for tok in sdoc:
        expected = next((e for e in sdoc.ents if e.start <= tok.i < e.end), None)
        assert ctx.named_entity_at(tok.i) == expected
    assert result.timexes
    for start, end in result.sentences:
        expected_t = [t for t in result.timexes if start <= t.start < end]
        assert ctx.timexes_within(start, end) == expected_t
    feats = Featurizer(sdoc, result, result.events)
    for sent in sdoc.sents:
        assert feats._labels(sent) == [e.label_ for e in sent.ents]


def test_a_long_article_is_read(pipeline: Any) -> None:
    text = PARAGRAPH * 45
    result = pipeline.extract(make_doc(text))
    assert len(text) > 20_000
    assert all(0 <= m.start < m.end <= len(text) for m in result.mentions)
    assert result.claims and result.events

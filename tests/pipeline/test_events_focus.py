"""Sentence focus and complement targets of the events stage, on hand-parsed sentences."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.pipeline.stages.events.focus import primary
from newsgraph.pipeline.stages.events.lexicon import lexicon
from newsgraph.pipeline.stages.events.targets import complement_target
from newsgraph.pipeline.stages.events.triggers import find_candidates


@pytest.mark.slow
def test_primary_keeps_only_undominated_triggers(nlp: Any) -> None:
    sdoc = nlp("Iran threatened to shell the border towns after rebels attacked a convoy.")
    sent = next(iter(sdoc.sents))
    cands = find_candidates(sent, lexicon())
    kept = primary(cands)
    assert any(c.head.lower_ == "attacked" for c in cands)  # found, then dropped
    assert [c.head.lower_ for c in kept] == ["threatened"]


@pytest.mark.slow
def test_complement_target_skips_the_source_and_finds_the_recipient(nlp: Any) -> None:
    sdoc = nlp("Japan agreed to provide loans to Vietnam.")
    anchor = next(t for t in sdoc if t.lower_ == "agreed")
    source = next(t for t in sdoc if t.text == "Japan")
    tok = complement_target(anchor, {source.i})
    assert tok is not None and tok.text == "Vietnam"
    assert complement_target(anchor, {source.i, tok.i}) is None

"""Shared helpers of the actors tests: reading a text through the stages actors needs."""

from __future__ import annotations

from typing import Any

from tests.conftest import make_doc

STAGES = ["sentences.v1", "mentions.spacy.v1", "actors.rules.v1"]


def reader(nlp: Any) -> Any:
    """``text -> DocResult`` through the actors stages (the model is the session's one)."""
    from newsgraph.pipeline import Pipeline

    pipe = Pipeline(stages=STAGES)
    assert pipe.nlp is nlp
    return lambda text, **kw: pipe.extract(make_doc(text, **kw))


def entity_of(result: Any, text: str, nth: int = 0) -> Any:
    """The entity of the ``nth`` mention whose text is exactly ``text``."""
    hits = [m for m in result.mentions if m.text == text]
    assert len(hits) > nth, f"no mention {text!r}: {[m.text for m in result.mentions]}"
    return next(e for e in result.entities if e.id == hits[nth].entity)


def named(result: Any, name: str) -> Any:
    """The entity called ``name``."""
    hits = [e for e in result.entities if e.name == name]
    assert hits, f"no entity {name!r}: {[(e.name, e.type) for e in result.entities]}"
    return hits[0]

"""A claim's speaker entity is the entity its speaker phrase *is*, never one it merely contains:
"His critics said…" is not the man "His" refers to, "Supporters of Salcedo say…" is not Salcedo
(slow: runs the default pipeline)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import make_doc

pytestmark = pytest.mark.slow

TEXT = (
    "Rodrigo Aldana Ferrer, the former security minister, was convicted in March. "
    "His critics said the numbers had hidden a darker story for years. "
    "Supporters of Marta Salcedo say the minister was made a scapegoat by prosecutors. "
    "His lawyer, Daniel Okafor-Reyes, said the verdict would be appealed. "
    "Aldana said he had never taken a single peso from criminals."
)


@pytest.fixture(scope="module")
def result(pipeline: Any) -> Any:
    return pipeline.extract(make_doc(TEXT, "2024-03-20"))


def _speaker_name(result: Any, cue_sentence: str) -> str | None:
    lo = TEXT.index(cue_sentence)
    hi = lo + len(cue_sentence)
    claims = [c for c in result.claims if lo <= c.cue_start < hi]
    assert claims, f"no claim in {cue_sentence!r}: {result.claims}"
    ent = next((e for e in result.entities if e.id == claims[0].speaker), None)
    return None if ent is None else str(ent.name)


def test_possessor_is_not_the_speaker(result: Any) -> None:
    name = _speaker_name(result, "His critics said")
    assert name is None or "Aldana" not in name


def test_prepositional_complement_is_not_the_speaker(result: Any) -> None:
    name = _speaker_name(result, "Supporters of Marta Salcedo say")
    assert name is None or "Salcedo" not in name


def test_apposition_and_names_still_resolve(result: Any) -> None:
    assert "Okafor-Reyes" in (_speaker_name(result, "His lawyer, Daniel Okafor-Reyes, said") or "")
    assert "Aldana" in (_speaker_name(result, "Aldana said he had never") or "")

"""Every role and attribute of an actor carries the character span that supports it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.pipeline.actors_helpers import named, reader

pytestmark = pytest.mark.slow

TEXT = (
    "Mrs Anna Weber, the company's chief executive, said in Berlin on Monday that profits rose. "
    "The executive said the German market was weak. "
    "Karl Brun, 56, said he would stay. John Smith met Mary Smith. Smith said nothing."
)


@pytest.fixture(scope="module")
def result(nlp: Any) -> Any:
    return reader(nlp)(TEXT)


def test_every_attribute_has_an_evidence_span_inside_the_text(result: Any) -> None:
    seen = set()
    for e in result.entities:
        for key, value in e.attributes.items():
            if key.endswith(("_as_of", "_evidence")):
                continue
            seen.add(key)
            ev = e.attributes.get(f"{key}_evidence")
            assert isinstance(ev, list) and len(ev) == 2, (e.name, key, value, ev)
            assert 0 <= ev[0] < ev[1] <= len(TEXT), (e.name, key, ev)
        for r in e.roles:
            assert r.evidence_start is not None and r.evidence_end is not None
            assert r.title.split()[-1] in TEXT[r.evidence_start : r.evidence_end]
    assert {"gender", "descriptions", "age", "country", "ambiguous_name"} <= seen


def test_gender_evidence_is_the_honorific_or_pronoun(result: Any) -> None:
    weber = named(result, "Anna Weber")
    a, b = weber.attributes["gender_evidence"]
    assert TEXT[a:b].startswith("Mrs")
    brun = named(result, "Karl Brun")
    a, b = brun.attributes["gender_evidence"]
    assert TEXT[a:b] == "he"


def test_description_and_place_evidence(result: Any) -> None:
    weber = named(result, "Anna Weber")
    a, b = weber.attributes["descriptions_evidence"]
    assert TEXT[a:b] in weber.attributes["descriptions"]
    berlin = named(result, "Berlin")
    a, b = berlin.attributes["country_evidence"]
    assert TEXT[a:b] == "Berlin"

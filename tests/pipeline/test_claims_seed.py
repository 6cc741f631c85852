"""The seed article's claims (issue 5, "Done when"), read by ingest and the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.model.records import Claim, DocResult

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> DocResult:
    from newsgraph.config import load_config
    from newsgraph.ingest import read_inputs
    from newsgraph.model.records import Document
    from newsgraph.pipeline import Pipeline

    names = list(load_config().pipeline.stages)
    pipeline = Pipeline(stages=names[: names.index("claims.rules.v1") + 1])
    docs = [d for d in read_inputs([str(seed_path)]) if isinstance(d, Document)]
    assert len(docs) == 1
    return pipeline.extract(docs[0])


def entity(result: DocResult, word: str) -> str:
    ids = [e.id for e in result.entities if word in e.name or any(word in a for a in e.aliases)]
    assert ids, f"no entity named like {word!r}: {[e.name for e in result.entities]}"
    return ids[0]


def with_content(result: DocResult, words: str) -> Claim:
    text = result.doc.text
    found = [c for c in result.claims if words in text[c.content_start : c.content_end]]
    assert found, f"no claim whose content holds {words!r}: " + "; ".join(
        f"{c.cue}: {text[c.content_start : c.content_end][:60]}" for c in result.claims
    )
    return min(found, key=lambda c: c.content_end - c.content_start)


def test_the_letter_speaks_for_garcia_luna_released_by_de_castro(seed: DocResult) -> None:
    c = with_content(seed, "offered him a plea deal in 2019")
    assert c.speaker == entity(seed, "Luna")
    assert c.channel == "letter"
    assert c.intermediary == entity(seed, "Castro")
    assert c.status == "alleged"


def test_alleged_ties_are_alleged_against_lopez_obrador(seed: DocResult) -> None:
    amlo = entity(seed, "Obrador")
    ties = with_content(seed, "alleged ties between the President")
    assert ties.status == "alleged"
    assert ties.speaker == entity(seed, "Luna")
    government = with_content(seed, "headed by López Obrador, has ties")
    assert government.status == "alleged"
    assert amlo in government.targets
    assert government.speaker == entity(seed, "Luna")


def test_describes_as_false_is_denied(seed: DocResult) -> None:
    c = with_content(seed, "all the information used by")
    assert c.status == "denied"
    assert c.speaker == entity(seed, "Luna")


def test_he_said_resolves_to_garcia_luna(seed: DocResult) -> None:
    c = with_content(seed, "he had witnessed murders")
    assert seed.doc.text[c.cue_start : c.cue_end] == "said"
    assert c.speaker == entity(seed, "Luna")


def test_the_conviction_is_not_a_claim(seed: DocResult) -> None:
    text = seed.doc.text
    at = text.index("was found guilty in February 2023")
    for c in seed.claims:
        assert not (c.content_start <= at < c.content_end), f"conviction inside {c}"
        assert not (c.cue_start <= at < c.cue_end)


def test_claims_are_dated_and_well_formed(seed: DocResult) -> None:
    text = seed.doc.text
    assert seed.claims
    for c in seed.claims:
        assert c.date is not None
        assert 0 <= c.content_start < c.content_end <= len(text)
        assert text[c.cue_start : c.cue_end] == c.cue
        assert c.kind in ("direct", "indirect", "mixed")
        assert c.parent is None or any(p.id == c.parent for p in seed.claims)

"""Claims over a real parse: one hand-built sentence per construction, status, nesting, and
reporter's statements that are not claims (slow: loads the spaCy model once per session)."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.model.records import Claim
from tests.conftest import make_doc

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def claims_pipeline() -> Any:
    """The default pipeline up to and including the claims stage."""
    from newsgraph.config import load_config
    from newsgraph.pipeline import Pipeline

    names = list(load_config().pipeline.stages)
    return Pipeline(stages=names[: names.index("claims.rules.v1") + 1])


def claims_of(pipeline: Any, text: str) -> tuple[str, list[Claim]]:
    result = pipeline.extract(make_doc(text))
    return text, result.claims


def one(text: str, claims: list[Claim], cue: str) -> Claim:
    found = [c for c in claims if text[c.cue_start : c.cue_end] == cue]
    assert found, f"no claim with cue {cue!r}: {[(c.cue, c.content_start) for c in claims]}"
    return found[0]


def content(text: str, c: Claim) -> str:
    return text[c.content_start : c.content_end]


def speaker(text: str, c: Claim) -> str:
    assert c.speaker_start is not None and c.speaker_end is not None
    return text[c.speaker_start : c.speaker_end]


def test_indirect_speech(claims_pipeline: Any) -> None:
    text, claims = claims_of(claims_pipeline, "Senator Smith said that the budget was a disaster.")
    c = one(text, claims, "said")
    assert "Smith" in speaker(text, c)
    assert content(text, c) == "that the budget was a disaster"
    assert c.kind == "indirect"
    assert c.status == "asserted"


def test_direct_quote_before_the_cue(claims_pipeline: Any) -> None:
    text, claims = claims_of(
        claims_pipeline, "“We will win this election easily,” Trump said on Monday."
    )
    c = one(text, claims, "said")
    assert speaker(text, c) == "Trump"
    assert content(text, c) == "“We will win this election easily,”"
    assert c.kind == "direct"


def test_quote_continuing_over_sentences_and_paragraphs(claims_pipeline: Any) -> None:
    text = (
        "Graham said, “We are losing the Hispanic vote. They think we do not like them.”\n\n"
        "“That is the problem with this party.”\n\nThe debate is on Thursday."
    )
    _, claims = claims_of(claims_pipeline, text)
    c = one(text, claims, "said")
    assert content(text, c).startswith("“We are losing")
    assert content(text, c).endswith("“That is the problem with this party.”")
    assert c.kind in ("direct", "mixed")


def test_according_to(claims_pipeline: Any) -> None:
    text, claims = claims_of(
        claims_pipeline, "According to the police report, the suspect fled on foot after midnight."
    )
    c = one(text, claims, "According to")
    assert speaker(text, c) == "the police report"
    assert content(text, c) == "the suspect fled on foot after midnight"


def test_subjectless_continuation_takes_the_head_clause_subject(claims_pipeline: Any) -> None:
    text, claims = claims_of(
        claims_pipeline,
        "The mayor defended the new budget on Tuesday, adding that it would save the city money.",
    )
    c = one(text, claims, "adding")
    assert speaker(text, c) == "The mayor"
    assert content(text, c) == "that it would save the city money"
    assert c.status == "hedged"  # "would" hedges what the mayor added


@pytest.mark.parametrize(
    ("text", "cue", "status"),
    [
        (
            "The senator alleges that the governor took bribes from contractors.",
            "alleges",
            "alleged",
        ),
        ("Jones denied that he had taken any money from the campaign.", "denied", "denied"),
        (
            "The court found that the company had violated federal labor law.",
            "found",
            "established",
        ),
        (
            "The minister said that the new tax may have hurt small businesses.",
            "said",
            "hedged",
        ),
        (
            "Rivera said the report contained alleged payments to the mayor's brother.",
            "said",
            "alleged",
        ),
    ],
)
def test_status(claims_pipeline: Any, text: str, cue: str, status: str) -> None:
    _, claims = claims_of(claims_pipeline, text)
    assert one(text, claims, cue).status == status


def test_describes_as_false_is_a_denial(claims_pipeline: Any) -> None:
    text, claims = claims_of(
        claims_pipeline,
        # In the body (a one-sentence document is read as a headline, which has no channel).
        "The governor spoke to reporters on Tuesday. "
        "In an interview, the governor described the accusations against him as false.",
    )
    c = one(text, claims, "described")
    assert c.status == "denied"
    assert c.channel == "interview"
    assert "the accusations against him" in content(text, c)


def test_nested_attribution_keeps_its_parent(claims_pipeline: Any) -> None:
    text, claims = claims_of(
        claims_pipeline,
        "García Luna said that the prosecutors told him that he would be released within months.",
    )
    outer = one(text, claims, "said")
    inner = one(text, claims, "told")
    assert outer.parent is None
    assert inner.parent == outer.id
    assert content(text, inner) == "that he would be released within months"


def test_nominal_cue(claims_pipeline: Any) -> None:
    text, claims = claims_of(
        claims_pipeline, "Critics rejected Smith's claim that the election had been rigged."
    )
    c = one(text, claims, "claim")
    assert speaker(text, c).startswith("Smith")
    assert content(text, c) == "that the election had been rigged"
    assert c.status == "alleged"


@pytest.mark.parametrize(
    "text",
    [
        "García Luna was found guilty in February 2023 on five charges related to cocaine.",
        "The company opened a new factory in Ohio last year and hired 300 workers.",
        "With sentencing scheduled for October 9, García Luna could face a life sentence.",
    ],
)
def test_reporters_own_statements_are_not_claims(claims_pipeline: Any, text: str) -> None:
    _, claims = claims_of(claims_pipeline, text)
    assert claims == []


@pytest.mark.parametrize(
    ("text", "cue", "dep", "expected"),
    [
        ("I discussed my sentence on the Fox News Channel.", "discussed", "dobj_np", "my sentence"),
        (
            "Critics will brand the senator a liar.",
            "brand",
            "dobj_clause",
            "the senator a liar",
        ),
    ],
)
def test_object_content_variants(
    claims_pipeline: Any, text: str, cue: str, dep: str, expected: str
) -> None:
    """An object content comes in more than one extent; the scorer picks among them."""
    from newsgraph.pipeline.stages.claims.lexicon import lexicon
    from newsgraph.pipeline.stages.claims.phrases import find_candidates
    from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, find_quotes

    doc = claims_pipeline.nlp(text)
    cands = find_candidates(doc, lexicon(), QuoteIndex(find_quotes(text)))
    got = {(doc[c.cue_lo].text, c.content_dep): text[c.content[0] : c.content[1]] for c in cands}
    assert got.get((cue, dep)) == expected, got


def test_a_quote_signed_by_a_dash_and_a_name_is_that_persons(claims_pipeline: Any) -> None:
    # Readers' comments: "“…” ― Name" lines. The parser takes the dash for a verb whose clause is
    # the next line's quote; the signature belongs to the quote before it.
    text, claims = claims_of(
        claims_pipeline,
        "Readers in Ostland told us what they thought of the debate.\n\n"
        "“The governor embodies everything wrong with our politics. He has divided the"
        " country.” ― Mara Velkov\n\n"
        "“He is the least qualified candidate in our history.” ― Ilse Marek\n",
    )
    said = {text[c.content_start : c.content_end]: text[c.speaker_start : c.speaker_end]
            for c in claims}  # fmt: skip
    assert said["“He is the least qualified candidate in our history.”"] == "Ilse Marek"
    first = next(k for k in said if k.startswith("“The governor"))
    assert said[first] == "Mara Velkov"


def test_a_trailing_participle_is_the_speakers_act_not_content(claims_pipeline: Any) -> None:
    # ", contradicting …" hangs on the reported clause in the parse but is what the mayor did.
    text, claims = claims_of(
        claims_pipeline,
        "Officials in Lagonia met on Monday.\n\n"  # a first line would be read as a headline
        "The mayor of Lagonia said the bridge would reopen in March, contradicting an earlier"
        " statement by the council.",
    )
    contents = [text[c.content_start : c.content_end] for c in claims]
    assert "the bridge would reopen in March" in contents
    assert not any("contradicting" in c for c in contents)

"""Speed-ups that reuse work already done and must give what the work gives done again: the
interval index's one-bucket query, name keys kept per word, and a cue verb's speaker read once
for all its content variants. Each is checked against the plain computation it replaced."""

from __future__ import annotations

import random
from typing import Any

import pytest

from newsgraph.pipeline.intervals import IntervalIndex
from newsgraph.pipeline.stages.actors import names
from newsgraph.pipeline.stages.claims import candidates as cands_mod
from newsgraph.pipeline.stages.claims.candidates import Candidate, _passive, verb_candidates
from newsgraph.pipeline.stages.claims.lexicon import lexicon
from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, find_quotes
from newsgraph.pipeline.stages.claims.speakers import set_speaker, subject_of


def _plain_near(spans: list[tuple[int, int]], width: int, qs: int, qe: int) -> list[int]:
    """What ``near`` answered before its one-bucket path: the union of the query's buckets,
    sorted."""

    def buckets(s: int, e: int) -> range:
        return range(s // width, max(s, e - 1) // width + 1)

    mine = set(buckets(qs, qe))
    return [k for k, (s, e) in enumerate(spans) if mine.intersection(buckets(s, e))]


@pytest.mark.parametrize("width", [1, 16, 64])
def test_near_gives_the_buckets_union_in_insertion_order(width: int) -> None:
    rng = random.Random(width)
    spans = []
    for _ in range(300):
        start = rng.randrange(0, 3000)
        spans.append((start, start + rng.choice([0, 1, 5, 15, 64, 200])))
    index = IntervalIndex(((s, e, k) for k, (s, e) in enumerate(spans)), width=width)
    for _ in range(300):
        qs = rng.randrange(0, 3100)
        qe = qs + rng.choice([0, 1, 2, 10, 63, 64, 65, 300])
        assert index.near(qs, qe) == _plain_near(spans, width, qs, qe)


def _plain_name_key(words: list[str]) -> tuple[str, ...]:
    """``name_key`` as it was: every word folded and stripped on each call."""
    out = []
    for w in words:
        w = names._PUNCT_EDGE.sub("", names.strip_possessive(names.fold(w))).rstrip(".")
        if w:
            out.append(w)
    return tuple(out)


@pytest.mark.parametrize(
    "words",
    [
        ["Genaro", "García", "Luna's"],
        ["J.", "F.", "Kennedy"],
        ["“Okafor-Reyes”", "—", "Daniel"],
        ["O'Neill’s", "’", "Hale-Bopp."],
        [],
    ],
)
def test_name_key_per_word_is_the_plain_key(words: list[str]) -> None:
    assert names.name_key(words) == _plain_name_key(words)
    before = names._key_part.cache_info().hits
    assert names.name_key(words) == _plain_name_key(words)  # again: from the per-word cache
    assert names._key_part.cache_info().hits == before + len(words)


# Sentences we wrote whose cue verbs get several content variants (an object with "as …", a
# clause, a quote beside the cue, a phrasal cue, a passive with an agent).
VERB_TEXTS = [
    "The minister described the harbour report as deeply flawed, officials said on Monday.",
    "Senator Ana Pell pointed out that the bridge, which the storm closed, would reopen soon.",
    "The council warned residents that the dam could fail, telling them “leave tonight.”",
    "The plan was criticized by the union as unfair to the night-shift workers of the port.",
]


@pytest.mark.parametrize("text", VERB_TEXTS)
def test_a_cue_verb_is_read_once_for_all_its_variants(
    text: str, nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = nlp(text)
    quotes = QuoteIndex(find_quotes(doc.text))
    calls: list[int] = []

    def counted(verb: Any) -> Any:
        calls.append(verb.i)
        return subject_of(verb)

    monkeypatch.setattr(cands_mod, "subject_of", counted)
    found = verb_candidates(doc, list(doc), lexicon(), quotes)
    assert found
    assert len(calls) == len(set(calls))  # once per verb, however many variants it has
    for cand in found:
        v = doc[cand.cue_lo]
        plain = Candidate("verb", v.i, cand.cue_hi, cand.lemma, cand.content, "", "")
        subj, how = subject_of(v)
        if subj is not None and not (how in ("subj", "it") and _passive(v)):
            set_speaker(plain, subj, how)
        if cand.speaker_how != "doc" and not cand.speaker_how.startswith("frame"):
            got = (cand.speaker_lo, cand.speaker_hi, cand.speaker_head, cand.speaker_how)
            want = (plain.speaker_lo, plain.speaker_hi, plain.speaker_head, plain.speaker_how)
            assert got == want


def test_the_sentences_give_a_verb_several_variants(nlp: Any) -> None:
    """The test above reads something only where a verb has more than one candidate."""
    most = 0
    for text in VERB_TEXTS:
        doc = nlp(text)
        found = verb_candidates(doc, list(doc), lexicon(), QuoteIndex(find_quotes(doc.text)))
        per_verb: dict[int, int] = {}
        for cand in found:
            per_verb[cand.cue_lo] = per_verb.get(cand.cue_lo, 0) + 1
        most = max(most, *per_verb.values())
    assert most >= 2


def test_inside_is_membership_in_the_span(nlp: Any) -> None:
    """``tense._inside`` answers ``tok in span`` (a scan of the span's tokens) by index."""
    from newsgraph.pipeline.stages.times.tense import _inside

    doc = nlp("The talks, postponed until next Tuesday, had been due to end on March 3.")
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 5) + 1):
            span = doc[start:end]
            for tok in doc:
                assert _inside(tok, span) == (tok in span)

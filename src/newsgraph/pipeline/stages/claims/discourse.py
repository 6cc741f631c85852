"""Anaphoric speakers in the discourse: "he said", "the official said".

The actors stage links a pronoun to an antecedent by sentence structure, which in news often picks
the article's first-named person. A pronoun that speaks, though, usually continues the last quoted
speaker: "“There is no real need to boost private consumption,” he said" after an analyst was
quoted is the analyst's, not the minister's named two sentences earlier. So, for each claim whose
speaker is a pronoun (``claims_speakers.toml``), in text order:

1. an antecedent the actors stage found earlier in the pronoun's own sentence, outside any claim's
   content, is kept ("Kern said he expected…");
2. else the nearest earlier top-level claim, within a few sentences, whose speaker agrees in gender
   and number is the speaker: its entity, or, when that speaker has no entity ("an analyst
   said"), none;
3. else the actors stage's antecedent, when there is one.

When the actors stage's antecedent and the last quoted speaker differ and the antecedent was
mentioned (outside any claim content) after that quote, the speaker cannot be decided. A claim
left without a speaker entity this way, or whose speaker is a pronoun or a definite description
("the official") no one was found for, keeps its speaker span, has ``speaker`` None and is
flagged ``speaker-unresolved`` (a document flag on the speaker span): better no speaker than a
guessed one.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsgraph.model.data import load_toml, load_tsv
from newsgraph.model.records import Claim, Entity, Flag
from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.intervals import IntervalIndex
from newsgraph.pipeline.stages.claims.candidates import Candidate

FLAG_KIND = "speaker-unresolved"


@dataclass(frozen=True)
class Pronoun:
    gender: str  # m | f | n | p
    types: frozenset[str]


@dataclass(frozen=True)
class SpeakerWords:
    pronouns: dict[str, Pronoun]
    determiners: frozenset[str]
    window: int
    person_nouns: dict[str, str]  # role noun -> gender ("" when the noun does not say)
    honorifics: dict[str, str]  # "mr" -> "m"
    unresolved_penalty: float  # confidence factor of a claim whose speaker is flagged
    organisation_nouns: frozenset[str]  # "company", "firm": restate any quoted organisation


@lru_cache(maxsize=1)
def speaker_words() -> SpeakerWords:
    data = load_toml("claims_speakers.toml")
    return SpeakerWords(
        pronouns={
            w: Pronoun(p["gender"], frozenset(p["types"])) for w, p in data["pronouns"].items()
        },
        determiners=frozenset(data["descriptions"]["determiners"]),
        window=int(data["discourse"]["window_sentences"]),
        unresolved_penalty=float(data["discourse"]["unresolved_penalty"]),
        organisation_nouns=frozenset(data["descriptions"]["organisation_nouns"]),
        person_nouns={r["noun"]: r["gender"] for r in load_tsv("actors_role_nouns.tsv")},
        honorifics={
            r["word"]: r["gender"] for r in load_tsv("actors_honorifics.tsv") if r["gender"]
        },
    )


@dataclass
class _Said:
    """A claim with what the discourse needs of it."""

    claim: Claim
    cand: Candidate
    sent: int  # sentence index of the cue


def _span_tokens(doc: Doc, cand: Candidate) -> list[Token]:
    assert cand.speaker_lo is not None and cand.speaker_hi is not None
    return [t for t in doc[cand.speaker_lo : cand.speaker_hi + 1] if not t.is_punct]


def pronoun_of(doc: Doc, cand: Candidate, words: SpeakerWords) -> Pronoun | None:
    """The pronoun the speaker span is, if it is one word of ``claims_speakers.toml``."""
    if cand.speaker_lo is None or cand.speaker_how == "relcl":
        return None
    toks = _span_tokens(doc, cand)
    if len(toks) == 1:
        return words.pronouns.get(toks[0].lower_)
    return None


def is_description(doc: Doc, cand: Candidate, words: SpeakerWords) -> bool:
    """ "the official", "the spokesman": a definite singular common noun phrase with no name in
    it (plural "the analysts" restate a group, which no entity is)."""
    if cand.speaker_lo is None or cand.speaker_head is None:
        return False
    toks = _span_tokens(doc, cand)
    head = doc[cand.speaker_head]
    return (
        bool(toks)
        and toks[0].lower_ in words.determiners
        and head.pos_ == "NOUN"
        and head.tag_ == "NN"
        and not any(t.pos_ == "PROPN" or t.ent_type_ for t in toks)
    )


def _span_gender(doc: Doc, cand: Candidate, words: SpeakerWords) -> str | None:
    if cand.speaker_lo is None:
        return None
    for t in _span_tokens(doc, cand):
        g = words.honorifics.get(t.lower_.rstrip("."))
        if g:
            return g
    return None


def _agrees(
    said: _Said, pro: Pronoun, entities: dict[str, Entity], doc: Doc, words: SpeakerWords
) -> bool:
    """The speaker of an earlier claim can be what ``pro`` stands for."""
    ent = entities.get(said.claim.speaker or "")
    if ent is not None:
        if ent.type not in pro.types:
            return False
        if pro.gender == "p":
            return ent.type != "PERSON"
        # What the speaker's own words say ("Mr. Paul Lind said") before what the entity has
        # gathered from the article's pronouns.
        gender = _span_gender(doc, said.cand, words) or ent.attributes.get("gender")
        return ent.type != "PERSON" or gender is None or gender == pro.gender
    cand = said.cand
    if cand.speaker_head is None:
        return False
    head = doc[cand.speaker_head]
    if head.pos_ == "PRON":  # an unresolved pronoun: the same one continues it
        return words.pronouns.get(head.lower_) == pro
    if head.pos_ != "NOUN":
        return False
    plural = head.tag_ == "NNS"
    if pro.gender == "p":
        return plural
    if plural:
        return False
    gender = words.person_nouns.get(head.lemma_.lower())
    if pro.gender == "n":
        return gender is None
    return gender is not None and gender in ("", pro.gender)


def _salient_mentions(
    ctx: StageContext, entity: str, lo: int, hi: int, inside: IntervalIndex[Claim]
) -> bool:
    """``entity`` is mentioned between token ``lo`` and ``hi`` outside every claim's content
    (``inside``: the claims by content span)."""
    doc = ctx.doc
    for i in range(lo, hi):
        if ctx.token_entity.get(i) != entity:
            continue
        char = doc[i].idx
        if not any(c.content_start <= char < c.content_end for c in inside.near(char, char + 1)):
            return True
    return False


def by_surname(ctx: StageContext, cand: Candidate, speaker: str | None) -> str | None:
    """The one person of the article whose name ends with the speaker's name ("Simmonds said"
    after "David Simmonds said"), when the actors stage left the short name unlinked or took it
    for a place ("Bootle of Lloyds said"); else ``speaker``."""
    if cand.speaker_head is None:
        return speaker
    head = ctx.doc[cand.speaker_head]
    if not head.text[:1].isupper():  # a name, however tagged ("Simmonds" as NNS)
        return speaker
    types = {e.id: e.type for e in ctx.result.entities}
    if speaker is not None and types.get(speaker) not in ("GPE", "LOC"):
        return speaker
    found = {
        e.id
        for e in ctx.result.entities
        if e.type == "PERSON" and e.name != head.text and e.name.endswith(" " + head.text)
    }
    return found.pop() if len(found) == 1 else speaker


def resolve_speakers(ctx: StageContext, pairs: list[tuple[Claim, Candidate]]) -> list[Flag]:
    """Re-decide the speakers of pronoun claims from the discourse, and flag the undecided ones
    (see the module docstring). ``pairs`` are the claims with their candidates, parents linked."""
    doc = ctx.doc
    words = speaker_words()
    entities = {e.id: e for e in ctx.result.entities}
    starts = [s.start for s in doc.sents]
    claims = IntervalIndex((c.content_start, c.content_end, c) for c, _ in pairs)
    said: list[_Said] = []
    flags: list[Flag] = []
    for claim, cand in sorted(pairs, key=lambda p: p[0].cue_start):
        sent = bisect.bisect_right(starts, cand.cue_lo) - 1
        here = _Said(claim, cand, sent)
        pro = pronoun_of(doc, cand, words)
        if pro is not None:
            _resolve_pronoun(ctx, here, pro, said, claims, entities, words)
        elif claim.speaker is None and is_description(doc, cand, words):
            claim.speaker = _restated_organisation(
                doc[cand.speaker_head or 0], here, said, entities, words
            )
        # A pronoun, or a description the actors stage found no one for ("the official"),
        # left without a speaker entity.
        anaphoric = pro is not None or is_description(doc, cand, words)
        if anaphoric and claim.speaker is None:
            assert claim.speaker_start is not None and claim.speaker_end is not None
            text = ctx.document.text[claim.speaker_start : claim.speaker_end]
            flags.append(
                Flag(
                    kind=FLAG_KIND,
                    start=claim.speaker_start,
                    end=claim.speaker_end,
                    message=f'claim {claim.id}: who "{text}" is could not be decided',
                )
            )
        if claim.parent is None:
            said.append(here)
    return flags


def _restated_organisation(
    head: Token, here: _Said, said: list[_Said], entities: dict[str, Entity], words: SpeakerWords
) -> str | None:
    """ "The company said", "the department said": the nearest quoted organisation within the
    window whose name holds the noun ("the bank" → "Lloyds Bank"), or, for a generic
    organisation noun (``claims_speakers.toml``), the nearest quoted organisation."""
    noun = head.lemma_.lower()
    if noun in words.person_nouns:
        return None  # "the spokesman": people are the actors stage's descriptions
    for s in reversed(said):
        if here.sent - s.sent > words.window:
            break
        ent = entities.get(s.claim.speaker or "")
        if ent is None or ent.type != "ORG":
            continue
        if noun in ent.name.lower().split() or noun in words.organisation_nouns:
            return ent.id
    return None


def _resolve_pronoun(
    ctx: StageContext,
    here: _Said,
    pro: Pronoun,
    said: list[_Said],
    claims: IntervalIndex[Claim],
    entities: dict[str, Entity],
    words: SpeakerWords,
) -> None:
    doc = ctx.doc
    claim, cand = here.claim, here.cand
    assert cand.speaker_lo is not None
    coref = claim.speaker
    sent_start = doc[cand.speaker_lo].sent.start
    # 1. An antecedent in the pronoun's own sentence, outside any claim's content.
    if coref is not None and _salient_mentions(ctx, coref, sent_start, cand.speaker_lo, claims):
        return
    # 2. The last quoted speaker who agrees.
    last = next(
        (
            s
            for s in reversed(said)
            if here.sent - s.sent <= words.window and _agrees(s, pro, entities, doc, words)
        ),
        None,
    )
    if last is None:
        # 3. the actors stage's antecedent, unless the article named it with another gender.
        if coref is not None and any(
            s.claim.speaker == coref and _span_gender(doc, s.cand, words) not in (None, pro.gender)
            for s in said
        ):
            claim.speaker = None
        return
    if coref is not None and coref != last.claim.speaker:
        quoted_at = last.cand.cue_lo
        if _salient_mentions(ctx, coref, quoted_at + 1, cand.speaker_lo, claims):
            claim.speaker = None  # a person named since the quote: cannot be decided
            return
    claim.speaker = last.claim.speaker

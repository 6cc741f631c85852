"""From scored candidates to contract ``Claim`` records."""

from __future__ import annotations

from newsgraph.model.records import Claim
from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.dating import date_for
from newsgraph.pipeline.intervals import IntervalIndex
from newsgraph.pipeline.stages.claims.candidates import Candidate
from newsgraph.pipeline.stages.claims.channel import Authors, Channelled, resolve_channel
from newsgraph.pipeline.stages.claims.choice import apply_choice
from newsgraph.pipeline.stages.claims.discourse import (
    by_surname,
    resolve_speakers,
    speaker_words,
)
from newsgraph.pipeline.stages.claims.features import (
    crossed,
    crossed_parts,
    features,
    relational_features,
)
from newsgraph.pipeline.stages.claims.lexicon import lexicon
from newsgraph.pipeline.stages.claims.phrases import find_candidates
from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, find_quotes
from newsgraph.pipeline.stages.claims.scorer import load_model
from newsgraph.pipeline.stages.claims.spans import text_of
from newsgraph.pipeline.stages.claims.speech_acts import unasserted
from newsgraph.pipeline.stages.claims.status import status_of

# Without a trained model: keep lexicon cues whose speaker was found.
_FALLBACK_KEEP = frozenset({"verb", "according", "nominal", "stance"})


def scored_candidates(
    ctx: StageContext, pair_names: bool = True
) -> list[tuple[Candidate, Channelled]]:
    """Every candidate with its features, channel and score (before selection).

    ``pair_names``: list the crossed pairs among the features (training reads them); without,
    the features are the single ones and the score, the same to the last bit, is read from the
    pairs' parts (``Model.score_pairs``): the stage does so, building no pair names."""
    doc = ctx.doc
    lex = lexicon()
    quotes = QuoteIndex(find_quotes(text_of(doc)))
    model = load_model()
    authors = Authors()
    out: list[tuple[Candidate, Channelled]] = []
    for cand in find_candidates(doc, lex, quotes):
        if unasserted(doc, cand, lex) is not None:  # "declined to comment", "did not say"
            continue
        chan = resolve_channel(ctx, cand, lex, authors)
        if cand.speaker_head is None and chan.document is not None and chan.author is not None:
            cand.speaker_lo = cand.speaker_hi = cand.speaker_head = chan.document
            cand.speaker_how = "doc"
        cand.cue_char = doc[cand.cue_lo].idx
        cand.features = features(doc, cand, quotes)
        if chan.channel is not None:
            cand.features.append("channel")
        out.append((cand, chan))
    cues = sorted({c.cue_char for c, _ in out if c.cue is not None and c.cue.speech})
    for cand, _ in out:
        cand.features.extend(relational_features(cand, cues))
        if not pair_names and model is not None:
            cand.score = model.score_pairs(cand.features, crossed_parts(cand.features))
            continue
        cand.features.extend(crossed(cand.features))
        if model is not None:
            cand.score = model.score(cand.features)
        else:
            cand.score = 1.0 if cand.cue is not None and cand.pattern in _FALLBACK_KEEP else 0.0
    if model is not None and model.choice is not None:
        # Which of a cue's variants: ``choice``.
        apply_choice(doc, [c for c, _ in out], model.choice)
    return out


def _threshold() -> float:
    model = load_model()
    return model.threshold if model is not None else 0.5


def select(scored: list[tuple[Candidate, Channelled]]) -> list[tuple[Candidate, Channelled]]:
    """Candidates above threshold with a speaker; one per cue, and of two with (nearly) the same
    content the better scored."""
    keep = [
        (c, ch)
        for c, ch in scored
        if c.speaker_head is not None and (c.score >= _threshold() or _by_rule(c))
    ]
    keep.sort(key=lambda x: -x[0].score)
    chosen: list[tuple[Candidate, Channelled]] = []
    # Only a chosen candidate whose cue tokens or content characters overlap can clash (in any
    # order: the test is whether one does): the indexes give those, so a long article does not
    # compare every pair.
    by_cue: IntervalIndex[Candidate] = IntervalIndex(width=16)
    by_content: IntervalIndex[Candidate] = IntervalIndex()
    for cand, chan in keep:
        clash = False
        near = by_cue.near(cand.cue_lo, cand.cue_hi + 1) + by_content.near(*cand.content)
        for other in near:
            if other.cue_lo <= cand.cue_hi and cand.cue_lo <= other.cue_hi:
                clash = True
                break
            if _inside(cand.cue_char, other) or _inside(other.cue_char, cand):
                continue  # nested, not competing
            a0, a1 = cand.content
            b0, b1 = other.content
            inter = max(0, min(a1, b1) - max(a0, b0))
            if inter and 2 * inter / ((a1 - a0) + (b1 - b0)) >= 0.8:
                clash = True
                break
        if not clash:
            chosen.append((cand, chan))
            by_cue.add(cand.cue_lo, cand.cue_hi + 1, cand)
            by_content.add(*cand.content, cand)
    chosen.extend(_nested(scored, chosen))
    chosen.sort(key=lambda x: (x[0].cue_lo, x[0].content[0]))
    return chosen


def _inside(char: int, cand: Candidate) -> bool:
    return cand.content[0] <= char < cand.content[1]


def _by_rule(cand: Candidate) -> bool:
    """Cue nouns of the lexicon with a found holder ("the accusation that…", "in his opinion"):
    rare in PolNeAR, so the scorer knows little of them, but the lexicon marks them as
    attributions."""
    return cand.pattern in ("nominal", "stance") and cand.cue is not None


def _nested(
    scored: list[tuple[Candidate, Channelled]], chosen: list[tuple[Candidate, Channelled]]
) -> list[tuple[Candidate, Channelled]]:
    """Attributions inside a kept claim's reported clause ("X said that the prosecutors told him
    that…"). PolNeAR annotates none (a token belongs to one attribution), so the scorer learned to
    drop them; they are kept by rule instead: a speech cue from the lexicon with a speaker and a
    clausal content, outside quotes."""
    picked = {id(c) for c, _ in chosen}
    holders: IntervalIndex[Candidate] = IntervalIndex((*c.content, c) for c, _ in chosen)
    out: list[tuple[Candidate, Channelled]] = []
    for cand, chan in scored:
        if id(cand) in picked or cand.speaker_head is None or "cue_in_quote" in cand.features:
            continue
        clausal = (
            cand.cue is not None and cand.cue.speech and cand.content_dep in ("ccomp", "xcomp")
        )
        if not (clausal or _by_rule(cand)):
            continue
        if any(
            other.content[0] <= cand.content[0]
            and cand.content[1] <= other.content[1]
            and other.content[0] <= cand.cue_char < other.content[1]
            for other in holders.near(cand.cue_char, cand.cue_char + 1)
        ):
            out.append((cand, chan))
            picked.add(id(cand))
    return out


def build_claims(ctx: StageContext) -> list[Claim]:
    """The claims of the document; speakers that cannot be decided are flagged in
    ``ctx.result.flags`` (``discourse``)."""
    doc = ctx.doc
    lex = lexicon()
    out: list[Claim] = []
    pairs: list[tuple[Claim, Candidate]] = []
    for cand, chan in select(scored_candidates(ctx, pair_names=False)):
        assert cand.speaker_lo is not None and cand.speaker_hi is not None
        s_start = doc[cand.speaker_lo].idx
        s_end = doc[cand.speaker_hi].idx + len(doc[cand.speaker_hi].text)
        cue_start = doc[cand.cue_lo].idx
        cue_end = doc[cand.cue_hi].idx + len(doc[cand.cue_hi].text)
        speaker = chan.author or ctx.entity_of_head(doc[cand.speaker_lo : cand.speaker_hi + 1])
        if speaker is None and cand.speaker_how == "relcl" and cand.speaker_head is not None:
            noun = doc[cand.speaker_head]  # "Trump, who said…": the noun the pronoun stands for
            speaker = ctx.entity_of_head(doc[noun.left_edge.i : noun.i + 1])
        if speaker is None and cand.speaker_head is not None:
            speaker = ctx.token_entity.get(cand.speaker_head)
        if chan.author is None:
            speaker = by_surname(ctx, cand, speaker)
        timex, date = date_for(ctx, cue_start, cue_end)
        claim = Claim(
            id=f"c{len(out) + 1}",
            speaker=speaker,
            speaker_start=s_start,
            speaker_end=s_end,
            cue=text_of(doc)[cue_start:cue_end],
            cue_start=cue_start,
            cue_end=cue_end,
            content_start=cand.content[0],
            content_end=cand.content[1],
            kind=cand.kind,
            channel=chan.channel,
            status=status_of(doc, cand, lex),
            targets=_targets(ctx, cand, speaker),
            timex=timex,
            date=date,
            intermediary=chan.intermediary,
            confidence=_confidence(cand),
        )
        out.append(claim)
        pairs.append((claim, cand))
    _link_parents(out)
    flags = resolve_speakers(ctx, pairs)
    ctx.result.flags.extend(flags)
    unresolved = {(f.start, f.end) for f in flags}
    penalty = speaker_words().unresolved_penalty
    for claim in out:
        if claim.confidence is not None and (claim.speaker_start, claim.speaker_end) in unresolved:
            claim.confidence = round(claim.confidence * penalty, 3)
    for claim in out:
        if claim.speaker in claim.targets:
            claim.targets.remove(claim.speaker)
    return out


def _confidence(cand: Candidate) -> float | None:
    """The calibrated probability that the claim is right (None without a trained model)."""
    model = load_model()
    return round(model.confidence(cand.score), 3) if model is not None else None


def _targets(ctx: StageContext, cand: Candidate, speaker: str | None) -> list[str]:
    """Entities mentioned in the content, the speaker excepted, in order of first mention."""
    span = ctx.doc.char_span(cand.content[0], cand.content[1], alignment_mode="expand")
    out: list[str] = []
    if span is None:
        return out
    for tok in span:
        ent = ctx.token_entity.get(tok.i)
        if ent is not None and ent != speaker and ent not in out:
            out.append(ent)
    return out


def _link_parents(claims: list[Claim]) -> None:
    """A claim whose cue lies inside another claim's content is nested in it (the smallest; of
    two as small, the first)."""
    contents: IntervalIndex[Claim] = IntervalIndex(
        (p.content_start, p.content_end, p) for p in claims
    )
    for c in claims:
        best: Claim | None = None
        for p in contents.near(c.cue_start - 1, c.cue_end + 1):
            if p is c or not (p.content_start <= c.cue_start and c.cue_end <= p.content_end):
                continue
            if best is None or (p.content_end - p.content_start) < (
                best.content_end - best.content_start
            ):
                best = p
        c.parent = best.id if best is not None else None

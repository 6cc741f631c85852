"""Documents as speakers: channels, their authors and intermediaries.

"In his letter, X claims…" keeps X as speaker and "letter" as channel. "The handwritten letter,
released by his lawyer, …, alleges…" has a document as subject: the speaker is its author (the
possessor of the document noun, or whoever an earlier sentence said wrote such a document), the
channel is "letter", and whoever released it is the intermediary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.stages.claims.candidates import Candidate
from newsgraph.pipeline.stages.claims.lexicon import Lexicon

FRAME_PREPS = frozenset({"in", "through", "via", "during", "on"})


@dataclass
class Channelled:
    channel: str | None = None
    author: str | None = None  # entity id
    intermediary: str | None = None  # entity id
    document: int | None = None  # token index of the document noun


@dataclass
class Authors:
    """Document lemma -> entity id of its author, as the article has said so far."""

    by_noun: dict[str, str] = field(default_factory=dict)


def _entity_of_token(ctx: StageContext, tok: Token) -> str | None:
    doc = tok.doc
    return ctx.entity_of_span(doc[tok.left_edge.i : tok.right_edge.i + 1])


def _author_of_noun(ctx: StageContext, noun: Token) -> str | None:
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return ctx.entity_of_span(poss.doc[poss.i : poss.i + 1]) or _entity_of_token(ctx, poss)
    return None


def _intermediary(ctx: StageContext, noun: Token, lex: Lexicon) -> str | None:
    for acl in noun.children:
        if acl.dep_ != "acl" or acl.lemma_.lower() not in lex.intermediary_verbs:
            continue
        for agent in acl.children:
            if agent.dep_ != "agent":
                continue
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            appos = next((c for c in pobj.children if c.dep_ == "appos"), None)
            for tok in (appos, pobj):
                if tok is not None:
                    ent = ctx.entity_of_span(tok.doc[tok.left_edge.i : tok.right_edge.i + 1])
                    if ent is not None:
                        return ent
    return None


def framing_document(doc: Doc, cand: Candidate, lex: Lexicon) -> Token | None:
    """The document noun of "In his letter, …" / "said in a statement" on the cue verb."""
    if cand.pattern != "verb":
        return None
    verb = doc[cand.cue_lo]
    for _ in range(3):
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in FRAME_PREPS:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.lemma_.lower() in lex.channels:
                        return pobj
        # "In a letter, X denounced…, stating that…": the frame of the clause it continues.
        if cand.speaker_how != "inherited" or verb.dep_ not in ("advcl", "conj", "xcomp"):
            break
        verb = verb.head
    return None


def resolve_channel(
    ctx: StageContext, cand: Candidate, lex: Lexicon, authors: Authors
) -> Channelled:
    """Channel, author and intermediary of a candidate; updates ``authors`` with what it learns."""
    doc = ctx.doc
    out = Channelled()
    speaker = doc[cand.speaker_head] if cand.speaker_head is not None else None
    # The document itself speaks ("The letter alleges…").
    if speaker is not None and speaker.lemma_.lower() in lex.channels and speaker.pos_ == "NOUN":
        lemma = speaker.lemma_.lower()
        out.channel = lex.channels[lemma]
        out.document = speaker.i
        out.author = _author_of_noun(ctx, speaker) or authors.by_noun.get(lemma)
        out.intermediary = _intermediary(ctx, speaker, lex)
        return out
    frame = framing_document(doc, cand, lex)
    if frame is not None:
        lemma = frame.lemma_.lower()
        out.channel = lex.channels[lemma]
        out.document = frame.i
        out.intermediary = _intermediary(ctx, frame, lex)
        author = None
        if speaker is not None:
            author = ctx.entity_of_span(
                doc[cand.speaker_lo or speaker.i : (cand.speaker_hi or speaker.i) + 1]
            )
        author = author or _author_of_noun(ctx, frame)
        if author is not None:
            authors.by_noun[lemma] = author
        out.author = author
        return out
    # A cue noun in a sentence about a known document ("the accusation … of the letter").
    if cand.pattern == "nominal" and speaker is None:
        sent = doc[cand.cue_lo].sent
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "NOUN" and lemma in lex.channels and lemma in authors.by_noun:
                out.channel = lex.channels[lemma]
                out.document = tok.i
                out.author = authors.by_noun[lemma]
                return out
    return out

"""Events: PLOVER-coded who-did-what-to-whom, with date, place, modality and the claim that
reports it (stage ``events.rules.v1``).

The cascade, per sentence: find triggers (verbs, nominalisations, light-verb and reversal
constructions; ``triggers``), fold triggers nested in another's argument into their governor,
keep only the sentence's main events (``focus``: PLOVER codes no act subordinate to another),
attach source and target actors from the dependency tree (``arguments``; a one-sided act with no
target takes the first named actor of its complement, ``targets``), read modality and
re-code announced intentions (``modality``), then date, place, contexts and claim (an act told
inside someone's claim is ``alleged`` unless the speaker tells of its own act; ``attribution``);
finally merge mentions of the same event within the article (``dedup``).

What is not an event: a plea ("pleaded not guilty": no conviction, no request), a speech verb
stating a fact ("insisted that ..."), a harm verb with an abstract object ("abused its
position"); natural forces and abstract nouns are not sources ("heavy rain sent water ...").
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsgraph.model.records import DateRef, Event, EventArgument, Evidence
from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.dating import date_for
from newsgraph.pipeline.registry import stage
from newsgraph.pipeline.stages.events.arguments import ArgumentFinder
from newsgraph.pipeline.stages.events.attribution import ClaimIndex, attributed
from newsgraph.pipeline.stages.events.confidence import score_events
from newsgraph.pipeline.stages.events.dedup import Draft, absorb, merge
from newsgraph.pipeline.stages.events.focus import primary
from newsgraph.pipeline.stages.events.lexicon import Lexicon, lexicon
from newsgraph.pipeline.stages.events.modality import read
from newsgraph.pipeline.stages.events.parties import (
    is_reciprocal,
    named_first,
    partners_as_targets,
    without_self_targets,
)
from newsgraph.pipeline.stages.events.targets import complement_target
from newsgraph.pipeline.stages.events.triggers import Candidate, find_candidates
from newsgraph.pipeline.tokattrs import lower_lemmas

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_MODE_CONTEXTS = {"convict": "legal", "cyber": "cyber", "misinformation": "misinformation"}


@stage(
    "events.rules.v1",
    requires=["sentences", "entities", "coref", "timexes", "claims"],
    assigns=["events"],
)
def events(ctx: StageContext) -> None:
    """Code PLOVER events with actors, date, place, modality and claim; one record per event."""
    lex = lexicon()
    finder = ArgumentFinder(ctx, lex)
    claims = ClaimIndex(ctx.result.claims)
    drafts: list[Draft] = []
    for sent in ctx.doc.sents:
        drafts.extend(_sentence_drafts(ctx, lex, finder, claims, sent))
    merged = merge(drafts)
    _date_by_antecedent(merged)
    for n, d in enumerate(merged, start=1):
        ctx.result.events.append(_event(lex, f"ev{n}", d))
    score_events(ctx.doc, ctx.result, ctx.result.events)


def _sentence_drafts(
    ctx: StageContext, lex: Lexicon, finder: ArgumentFinder, claims: ClaimIndex, sent: Span
) -> list[Draft]:
    """Drafts of the sentence's main events; a dominated mention of the same act is merged in."""
    cands = primary(find_candidates(sent, lex))
    made: dict[int, Draft] = {}
    for cand in cands:
        draft = _draft(ctx, lex, finder, claims, sent, cand)
        if draft is not None:
            made[id(cand)] = draft
    for cand in cands:
        gov = cand.governed_by
        if gov is None or id(cand) not in made or id(gov) not in made:
            continue
        made[id(gov)] = absorb(made[id(gov)], made.pop(id(cand)))
    return sorted(made.values(), key=lambda d: d.trigger[0])


def _draft(
    ctx: StageContext,
    lex: Lexicon,
    finder: ArgumentFinder,
    claims: ClaimIndex,
    sent: Span,
    c: Candidate,
) -> Draft | None:
    actors = finder.find(c)
    if c.anchor.dep_ in ("relcl", "acl") and not actors.sources:
        # Background acts in a modifier with no doer ("weapons seized last year", "a curfew
        # imposed in ...") are descriptions, not reported events: coding them over-generates.
        return None
    if _abstract_patient(lex, finder, c):
        return None  # "abused its position", "abused his power": no physical assault
    if c.type == "RETREAT" and c.mode == "release" and not _patient_is_actor(finder, c):
        return None  # "a letter released by his lawyer" releases no one
    reporting = lex.cue("governing.reporting")
    args: list[EventArgument] = []
    for role, toks in (("source", actors.sources), ("target", actors.targets)):
        for tok in toks:
            ante = finder.antecedent(tok, reporting)
            args.extend(finder.arguments(role, ante or tok))
    args = without_self_targets(args, finder.indirect)
    timex, date = _date(ctx, c)
    future = _is_future(date, ctx.document.date)
    reading = read(c, bool(actors.sources), lex, future)
    mutual = c.frame == "mutual" and lex.types[reading.type].reciprocal
    if c.frame == "mutual" and reading.type != c.type:
        args = partners_as_targets(args, finder.partner_spans)  # "said it would meet X"
    s_start, s_end = ctx.sentence_span(c.start)
    claim = claims.of(c.start, c.end)
    modality = attributed(reading.modality, claim, c, args)
    place, direct = _place(ctx, lex, c)
    if place is not None and direct and _place_is_target(c, args):
        pspan = _place_span(ctx, place)
        if pspan is not None and all(a.start != pspan[0] for a in args):
            args.append(
                EventArgument(
                    "target", pspan[0], pspan[1], ctx.document.text[pspan[0] : pspan[1]], place
                )
            )
    if not any(a.role == "target" for a in args) and _one_sided(c, actors.sources):
        taken = {t.i for src in actors.sources for t in src.subtree}
        extra = complement_target(c.anchor, taken)
        if extra is not None:
            args.append(finder.argument("target", extra))
        args = without_self_targets(args, finder.indirect)
    args = named_first(args, mutual, finder.proper)
    contexts = _contexts(lex, sent)
    if reading.type == "ACCUSE" and reading.mode == "disapprove" and _charges_wrongdoing(lex, c):
        # CAMEO 112x / PLOVER: denouncing someone *for a crime* is an allegation.
        reading.mode = "allege"
    if reading.mode in _MODE_CONTEXTS and _MODE_CONTEXTS[reading.mode] not in contexts:
        contexts.insert(0, _MODE_CONTEXTS[reading.mode])
    definite = ("the", "this", "that", "its", "his", "her", "their")
    refers_to = next(
        (
            n.type
            for n in c.nested
            if n.kind == "noun"
            and any(d.dep_ in ("det", "poss") and d.lower_ in definite for d in n.head.children)
        ),
        None,
    )
    return Draft(
        refers_to=refers_to,
        type=reading.type,
        mode=reading.mode,
        contexts=contexts,
        arguments=args,
        trigger=(c.start, c.end),
        sentence=(s_start, s_end),
        timex=timex,
        date=date,
        place=place,
        modality=modality,
        claim=claim.id if claim else None,
        evidence=[Evidence(c.start, c.end, s_start, s_end)],
        mutual=mutual,
    )


_WRONGDOING = frozenset(
    {"crime", "corruption", "illegal_drugs", "trafficking", "human_rights", "terrorism"}
)


def _one_sided(c: Candidate, sources: list[Token]) -> bool:
    """Whether the act has a single party acting on another: not a reciprocal act of several
    parties ("X and Y agreed"), where PLOVER codes every party as a source and no target."""
    if c.frame != "mutual":
        return True
    return len(sources) == 1 and not any(d.dep_ == "conj" for d in sources[0].children)


def _charges_wrongdoing(lex: Lexicon, c: Candidate) -> bool:
    """Whether what the trigger denounces is a wrongdoing ("denounced alleged ties with drug
    trafficking leaders"): an allegation modifier or a crime word in its object."""
    modifiers = lex.cue("modality.allegation_modifiers")
    for ch in c.anchor.children:
        if ch.dep_ not in ("dobj", "prep", "ccomp"):
            continue
        lemmas = [t.lemma_.lower() for t in ch.subtree]
        if any(lem in modifiers for lem in lemmas):
            return True
        for i in range(len(lemmas)):
            for n in (2, 1):
                if lex.contexts.get(tuple(lemmas[i : i + n])) in _WRONGDOING:
                    return True
    return False


def _place_is_target(c: Candidate, args: list[EventArgument]) -> bool:
    """PLOVER codes the place an act is directed at as its recipient when no other is named
    ("demonstrated in Serbia", "imposed a curfew in Cizre", "visited ... arrived in Amman")."""
    if any(a.role == "target" for a in args) or c.kind == "noun":
        return False
    return c.frame != "mutual" or (c.type == "CONSULT" and c.mode == "visit")


def _abstract_patient(lex: Lexicon, finder: ArgumentFinder, c: Candidate) -> bool:
    """Whether a harm verb that needs a living patient ("abuse", "beat") has an abstract or
    inanimate direct object instead: then it is a figure of speech, not an ASSAULT."""
    if c.kind != "verb" or c.anchor.lemma_.lower() not in lex.cue("actors.animate_patient"):
        return False
    abstract = lex.cue("actors.abstract_objects")
    return any(
        o.lemma_.lower() in abstract or not (finder.is_actor(o) or finder.can_act(o))
        for o in c.anchor.children
        if o.dep_ in ("dobj", "nsubjpass")
    )


def _patient_is_actor(finder: ArgumentFinder, c: Candidate) -> bool:
    """Whether what a release-type verb acts on is an actor (a person or group, not a text)."""
    tok = c.anchor
    patients = [ch for ch in tok.children if ch.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ in ("acl", "relcl") and not patients:
        patients = [tok.head]
    if c.kind != "verb":
        # "the release of two hostages", "their release"
        patients = [c.head, *(o for p in c.head.children if p.lower_ == "of" for o in p.children)]
        patients += [d for d in c.head.children if d.dep_ == "poss"]
    return any(finder.is_actor(p) for p in patients)


def _date_by_antecedent(drafts: list[Draft]) -> None:
    """An act that answers an earlier one ("he rejected the offer") and has no date of its own
    takes the date of the latest earlier event of that type the article dates: the answer came
    no earlier, and the text gives nothing closer."""
    for d in drafts:
        if d.timex is not None or d.refers_to is None:
            continue
        earlier = [
            o
            for o in drafts
            if o.type == d.refers_to and o.timex is not None and o.trigger[0] < d.trigger[0]
        ]
        if earlier:
            src = max(earlier, key=lambda o: o.trigger[0])
            d.timex, d.date = src.timex, src.date


def _mention_id(ctx: StageContext, start: int, end: int) -> str | None:
    for m in ctx.mentions_near(start, end):
        if (
            m.start < end
            and start < m.end
            and m.type in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
        ):
            return m.entity or m.id
    return None


def _date(ctx: StageContext, c: Candidate) -> tuple[str | None, DateRef]:
    """The expression that is the trigger's own adjunct (or its light verb's), else the article
    date: the rule of :func:`newsgraph.pipeline.dating.date_for`."""
    return date_for(ctx, c.start, c.end, heads=(c.head, c.anchor))


def _is_future(date: DateRef, doc_date: str) -> bool:
    if date.anchor == "doc" or not _ISO.match(date.value):
        return False
    n = min(len(date.value), len(doc_date))
    return date.value[:n] > doc_date[:n]


def _place(ctx: StageContext, lex: Lexicon, c: Candidate) -> tuple[str | None, bool]:
    """The place of the event (entity or mention id) and whether it is attached directly.

    First a place in a prepositional phrase ("in/at/near ...") of the trigger or its object;
    failing that, the nearest such place anywhere under the trigger ("detained ... during the
    months he spent in a Brooklyn prison"), which is kept as the place but not as a recipient.
    """
    preps = lex.cue("places.preps")
    owners = {c.anchor.i: c.anchor, c.head.i: c.head}
    for t in [c.anchor, c.head]:
        owners.update({o.i: o for o in t.children if o.dep_ in ("dobj", "nsubjpass", "xcomp")})
    direct = [
        p for o in owners.values() for p in o.children if p.dep_ == "prep" and p.lower_ in preps
    ]
    found = _nearest_place(ctx, lex, c, direct, strict=True)
    if found is not None:
        return found, True
    loose = [t for t in c.anchor.subtree if t.dep_ == "prep" and t.lower_ in preps]
    return _nearest_place(ctx, lex, c, loose, strict=False), False


def _nearest_place(
    ctx: StageContext, lex: Lexicon, c: Candidate, preps: list[Token], strict: bool
) -> str | None:
    labels = lex.cue("places.labels")
    best: tuple[int, str] | None = None
    for prep in preps:
        for t in prep.subtree:
            if t.ent_type_ not in labels or (strict and _clause_between(t, prep)):
                continue
            ent = ctx.named_entity_at(t.i)
            if ent is None:
                continue
            pid = ctx.entity_of_span(ent) or _mention_id(ctx, ent.start_char, ent.end_char)
            if pid is None:
                continue
            dist = abs(t.i - c.head.i)
            if best is None or dist < best[0]:
                best = (dist, pid)
            break
    return best[1] if best else None


def _clause_between(tok: Token, top: Token) -> bool:
    """Whether a relative or adverbial clause lies between ``tok`` and its ancestor ``top``."""
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "acl", "advcl"):
            return True
        tok = tok.head
    return False


def _place_span(ctx: StageContext, place: str) -> tuple[int, int] | None:
    m = ctx.first_mention_of(place)
    return (m.start, m.end) if m is not None else None


def _contexts(lex: Lexicon, sent: Span) -> list[str]:
    lemmas = lower_lemmas(sent.doc)[sent.start : sent.end]
    firsts = _context_firsts(lex)
    out: list[str] = []
    for i in range(len(lemmas)):
        if lemmas[i] not in firsts:
            continue  # no context cue starts with this word
        for n in (3, 2, 1):
            ctx_name = lex.contexts.get(tuple(lemmas[i : i + n]))
            if ctx_name and ctx_name not in out:
                out.append(ctx_name)
    return out


_firsts: tuple[object, frozenset[str]] | None = None


def _context_firsts(lex: Lexicon) -> frozenset[str]:
    """The first words of the lexicon's context cues (built once per context table)."""
    global _firsts
    if _firsts is None or _firsts[0] is not lex.contexts:
        _firsts = (lex.contexts, frozenset(cue[0] for cue in lex.contexts if cue))
    return _firsts[1]


def _event(lex: Lexicon, eid: str, d: Draft) -> Event:
    etype = lex.types[d.type]
    return Event(
        id=eid,
        type=d.type,
        mode=d.mode,
        cameo=etype.cameo_for(d.mode),
        contexts=d.contexts,
        source=_ids(d, "source"),
        target=_ids(d, "target"),
        trigger_start=d.trigger[0],
        trigger_end=d.trigger[1],
        sentence_start=d.sentence[0],
        sentence_end=d.sentence[1],
        timex=d.timex,
        date=d.date,
        place=d.place,
        modality=d.modality,
        claim=d.claim,
        evidence=d.evidence,
        arguments=d.arguments,
        reciprocal=is_reciprocal(d.mutual, d.arguments),
    )


def _ids(d: Draft, role: str) -> list[str]:
    out: list[str] = []
    for a in d.arguments:
        if a.role == role and a.entity and a.entity not in out:
            out.append(a.entity)
    return out

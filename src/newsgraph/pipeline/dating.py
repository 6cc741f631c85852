"""Dating a span: which time expression dates a claim's cue or an event's trigger.

Claims and events call :func:`date_for`; the times stage fills ``ctx.result.timexes`` first.
A claim or event is dated only by a time expression that is its own argument or adjunct in the
parse, as a reader takes it; a number elsewhere in the sentence dates something else:

0. the expression hangs from the trigger itself, directly or through prepositions ("sentencing
   scheduled for October 9", "was found guilty in February 2023", "said on Monday");
1. it dates the occasion the trigger happens at: the object of an occasion preposition ("in",
   "at", "during": data) of the trigger ("said at a news conference on Friday", "denounced, in a
   letter released on Tuesday, ..."; not "rose to one billion dlrs on Thursday"); or the
   verb of a nominal trigger's clause ("the vote is scheduled for Friday"); or it stands between
   the subject and the verb, where the parser hangs it on the subject ("The president on
   Thursday denied ...": people have no date, the denial has);
2. it is a shared adjunct of verbs in coordination ("was arrested and charged on Monday");
3. else the article date, said so (``anchor="doc"``, granularity of the article date).

Never: an expression inside a clause the trigger governs ("alleges that he was offered a deal in
2019": 2019 dates the offer), one that modifies an argument ("sold debentures due April 15, 2007":
the bonds' maturity, not the sale), a standard of comparison ("rose 5 pct compared with 1986",
"than in 1985"; the words are data, ``[dating]`` in ``times_lexicon.toml``). Durations, sets,
PRESENT_REF-style references and values with no calendar year ("Thursday" in an article dated
only by its month is ``XXXX-WXX-4``) never date anything either: such a value cannot be placed on
a timeline, so the article date stands in and says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from newsgraph.model.data import load_toml
from newsgraph.model.records import DATE_PRECISIONS, DateRef, Timex
from newsgraph.pipeline.context import StageContext

# Dependencies that open a clause of its own: what lies below them is another event's business.
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "parataxis", "csubj", "conj"})
# Links by which a nominal trigger is an argument of its clause's verb.
_NOMINAL_ARGS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
# Links by which an expression (or the noun it sits on) is an adjunct rather than a modifier
# that says what kind of thing a noun is ("the 1986 budget", "debentures due 2007").
_ADJUNCT_DEPS = frozenset({"npadvmod", "tmod", "obl", "advmod", "pobj", "prep"})
_MAX_DEPTH = 12
# A value placeable on a calendar starts with its year (or decade / century digits: "198", "19").
_PLACED = re.compile(r"\d{2}")


@lru_cache(maxsize=2)
def _words(key: str) -> frozenset[str]:
    return frozenset(load_toml("times_lexicon.toml").get("dating", {}).get(key, []))


def comparison_words() -> frozenset[str]:
    """Words that introduce a standard of comparison (``[dating]`` in ``times_lexicon.toml``)."""
    return _words("comparison")


def occasion_preps() -> frozenset[str]:
    """Prepositions whose object is the occasion of an act ("in a statement", "at a meeting")."""
    return _words("occasion")


def doc_date(ctx: StageContext) -> DateRef:
    d = ctx.document
    return DateRef(
        value=d.date,
        granularity=d.date_precision if d.date_precision in DATE_PRECISIONS else "day",
        anchor="doc",
    )


def datable(t: Timex) -> bool:
    """Whether ``t`` can be placed on a calendar (a DATE/TIME value starting with its year)."""
    return (
        t.type in ("DATE", "TIME")
        and not t.value.endswith("_REF")
        and _PLACED.match(t.value) is not None
    )


def _root(ctx: StageContext, start: int, end: int) -> Any:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _path_up(tok: Any, target: Any) -> list[Any] | None:
    """Tokens from ``tok`` up to (not including) ``target`` if ``target`` dominates ``tok``."""
    path: list[Any] = []
    for _ in range(_MAX_DEPTH):
        if tok.i == target.i:
            return path
        if tok.head.i == tok.i:
            return None
        path.append(tok)
        tok = tok.head
    return None


def _is_clause(tok: Any) -> bool:
    return bool(tok.pos_ in ("VERB", "AUX") and tok.dep_ in _CLAUSE_DEPS)


def _function_word(tok: Any) -> bool:
    return bool(tok.pos_ in ("ADP", "PART", "SCONJ", "ADV") and not _is_clause(tok))


def _participle(tok: Any) -> bool:
    """A reduced relative on a noun: "a letter released ...", "sentencing scheduled ..."."""
    return bool(tok.pos_ == "VERB" and tok.dep_ == "acl" and tok.tag_ == "VBN")


def _adjunct_rank(path: list[Any], t: Timex) -> int | None:
    """0 when ``path`` (from the expression up to the trigger) runs through prepositions only; 1
    when it runs through one occasion noun that is a prepositional object of the trigger (with an
    optional participle: "a letter released on Tuesday"); None otherwise."""
    inside = [tok for tok in path if t.start <= tok.idx < t.end]
    outside = [tok for tok in path if not t.start <= tok.idx < t.end]
    words = comparison_words()
    if any(tok.lower_ in words or tok.lemma_.lower() in words for tok in outside):
        return None  # "compared with 1986", "than in 1985": the standard, not the time
    if any(_is_clause(tok) for tok in outside):
        return None  # inside a clause of its own: it dates that clause's event
    top = inside[-1] if inside else None  # the expression's link to what it modifies
    if not outside:
        return 0  # a dependent of the trigger itself ("Monday's attack", "said Friday")
    if all(_function_word(tok) for tok in outside):
        return 0
    if all(_function_word(tok) for tok in outside[:-1]) and _participle(outside[-1]):
        return 0  # a nominal trigger's own participle: "sentencing scheduled for October 9"
    if top is not None and top.dep_ not in _ADJUNCT_DEPS:
        return None  # "the 1986 budget": a modifier of a noun on the way up
    nouns = [tok for tok in outside if tok.pos_ in ("NOUN", "PROPN")]
    if len(nouns) != 1:
        return None
    noun = nouns[0]
    rest = outside[outside.index(noun) + 1 :]
    below = outside[: outside.index(noun)]
    occasion = (
        noun.dep_ == "pobj"
        and noun.head.lower_ in occasion_preps()
        and rest
        and all(_function_word(tok) for tok in rest)
    )
    participle = [tok for tok in below if tok.pos_ == "VERB"]
    if participle and not (len(participle) == 1 and _participle(participle[0])):
        return None
    if occasion and all(_function_word(tok) or tok in participle for tok in below):
        return 1
    return None


def attachment(ctx: StageContext, trigger: Any, t: Timex) -> int | None:
    """How ``t`` attaches to ``trigger`` (a token): 0 its own adjunct, 1 the occasion's or its
    clause's (nominal trigger), 2 shared by verbs in coordination; None: it dates something
    else."""
    troot = _root(ctx, t.start, t.end)
    if trigger is None or troot is None:
        return None
    path = _path_up(troot, trigger)
    if path is not None and (rank := _adjunct_rank(path, t)) is not None:
        return rank
    for subj in trigger.children:
        if subj.dep_ in ("nsubj", "nsubjpass") and subj.idx < t.start and t.end <= trigger.idx:
            spath = _path_up(troot, subj)
            if spath is not None and _adjunct_rank(spath, t) == 0:
                return 1  # "The president on Thursday denied"
    if path is None and trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in _NOMINAL_ARGS:
        verb = trigger.head
        vpath = _path_up(troot, verb) if verb.pos_ in ("VERB", "AUX") else None
        if vpath is not None and _adjunct_rank(vpath, t) == 0:
            return 1  # "the vote is scheduled for Friday"
    return _coordinated(trigger, troot, t)


def _coordinated(trigger: Any, troot: Any, t: Timex) -> int | None:
    """2 when ``t`` closes a coordination of verbs the trigger belongs to and the verb it hangs
    from has no subject of its own ("was arrested and charged on Monday")."""
    if trigger.pos_ not in ("VERB", "AUX"):
        return None
    first = trigger
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    for verb in [first, *first.conjuncts]:
        if verb.i == trigger.i or verb.pos_ not in ("VERB", "AUX") or verb.i < trigger.i:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        path = _path_up(troot, verb)
        if path is not None and t.start > verb.idx and _adjunct_rank(path, t) == 0:
            return 2
    return None


def date_for(
    ctx: StageContext, start: int, end: int, heads: Sequence[Any] = ()
) -> tuple[str | None, DateRef]:
    """``(timex id, date)`` for the span ``[start, end)`` (a claim cue or an event trigger);
    ``heads`` are further tokens the trigger stands on (the light verb of "launched an
    attack")."""
    s_start, s_end = ctx.sentence_span(start)
    triggers = [tok for tok in (_root(ctx, start, end), *heads) if tok is not None]
    best: tuple[int, int] | None = None
    chosen: Timex | None = None
    for t in ctx.timexes_within(s_start, s_end):
        if not datable(t) or t.start < s_start or t.end > s_end:
            continue
        ranks = [r for trig in triggers if (r := attachment(ctx, trig, t)) is not None]
        if not ranks:
            continue
        key = (min(ranks), min(abs(t.start - end), abs(start - t.end)))
        if best is None or key < best:
            best, chosen = key, t
    if chosen is None:
        return None, doc_date(ctx)
    return chosen.id, DateRef(
        value=chosen.value, granularity=chosen.granularity, anchor=chosen.anchor
    )

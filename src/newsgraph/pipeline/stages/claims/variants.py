"""Other extents of a verb's content, for the scorer to choose from.

The parse gives one extent per complement; articles and annotators often mean a shorter or longer
one: an object with or without its trailing modifiers, the rest of the clause after the verb, a
reported clause without a trailing adverbial ("he's tough enough [, after a woman told him…]"),
or with a coordinated clause the parser hung on the cue ("said [there's a long road ahead] but
[he feels confident…]"), or the whole sentence around a parenthetical cue clause ("[The harbour,]
the mayor said, [would reopen]"): such a content wraps its own cue (dependency ``…_wrap``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.pipeline.stages.claims.spans import trimmed
from newsgraph.pipeline.tokattrs import token_attrs

# Trailing parts of a reported clause that are often the reporter's, not the speaker's.
_TRAILING = frozenset({"advcl", "npadvmod", "prep", "conj", "cc", "appos"})
_BREAKS = frozenset({",", "—", "–", "-", "--", ";"})
# Marks that set a parenthetical cue clause off from the sentence around it.
_PAREN = frozenset({",", "—", "–", "--"})


def object_variants(
    doc: Doc, verb: Token, obj: Token, span: tuple[int, int], dep: str
) -> list[tuple[tuple[int, int], str]]:
    """Other extents of an object (or xcomp, or prepositional) content, for the scorer to choose
    from: the whole rest of the clause ("brand [you a liar]", "recorded [him instructing X to
    lie]", "support [temporarily banning X]" misparsed with X as object) and the bare noun phrase
    without its trailing modifiers ("discussed [my sentence] on Fox")."""
    out: list[tuple[tuple[int, int], str]] = []
    right = [
        c
        for c in verb.children
        if c.i > verb.i and c.dep_ not in ("punct", "cc", "conj", "prt", "advcl", "parataxis")
    ]
    first = min([verb.i + 1] + [c.left_edge.i for c in right])
    while first < len(doc) and doc[first].dep_ == "prt" and doc[first].head.i == verb.i:
        first += 1
    if right:
        full = trimmed(doc, first, max(c.right_edge.i for c in right), keep_quotes=True)
        if full is not None and full != span:
            out.append((full, f"{dep}_clause"))
    post = [c for c in obj.children if c.i > obj.i and c.dep_ in ("prep", "relcl", "acl")]
    if post and dep != "xcomp":
        bare = trimmed(doc, obj.left_edge.i, min(c.left_edge.i for c in post) - 1, keep_quotes=True)
        if bare is not None and bare != span:
            out.append((bare, f"{dep}_np"))
    return out


def clause_variants(
    doc: Doc, verb: Token, head: Token, span: tuple[int, int], dep: str
) -> list[tuple[tuple[int, int], str]]:
    """A reported clause without its trailing adverbial after a comma or dash (``<dep>_core``),
    and with a clause of its own coordinated to the cue (``<dep>_conj``)."""
    out: list[tuple[tuple[int, int], str]] = []
    lo, hi = head.left_edge.i, head.right_edge.i
    cut = [
        r.left_edge.i
        for r in head.children
        if r.i > head.i
        and (
            r.dep_ == "advcl"
            or (
                r.dep_ in _TRAILING
                and r.left_edge.i > lo
                and doc[r.left_edge.i - 1].text in _BREAKS
            )
        )
    ]
    if cut:
        core = trimmed(doc, lo, min(cut) - 1, keep_quotes=True)
        if core is not None and core != span and core[1] > core[0]:
            out.append((core, f"{dep}_core"))
    if head.i > verb.i:
        conj = [
            c
            for c in verb.children
            if c.dep_ == "conj" and c.i > hi and any(k.dep_ == "nsubj" for k in c.children)
        ]
        if conj:
            longer = trimmed(doc, lo, max(c.right_edge.i for c in conj), keep_quotes=True)
            if longer is not None and longer != span:
                out.append((longer, f"{dep}_conj"))
    return out


def cue_clause(verb: Token, content: Token | None = None) -> tuple[int, int]:
    """Token range of the cue clause: the cue verb's subtree, without ``content``'s subtree when
    the content hangs on the cue."""
    inside = {t.i for t in content.subtree} if content is not None else set()
    # "Tourism, the governor says, is…": the parser may give the cue the fronted subject of the
    # clause it interrupts as a second subject; the nearest subject is the speaker.
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    subjects.sort(key=lambda c: abs(verb.i - c.i))
    for extra in subjects[1:]:
        inside |= {t.i for t in extra.subtree}
    own = [t.i for t in verb.subtree if t.i not in inside and not t.is_punct] or [verb.i]
    return min(own), max(own)


def parenthetical(doc: Doc, verb: Token, content: Token | None = None) -> bool:
    """The cue clause stands between commas or dashes inside its sentence, with words of the
    sentence on both sides: "The harbour, the mayor said, would…"."""
    lo, hi = cue_clause(verb, content)
    sent = verb.sent
    return (
        lo - 1 > sent.start
        and hi + 2 < sent.end
        and doc[lo - 1].text in _PAREN
        and doc[hi + 1].text in _PAREN
    )


def wrapped_variant(
    doc: Doc, verb: Token, head: Token, dep: str
) -> list[tuple[tuple[int, int], str]]:
    """The clause ``head`` spans, around a parenthetical cue clause inside it ("[Climate change,]
    Obama often says, [is the greatest threat]"): reported speech split by its own attribution.
    The content runs over the cue clause (one span), which costs little against the content."""
    lo, hi = head.left_edge.i, head.right_edge.i
    inner = head if head.head.i == verb.i and head.i != verb.i else None  # hangs on the cue
    c_lo, c_hi = cue_clause(verb, inner)
    if not (lo < c_lo and c_hi < hi) or not parenthetical(doc, verb, inner):
        return []
    span = trimmed(doc, lo, hi, keep_quotes=True)
    return [(span, f"{dep}_wrap")] if span is not None else []


# Modifiers that, set off by a comma or dash at the end of a content, are often the reporter's
# gloss rather than the speaker's words: "[the rules], which the court has put on hold",
# "[he would consider it an insult], implicitly putting his name on the line".
GLOSS_DEPS = frozenset({"relcl", "acl", "advcl", "appos"})


def closing_gloss(doc: Doc, lo: int, hi: int) -> Token | None:
    """The outermost comma- or dash-set modifier that closes tokens ``lo..hi``: a relative
    clause, participle, adverbial clause or apposition hung on an earlier word of the range and
    running to its end; None when the range closes on no such gloss."""
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    deps = token_attrs(doc).dep  # by index: a Token only for the few gloss dependencies
    found = [
        t
        for t in [doc[i] for i in range(lo, hi + 1) if deps[i] in GLOSS_DEPS]
        if t.right_edge.i >= hi
        and lo < t.head.i < t.left_edge.i
        and doc[t.left_edge.i - 1].text in _BREAKS
    ]
    return min(found, key=lambda t: t.left_edge.i) if found else None


def trailing_variant(
    doc: Doc, span: tuple[int, int], dep: str
) -> list[tuple[tuple[int, int], str]]:
    """The content ``span`` (characters) without the gloss that closes it (``closing_gloss``;
    dependency ``<construction>_trail``): the scorer weighs it against the whole."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    if words is None or len(words) < 4:
        return []
    gloss = closing_gloss(doc, words.start, words.end - 1)
    if gloss is None:
        return []
    cut = trimmed(doc, words.start, gloss.left_edge.i - 2, keep_quotes=True)
    if cut is None or cut == span or cut[1] - cut[0] < 2:
        return []
    return [(cut, f"{dep.split('_')[0]}_trail")]

"""Other extents of a verb's content, for the scorer to choose from.

The parse gives one extent per complement; articles and annotators often mean a shorter or longer
one: an object with or without its trailing modifiers, the rest of the clause after the verb, a
reported clause without a trailing adverbial ("he's tough enough [, after a woman told him…]"),
or with a coordinated clause the parser hung on the cue ("said [there's a long road ahead] but
[he feels confident…]").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.pipeline.stages.claims.spans import trimmed

# Trailing parts of a reported clause that are often the reporter's, not the speaker's.
_TRAILING = frozenset({"advcl", "npadvmod", "prep", "conj", "cc", "appos"})
_BREAKS = frozenset({",", "—", "–", "-", "--", ";"})


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

"""Which extent variant of a cue to emit: a choice among the cue's variants, learnt as one.

The scorer (``scorer``) weighs each candidate on its own (a pointwise fit), and ``select`` keeps
a cue's best-scored variant. Whether the cue makes a claim is well told that way; which of its
extents is right less so: the pointwise fit spends its weights on telling claims from non-claims,
and variants of one cue share most of their features. The choice model is fit listwise instead:
a softmax over each cue's variants (on the scorer's own single features), trained on the cues of
PolNeAR train/ that have both a right and a wrong variant, so its weights speak only to how
variants of one cue differ ("the object with or without its trailing 'as …'", "the clause with
or without the cue's adjuncts"). The cue is kept as before, by its best score; the variant the
choice model prefers takes that score (``apply_choice``). Weights are in the model file
(``choice``), written by ``benchmarks/claims_eval.py train``.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import repeat

from spacy.tokens import Doc, Token

from newsgraph.pipeline.stages.claims.candidates import Candidate

# Each other variant ends just under the chosen one's score, so ``select`` takes the chosen.
_UNDER = 0.999


def cue_groups(cands: list[Candidate]) -> list[list[Candidate]]:
    """Candidates with a speaker grouped by their cue's first token (the variants ``select``
    lets compete, keeping one per cue), groups of two or more, in document order."""
    by_cue: dict[int, list[Candidate]] = defaultdict(list)
    for c in cands:
        if c.speaker_head is not None:
            by_cue[c.cue_lo].append(c)
    return [by_cue[k] for k in sorted(by_cue) if len(by_cue[k]) > 1]


def apply_choice(doc: Doc, cands: list[Candidate], weights: dict[str, float]) -> None:
    """Give each cue's best score to the variant the choice model prefers (first-stage score
    breaks ties), the others no more than just under it. Features are the single ones
    (``features.features`` and ``relational_features``; no crossed pairs) and those of how the
    variant's extent differs from its cue's others (``difference_features``)."""
    for group in cue_groups(cands):
        top = max(c.score for c in group)
        diff = difference_features(doc, group)
        # The scorer's features hold no crossed pair here (``pair_names=False``), and the
        # choice has no weight for one: the single features and the differences.
        prefs = [
            (sum(map(weights.get, c.features + d, repeat(0.0))), c.score)
            for c, d in zip(group, diff, strict=True)
        ]
        pick = group[max(range(len(group)), key=prefs.__getitem__)]
        for c in group:
            c.score = top if c is pick else min(c.score, top * _UNDER)


def choice_rows(doc: Doc, group: list[Candidate]) -> list[list[str]]:
    """The choice model's features of each variant of a cue: its single scorer features and
    ``difference_features``."""
    diff = difference_features(doc, group)
    return [
        [f for f in c.features if not f.startswith("p:")] + d
        for c, d in zip(group, diff, strict=True)
    ]


# Words that say what a part of an extent is as themselves; other words by part of speech.
_WORD_POS = frozenset({"ADP", "SCONJ", "CCONJ", "DET", "PRON", "AUX", "PART"})


def _word(tok: Token) -> str:
    if tok.is_punct:
        return tok.text[:2]
    return tok.lower_ if tok.pos_ in _WORD_POS else tok.pos_


def _tokens(doc: Doc, chars: tuple[int, int]) -> tuple[int, int]:
    span = doc.char_span(chars[0], chars[1], alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def _part(doc: Doc, lo: int, hi: int, base: str) -> list[str]:
    """What the tokens ``lo`` … ``hi - 1`` are, a part one variant has and another lacks:
    the dependency of its top token, its first word, the mark before it, whether it holds a
    verb of its own (a clause), a sentence start or a quote, and its length (names without
    the side prefix that ``difference_features`` adds)."""
    toks = [t for t in doc[lo:hi] if not t.is_space]
    words = [t for t in toks if not t.is_punct]
    # The mark the part opens on: its own first token or the one before it (", as …", "; …").
    mark = toks[0] if toks and toks[0].is_punct else doc[lo - 1] if lo > 0 else None
    lead = mark.text[:2] if mark is not None and mark.is_punct else "w"
    if not words:
        return [f"punct={lead}|{base}"]
    inside = {t.i for t in words}
    tops = [t for t in words if t.head.i not in inside or t.head.i == t.i] or words[:1]
    top = max(tops, key=lambda t: t.right_edge.i - t.left_edge.i)  # "but [he …]": the clause
    dep = top.dep_
    first = _word(words[0])
    clause = any(t.pos_ in _VERBS and t.dep_ not in _AUX for t in words)
    sent = any(t.is_sent_start for t in toks)
    quote = any(t.text in _QUOTES for t in toks)
    n = len(words)
    size = "1" if n <= 1 else "3" if n <= 3 else "8" if n <= 8 else "20" if n <= 20 else "more"
    return [
        f"dep={dep}",
        f"dep_base={dep}|{base}",
        f"first={first}",
        f"first_dep={first}|{dep}",
        f"before={lead}|{first}",
        f"clause={clause}|{dep}",
        f"sent={sent}",
        f"quote={quote}",
        f"size={size}|{base}",
    ]


_VERBS = frozenset({"VERB", "AUX"})
_AUX = frozenset({"aux", "auxpass"})
_QUOTES = frozenset({'"', "“", "”", "''", "``"})


def difference_features(doc: Doc, group: list[Candidate]) -> list[list[str]]:
    """Features of each variant of a cue against the others: for each other variant it
    contains, what it adds (``addR_…``/``addL_…`` at its right or left end: a trailing "as …"
    or prepositional phrase, a comma-set gloss, a second sentence, a quote; ``_part``), and for
    each one containing it, what it leaves out (``cutR_…``/``cutL_…``); a variant neither in
    nor around another reads the pair of constructions. Features the variants of a cue share
    cancel out of the softmax; these are the ones that differ. Each part is read once per
    construction (the longer variant's "add" is the shorter's "cut")."""
    spans = [_tokens(doc, c.content) for c in group]
    parts: dict[tuple[int, int, str], list[str]] = {}

    def part(lo: int, hi: int, side: str, base: str) -> list[str]:
        key = (lo, hi, base)
        if key not in parts:
            parts[key] = _part(doc, lo, hi, base)
        return [side + f for f in parts[key]]

    out: list[list[str]] = [[] for _ in group]
    for i, c in enumerate(group):
        lo, hi = spans[i]
        base = c.content_dep.split("_")[0]
        feats: set[str] = set()
        for j, o in enumerate(group):
            olo, ohi = spans[j]
            if i == j or (lo, hi) == (olo, ohi):
                continue
            if lo <= olo and ohi <= hi:  # c contains o
                if ohi < hi:
                    feats.update(part(ohi, hi, "addR_", base))
                if lo < olo:
                    feats.update(part(lo, olo, "addL_", base))
            elif olo <= lo and hi <= ohi:  # o contains c
                if hi < ohi:
                    feats.update(part(hi, ohi, "cutR_", base))
                if olo < lo:
                    feats.update(part(olo, lo, "cutL_", base))
            else:
                feats.add(f"vs={c.content_dep}|{o.content_dep}")
        out[i] = sorted(feats)
    return out


def fit_choice(
    groups: list[tuple[list[list[str]], list[int]]],
    l2: float = 5.0,
    iters: int = 200,
    lr: float = 0.05,
    min_count: int = 5,
) -> dict[str, float]:
    """Weights of a softmax over each group's variants (features, labels: 1 for a variant that
    matches gold) maximising the probability of the right ones; groups with no right or no wrong
    variant teach nothing and are skipped. ``l2``: 5 gave a better train CV F1 than 1 (65.5 vs
    65.3). Deterministic (sorted features, full-batch Adam), so
    ``train`` writes the same model file on every run."""
    import numpy as np

    used = [(rows, ys) for rows, ys in groups if any(ys) and not all(ys)]
    counts: dict[str, int] = defaultdict(int)
    for rows, _ in used:
        for feats in rows:
            for f in set(feats):
                counts[f] += 1
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    fi: list[int] = []
    owner: list[int] = []
    gid: list[int] = []
    labels: list[int] = []
    for k, (rows, ys) in enumerate(used):
        for feats, right in zip(rows, ys, strict=True):
            for f in sorted(set(feats)):
                if f in index:
                    fi.append(index[f])
                    owner.append(len(gid))
            gid.append(k)
            labels.append(right)
    f_ = np.asarray(fi, dtype=np.int64)
    ow = np.asarray(owner, dtype=np.int64)
    g_ = np.asarray(gid, dtype=np.int64)
    y = np.asarray(labels, dtype=np.float64)
    n, n_groups = len(gid), max(1, len(used))
    w = np.zeros(len(vocab))
    m = np.zeros(len(vocab))
    v = np.zeros(len(vocab))
    for t in range(1, iters + 1):
        z = np.bincount(ow, weights=w[f_], minlength=n)
        zmax = np.full(n_groups, -1e9)
        np.maximum.at(zmax, g_, z)
        e = np.exp(z - zmax[g_])
        p = e / np.bincount(g_, weights=e, minlength=n_groups)[g_]
        q = p * y
        q = q / np.bincount(g_, weights=q, minlength=n_groups)[g_]
        grad = np.bincount(f_, weights=(p - q)[ow], minlength=len(vocab)) / n_groups
        grad += l2 * w / n_groups
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return {f: round(float(w[i]), 4) for f, i in index.items() if abs(w[i]) >= 1e-3}

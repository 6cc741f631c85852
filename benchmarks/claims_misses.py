"""Why PolNeAR dev attributions are missed: each gold attribution that no kept claim matches
(who-said-what), put in one category, with counts and examples.

    python benchmarks/claims_misses.py [--split dev] [--cache DIR] [--examples 3] [--show CAT]

Categories, first that applies:
* ``no_source``     gold without a source (no claim can match it);
* ``wrong_speaker`` a kept top-level claim has its content but another speaker;
* ``nested``        a kept claim matches it, but inside another claim's content (not scored);
* ``extent_kept``   a kept claim has its cue, with a content of Dice < 0.5;
* ``not_selected``  a candidate would match it, but was not kept (``below`` the threshold, or
  ``clash``: another candidate of the same cue or content was kept);
* ``extent_cand``   a candidate has its cue, none with a matching content;
* ``no_candidate``  no candidate has its cue; subdivided by the gold cue's shape (part of speech
  of its first word, whether the lexicon knows it, source after the cue, quoted content, …).

Exploration only: prints, records nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.claims_eval import (
    DICE,
    Spans,
    _before_claims,
    _chars,
    contexts,
    dice,
    matched,
    parsed,
    read_ann,
)


def _cue_shape(doc: Any, gold: dict[str, Spans], lex: Any) -> str:
    """A coarse description of a gold cue no candidate found."""
    cue = gold.get("Cue")
    if not cue:
        return "no_cue"
    a, b = cue[0][0], cue[-1][1]
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span):
        return "cue_unaligned"
    words = [t for t in span if not t.is_punct]
    if not words:
        return "cue_punct"
    head = span.root
    text = span.text.lower()
    if "according" in text:
        return "according_to"
    lemma = head.lemma_.lower()
    known = (
        lemma in lex.verbs
        or lemma in lex.nouns
        or lemma in lex.noun_objects
        or head.lower_ in lex.adjectives
    )
    src = gold.get("Source")
    side = ""
    if src:
        side = "src_after" if src[0][0] > a else "src_before"
    content = gold["Content"]
    c0 = content[0][0]
    where = "content_after" if c0 > a else "content_before"
    return f"{head.pos_}|{'known' if known else 'unknown'}|{side}|{where}"


def analyse(split: str, cache: Path | None, n_examples: int, show: str | None) -> None:
    from newsgraph.config import load_config
    from newsgraph.pipeline import Pipeline
    from newsgraph.pipeline.stages.claims import scored_candidates
    from newsgraph.pipeline.stages.claims.build import _threshold, select
    from newsgraph.pipeline.stages.claims.lexicon import lexicon

    names = list(load_config().pipeline.stages)
    pipeline = Pipeline(stages=names[: names.index("claims.rules.v1") + 1])
    arts, docs, _ = parsed(split, cache, pipeline.nlp)
    lex = lexicon()
    thr = _threshold()
    cats: Counter[str] = Counter()
    sub: Counter[str] = Counter()
    cue_words: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    shapes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    n_gold = 0
    for ctx, (_, text, ann) in zip(
        contexts(arts, docs, _before_claims(pipeline)), arts, strict=True
    ):
        doc = ctx.doc
        scored = scored_candidates(ctx)
        kept = select(scored)
        gold = read_ann(ann)
        n_gold += len(gold)

        kept_c = [c for c, _ in kept]
        top = [
            c
            for c in kept_c
            if not any(o is not c and o.content[0] <= c.cue_char < o.content[1] for o in kept_c)
        ]
        top_p = [_as_pred(doc, c) for c in top]
        hit_p = matched(top_p, gold, speaker=True)
        # Which gold each matched prediction took: redo the one-to-one pairing.
        taken: set[int] = set()
        for j, g in enumerate(gold):
            gc, gs = _chars(g["Content"]), _chars(g.get("Source", []))
            for i in hit_p:
                p = top_p[i]
                pc = set(range(p["content_start"], p["content_end"]))
                ps = set(range(p["speaker_start"], p["speaker_end"]))
                if dice(pc, gc) >= DICE and ps & gs:
                    taken.add(j)
                    break
        nested_p = [_as_pred(doc, c) for c in kept_c if c not in top]
        all_p = [_as_pred(doc, c) for c, _ in scored if c.speaker_lo is not None]
        for j, g in enumerate(gold):
            for shape in _gold_shapes(doc, g):
                shapes[shape][int(j in taken)] += 1
            if j in taken:
                continue
            gc, gs = _chars(g["Content"]), _chars(g.get("Source", []))
            cue = g.get("Cue", [])
            gcue = _chars(cue)

            def good(p: dict[str, int], gc: set[int] = gc, gs: set[int] = gs) -> bool:
                pc = set(range(p["content_start"], p["content_end"]))
                ps = set(range(p["speaker_start"], p["speaker_end"]))
                return dice(pc, gc) >= DICE and bool(ps & gs)

            def content_ok(p: dict[str, int], gc: set[int] = gc) -> bool:
                return dice(set(range(p["content_start"], p["content_end"])), gc) >= DICE

            def same_cue(p: dict[str, int], gcue: set[int] = gcue) -> bool:
                return bool(gcue & set(range(p["cue"], p["cue_end"])))

            best_score = ""
            if not gs:
                cat = "no_source"
            elif any(content_ok(p) for p in top_p):
                cat = "wrong_speaker"
            elif any(good(p) for p in nested_p):
                cat = "nested"
            elif any(same_cue(p) for p in top_p):
                cat = "extent_kept"
            elif any(good(p) for p in all_p):
                best = max((p for p in all_p if good(p)), key=lambda p: p["score"])
                cat = "not_selected"
                best_score = f"{best['score']:.2f} {best['how']}"
                sub[f"not_selected|{'below' if best['score'] < thr else 'clash'}"] += 1
                sub[f"not_selected|{best['how']}"] += 1
            elif any(same_cue(p) for p in all_p):
                cat = "extent_cand"
            else:
                cat = "no_candidate"
                shape = _cue_shape(doc, g, lex)
                sub[f"no_candidate|{shape}"] += 1
                if cue:
                    cue_words[text[cue[0][0] : cue[-1][1]].lower()] += 1
            cats[cat] += 1
            label = sub_key(cat, g, doc, lex) + "|" + "|".join(_gold_shapes(doc, g))
            wanted = show is None or cat == show or show in label
            if wanted and len(examples[cat]) < n_examples:
                score = f" <{best_score}>" if best_score else ""
                examples[cat].append(_example(text, g) + score)
    print(f"gold {n_gold}; missed {sum(cats.values())}")
    for cat, n in cats.most_common():
        print(f"  {cat:16s} {n:5d}")
    print("gold shapes (missed, matched, recall):")
    for shape, (miss, hit) in sorted(shapes.items(), key=lambda x: -x[1][0]):
        print(f"  {shape:30s} {miss:5d} {hit:5d}  {100 * hit / (miss + hit):5.1f}")
    print("subcategories:")
    for key, n in sub.most_common(40):
        print(f"  {key:60s} {n:5d}")
    print("cue words of no_candidate (top 60):")
    print("  " + "; ".join(f"{w} {n}" for w, n in cue_words.most_common(60)))
    for cat, exs in examples.items():
        print(f"--- {cat}")
        for e in exs:
            print("   ", e)


def _as_pred(doc: Any, c: Any) -> dict[str, Any]:
    """A candidate as ``claims_eval.matched`` reads predictions, with its cue and score."""
    s0 = doc[c.speaker_lo].idx if c.speaker_lo is not None else 0
    s1 = doc[c.speaker_hi].idx + len(doc[c.speaker_hi].text) if c.speaker_hi is not None else 0
    return {
        "content_start": c.content[0],
        "content_end": c.content[1],
        "speaker_start": s0,
        "speaker_end": s1,
        "cue": doc[c.cue_lo].idx,
        "cue_end": doc[c.cue_hi].idx + len(doc[c.cue_hi].text),
        "score": c.score,
        "how": f"{c.pattern}|{c.content_dep}|{'lex' if c.cue is not None else 'nolex'}",
    }


def _gold_shapes(doc: Any, g: dict[str, Spans]) -> list[str]:
    """Structural labels of a gold attribution (several may apply)."""
    out = ["all"]
    content = g["Content"]
    c0, c1 = content[0][0], content[-1][1]
    cue = g.get("Cue")
    src = g.get("Source")
    if not src:
        out.append("no_source")
    if cue:
        a = cue[0][0]
        if c0 < a < c1:
            out.append("content_wraps_cue")
        elif c0 >= a:
            out.append("content_after_cue")
        else:
            out.append("content_before_cue")
        if src and src[0][0] > a:
            out.append("source_after_cue")
        span = doc.char_span(a, cue[-1][1], alignment_mode="expand")
        if span is not None and len(span):
            out.append(f"cue_pos={span.root.pos_}")
    else:
        out.append("no_cue")
    starts = {s.start_char for s in doc.sents}
    if any(c0 < x < c1 for x in starts):
        out.append("multi_sentence")
    first = doc.text[c0 : c0 + 1]
    if first in "“\"'":
        out.append("starts_quoted")
    return out


def sub_key(cat: str, g: dict[str, Spans], doc: Any, lex: Any) -> str:
    return f"{cat}|{_cue_shape(doc, g, lex)}" if cat == "no_candidate" else cat


def _example(text: str, g: dict[str, Spans]) -> str:
    def part(k: str) -> str:
        sp = g.get(k)
        return text[sp[0][0] : sp[-1][1]].replace("\n", " ")[:120] if sp else "-"

    return f"[S: {part('Source')}] [C: {part('Cue')}] [T: {part('Content')}]"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--show", default=None, help="examples only of this category (or subcategory)")
    args = ap.parse_args()
    analyse(args.split, args.cache, args.examples, args.show)


if __name__ == "__main__":
    main()

"""Directed-pair scoring of events: the format of the held-out acceptance set, built from PLOVER.

One gold tuple ``(sentence, source span, target span, type)`` per directed pair a coder would
write, several per sentence where the sentence has them:

* every gold source with every gold target (``1 source x 2 targets`` gives two tuples);
* a reciprocal record (several sources, no target: "X and Y signed an accord") gives each party
  as source with each other party as target (``X -> Y`` and ``Y -> X``);
* a one-sided record with a single actor gives one tuple with that side empty (``None``).

Types are the 15 PLOVER roots: the older GSR names are mapped with the ontology's aliases, and
CONCEDE and RETREAT are merged as YIELD (on both sides).

Predicted tuples are formed the same way from each event: its source arguments with its target
arguments (an actor is never paired with itself), or one side empty when the event has only the
other. An event with no actor at all is one tuple with both sides empty: it can never match, so it
counts against precision. A predicted actor matches a gold actor when its argument span overlaps
the gold span **and** overlaps a mention of the argument's entity (an unnamed actor such as
"police", with no entity, never matches: the acceptance scorer needs an entity). An empty side
matches only an empty side. Tuples are matched one to one within the sentence (greedily, in
order); P = matched / predicted tuples, R = matched / gold tuples.

This module is a library; ``benchmarks/events_eval.py`` prints these figures beside the GSR ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.model.records import directed_pairs

Span = tuple[int, int]
Actor = tuple[Span, ...]  # the spans of one actor (a discontinuous actor has several)

MERGED = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}


def root_type(name: str) -> str:
    """The 15-root type of a PLOVER type name (CONCEDE and RETREAT are YIELD)."""
    return MERGED.get(name, name)


@dataclass(frozen=True)
class Pair:
    """One directed tuple: type, source actor and target actor (``None`` for an empty side)."""

    type: str
    source: Actor | None
    target: Actor | None


@dataclass(frozen=True)
class PredActor:
    """A predicted actor: its argument span and whether that span is a mention of its entity."""

    span: Span
    named: bool


@dataclass(frozen=True)
class PredPair:
    type: str
    source: PredActor | None
    target: PredActor | None


def actor_spans(text: str, actor_text: str) -> Actor:
    """Character spans of a gold actor text in ``text`` ("A ... B" marks a discontinuous actor)."""
    out: list[Span] = []
    for part in actor_text.split("..."):
        part = part.strip()
        if not part:
            continue
        i = text.find(part)
        if i < 0:
            i = text.lower().find(part.lower())
        if i >= 0:
            out.append((i, i + len(part)))
    return tuple(out)


def gold_pairs(text: str, etype: str, sources: list[str], targets: list[str]) -> list[Pair]:
    """The directed tuples of one gold record (actor texts as the record gives them)."""
    src = [a for a in (actor_spans(text, s) for s in sources) if a]
    tgt = [a for a in (actor_spans(text, t) for t in targets) if a]
    etype = root_type(etype)
    if src and tgt:
        return [Pair(etype, s, t) for s in src for t in tgt]
    if len(src) > 1:  # reciprocal: each party acts on each other party
        return [Pair(etype, s, t) for s in src for t in src if s != t]
    if src:
        return [Pair(etype, src[0], None)]
    if tgt:
        return [Pair(etype, None, t) for t in tgt]
    return []


def load_pairs(path: Path, canonical: Any) -> list[dict[str, Any]]:
    """Sentences of the PLOVER GSR file with their gold tuples, in file order.

    ``canonical`` maps an older GSR type name to the ontology's (the lexicon's
    ``canonical_type``); records without text and the DOCUMENT record are skipped.
    """
    out = []
    for rec in json.loads(path.read_text(encoding="utf-8")):
        if rec.get("event") in (None, "DOCUMENT") or not rec.get("text"):
            continue
        text = rec["text"]

        def texts(actors: Any) -> list[str]:
            if not isinstance(actors, list):
                return []
            return [str(a.get("actorText", "")) for a in actors]

        pairs = gold_pairs(
            text, canonical(rec["event"]), texts(rec.get("source")), texts(rec.get("target"))
        )
        out.append({"id": rec["id"], "text": text, "pairs": pairs})
    return out


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def predicted_pairs(event: Any, mentions: list[Any]) -> list[PredPair]:
    """The directed tuples of one predicted event (an ``Event`` with ``arguments``)."""

    def actor(arg: Any) -> PredActor:
        span = (arg.start, arg.end)
        named = arg.entity is not None and any(
            (m.entity == arg.entity or m.id == arg.entity) and _overlap(span, (m.start, m.end))
            for m in mentions
        )
        return PredActor(span, named)

    etype = root_type(event.type)
    # The same expansion the contract documents (reciprocal events give every party as source
    # with every other as target); spans that overlap are one actor, never a pair.
    out = [
        PredPair(etype, actor(s) if s else None, actor(t) if t else None)
        for s, t in directed_pairs(event)
        if not (s and t and _overlap((s.start, s.end), (t.start, t.end)))
    ]
    if out:
        return out
    src = [a for a in event.arguments if a.role == "source"]
    if src:
        return [PredPair(etype, actor(s), None) for s in src]
    return [PredPair(etype, None, None)]


def _side(pred: PredActor | None, gold: Actor | None, need_name: bool) -> bool:
    if pred is None or gold is None:
        return pred is None and gold is None
    if need_name and not pred.named:
        return False
    return any(_overlap(pred.span, g) for g in gold)


def match_count(pred: list[PredPair], gold: list[Pair], need_name: bool = True) -> int:
    """Predicted tuples matched one to one with gold tuples of the same sentence."""
    used: set[int] = set()
    tp = 0
    for p in pred:
        for k, g in enumerate(gold):
            if k in used or p.type != g.type:
                continue
            if _side(p.source, g.source, need_name) and _side(p.target, g.target, need_name):
                used.add(k)
                tp += 1
                break
    return tp


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 in percent (one decimal)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(100 * p, 1), round(100 * r, 1), round(100 * f, 1)


def score_pairs(
    gold: list[list[Pair]], pred: list[list[PredPair]], need_name: bool = True
) -> dict[str, float]:
    """Tuple P/R/F1 over sentences (``gold[i]`` and ``pred[i]`` belong to sentence ``i``)."""
    tp = n_pred = n_gold = 0
    for g, p in zip(gold, pred, strict=True):
        tp += match_count(p, g, need_name)
        n_pred += len(p)
        n_gold += len(g)
    p_, r_, f_ = prf(tp, n_pred, n_gold)
    return {
        "pairs_gold": n_gold,
        "pairs_predicted": n_pred,
        "pairs_precision": p_,
        "pairs_recall": r_,
        "pairs_f1": f_,
    }

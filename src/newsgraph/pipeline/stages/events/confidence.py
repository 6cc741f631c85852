"""How sure the events stage is that an event's type and actors are right (``Event.confidence``).

A logistic model over features that exist at extraction time: the type and mode, the trigger's
lemma and part of speech, the modality, whether source and target are named actors and of which
entity type, how far the actors sit from the trigger, negation and hedges near the trigger, the
sentence's position in the article, and domain cues (money, percentages, share counts: the marks of
business news, where violent readings of "shoot up" or "strike" are wrong).

The weights are ``model/data/events_confidence.json``, written reproducibly by
``python benchmarks/events_eval.py train`` (deterministic full-batch gradient descent; the
threshold ``query.min_event_confidence`` comes from cross-validation on the development data). A
missing file leaves ``confidence`` unset (``None``), which read commands treat as fully trusted.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.model.data import data_path
from newsgraph.model.records import DocResult, Event
from newsgraph.pipeline.doctext import doc_text
from newsgraph.pipeline.intervals import IntervalIndex
from newsgraph.pipeline.logistic import fit_logistic
from newsgraph.pipeline.stages.events.lexicon import lexicon

MODEL_FILE = "events_confidence.json"

_BUSINESS_LABELS = ("MONEY", "PERCENT", "QUANTITY")
_NAMED = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float

    def score(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(feats))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The shipped model, or None when it has not been trained."""
    path = data_path(MODEL_FILE)
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]))


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


class Featurizer:
    """Feature strings of the events of one document (sentence facts are computed once)."""

    def __init__(self, doc: Doc, result: DocResult, events: list[Event]) -> None:
        self.doc = doc
        self.text = doc_text(doc)  # spaCy rebuilds doc.text from every token on each access
        self.result = result
        self.events = events
        self.types: dict[str, str] = {e.id: e.type for e in result.entities}
        for m in result.mentions:
            self.types.setdefault(m.id, m.type)
        self.mentions = IntervalIndex((m.start, m.end, m) for m in result.mentions)
        # ``Span.ents`` scans every entity of the document: index them once (linear cost).
        self.ents = list(doc.ents)
        self.ent_starts = [e.start for e in self.ents]
        sents = list(doc.sents)
        money = sum(
            1 for s in sents if any(lab in ("MONEY", "PERCENT") for lab in self._labels(s))
        ) / max(1, len(sents))
        self.doc_business = "hi" if money >= 0.5 else "mid" if money >= 0.2 else "lo"

    def _labels(self, span: Span) -> list[str]:
        """Labels of the entities inside ``span`` (what ``span.ents`` holds)."""
        lo = bisect.bisect_left(self.ent_starts, span.start)
        hi = bisect.bisect_left(self.ent_starts, span.end)
        return [e.label_ for e in self.ents[lo:hi] if e.end <= span.end]

    @staticmethod
    def _depth(tok: Token) -> int:
        d = 0
        while tok.head.i != tok.i and d < 50:
            tok, d = tok.head, d + 1
        return d

    def _depth_of(self, ev: Event) -> int:
        tok = _token_at(self.doc, ev.trigger_start)
        return 99 if tok is None else self._depth(tok)

    def _named(self, arg: Any) -> bool:
        """Whether the argument's span overlaps a mention of its entity."""
        return arg.entity is not None and any(
            (m.entity == arg.entity or m.id == arg.entity)
            and m.start < arg.end
            and arg.start < m.end
            for m in self.mentions.near(arg.start, arg.end)
        )

    def _actor(self, role: str, ev: Event, trig: Token | None) -> list[str]:
        args = [a for a in ev.arguments if a.role == role]
        if not args:
            return [f"{role}:none"]
        out = [f"{role}:n{min(len(args), 3)}"]
        for a in args[:2]:
            etype = self.types.get(a.entity or "", "")
            out.append(f"{role}:{etype if etype in _NAMED else 'unnamed'}")
            out.append(f"type_{role}:{ev.type}/{out[-1].partition(':')[2]}")
            if not self._named(a):
                out.append(f"{role}:no_mention")
            gap = len(self.text[min(a.end, ev.trigger_start) : max(a.start, ev.trigger_end)])
            out.append(f"{role}:gap{_bucket(gap // 6, (2, 5, 10, 20))}")
            span = self.doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            if head.pos_ == "PRON":
                out.append(f"{role}:pron")
            if any(t.dep_ == "case" for t in span):
                out.append(f"{role}:possessive")
            link = head.dep_
            if link == "pobj":
                link = f"pobj_{head.head.lower_}"
            out.append(f"{role}:link_{link}")
            if trig is not None:
                steps, tok = 0, head
                while tok.i != trig.i and tok.head.i != tok.i and steps < 8:
                    tok, steps = tok.head, steps + 1
                path = "under" if tok.i == trig.i else "apart"
                out.append(f"{role}:{path}{_bucket(steps, (1, 2, 4))}")
        return out

    def features(self, ev: Event) -> list[str]:
        lex = lexicon()
        etype = lex.types.get(ev.type)
        quad = etype.quad if etype else "?"
        feats = [
            f"type:{ev.type}",
            f"mode:{ev.type}/{ev.mode}",
            f"quad:{quad}",
            f"modality:{ev.modality}",
            f"claim:{ev.claim is not None}",
            f"quad_doc_business:{quad}/{self.doc_business}",
        ]
        feats += [f"context:{c}" for c in ev.contexts[:3]]
        trig = _token_at(self.doc, ev.trigger_start)
        if trig is not None:
            lemma = trig.lemma_.lower()
            feats += [
                f"lemma:{lemma}",
                f"type_lemma:{ev.type}/{lemma}",
                f"pos:{trig.pos_}",
                f"dep:{trig.dep_}",
                f"multiword:{len(self.text[ev.trigger_start : ev.trigger_end].split()) > 1}",
            ]
            near = [trig, *trig.children]
            if any(t.dep_ == "neg" for t in near):
                feats.append("negated")
            if any(t.tag_ == "MD" for t in near):
                feats.append("modal_verb")
        sent = self.doc.char_span(ev.sentence_start, ev.sentence_end, alignment_mode="expand")
        if sent is not None:
            labels = set(self._labels(sent))
            business = [lab for lab in _BUSINESS_LABELS if lab in labels]
            feats += [f"quad_has:{quad}/{lab}" for lab in business]
            cue = "business" if business else "plain"
            feats.append(f"quad_sent:{quad}/{cue}")
            feats.append(f"type_sent:{ev.type}/{cue}")
            feats.append(f"sent_len:{_bucket(len(sent), (10, 20, 35, 60))}")
        src = self._actor("source", ev, trig)
        tgt = self._actor("target", ev, trig)
        feats += src + tgt
        feats.append(f"actors:{src[0] != 'source:none'}/{tgt[0] != 'target:none'}")
        same = [e for e in self.events if e.sentence_start == ev.sentence_start]
        feats.append(f"sent_events:{_bucket(len(same), (1, 2))}")
        if trig is not None and len(same) > 1:
            feats.append(f"top_event:{self._depth(trig) == min(self._depth_of(e) for e in same)}")
        return feats


def features_of(doc: Doc, result: DocResult, events: list[Event]) -> list[list[str]]:
    """Feature strings of each event (for training and for scoring)."""
    f = Featurizer(doc, result, events)
    return [f.features(ev) for ev in events]


def score_events(doc: Doc, result: DocResult, events: list[Event]) -> None:
    """Set ``confidence`` (0-1, three decimals) on each event; no-op without a trained model."""
    model = load_model()
    if model is None or not events:
        return
    for ev, feats in zip(events, features_of(doc, result, events), strict=True):
        ev.confidence = round(model.score(feats), 3)


def train(
    rows: list[list[str]], labels: list[int], l2: float = 2.0, iters: int = 300, min_count: int = 5
) -> tuple[dict[str, float], float]:
    """Fit the event confidence model (``pipeline.logistic``; few rows, so a light L2)."""
    return fit_logistic(rows, labels, l2=l2, iters=iters, lr=0.05, min_count=min_count)


def save_model(weights: dict[str, float], bias: float, meta: dict[str, Any]) -> None:
    """Write the model file (sorted keys, so retraining on the same data gives the same bytes)."""
    data = {"meta": meta, "bias": bias, "weights": dict(sorted(weights.items()))}
    text = json.dumps(data, indent=1, sort_keys=True) + "\n"
    data_path(MODEL_FILE).write_text(text, encoding="utf-8")
    load_model.cache_clear()

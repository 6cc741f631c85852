"""What a stage sees: the document, its one spaCy parse, and the result being filled.

Stages communicate through the result records (``ctx.result``) and through a few typed
intermediate indexes kept here, so later stages (claims, events) can find the entity a token refers
to without re-reading the text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.model.records import DocResult, Document, Mention
from newsgraph.pipeline.intervals import IntervalIndex


@dataclass
class StageContext:
    document: Document
    doc: Doc
    result: DocResult
    # token index -> entity id, filled by the actors stage (names, descriptions, pronouns).
    token_entity: dict[int, str] = field(default_factory=dict)
    # Free-form intermediates a stage declares in ``assigns`` (e.g. "times.index").
    extras: dict[str, Any] = field(default_factory=dict)
    _sent_starts: list[int] = field(default_factory=list)
    _ent_of_token: dict[int, Span] | None = None
    _timex_index: tuple[int, list[int], list[int]] | None = None
    _mention_index: tuple[list[Mention], int, IntervalIndex[Mention], dict[str, Mention]] | None = (
        None
    )

    def named_entity_at(self, i: int) -> Span | None:
        """The spaCy entity holding token ``i`` (an index built once, so that a lookup does not
        scan ``doc.ents``: long documents stay linear)."""
        if self._ent_of_token is None:
            self._ent_of_token = {t: e for e in self.doc.ents for t in range(e.start, e.end)}
        return self._ent_of_token.get(i)

    def timexes_within(self, start: int, end: int) -> list[Any]:
        """The timexes starting in ``[start, end)``, in their order in ``result.timexes`` (a
        sorted index rebuilt only when the list grows, so a lookup does not scan every timex)."""
        timexes = self.result.timexes
        if self._timex_index is None or self._timex_index[0] != len(timexes):
            order = sorted(range(len(timexes)), key=lambda k: timexes[k].start)
            self._timex_index = (len(timexes), [timexes[k].start for k in order], order)
        _, starts, order = self._timex_index
        hits = order[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
        return [timexes[k] for k in sorted(hits)]

    def mentions_near(self, start: int, end: int) -> list[Mention]:
        """The mentions of ``result.mentions`` sharing a character with ``[start, end)``, and
        maybe a few neighbours (callers keep their exact test), in list order. The index is
        built once per list, so a lookup per argument or per event does not scan every mention
        of a long article."""
        return self._mentions()[2].near(start, end)

    def first_mention_of(self, key: str) -> Mention | None:
        """The first mention in ``result.mentions`` whose id or entity is ``key``."""
        return self._mentions()[3].get(key)

    def _mentions(
        self,
    ) -> tuple[list[Mention], int, IntervalIndex[Mention], dict[str, Mention]]:
        """The mention indexes, rebuilt when ``result.mentions`` is replaced or grows."""
        ms = self.result.mentions
        cached = self._mention_index
        if cached is None or cached[0] is not ms or cached[1] != len(ms):
            first: dict[str, Mention] = {}
            for m in ms:
                first.setdefault(m.id, m)
                if m.entity is not None:
                    first.setdefault(m.entity, m)
            cached = (ms, len(ms), IntervalIndex((m.start, m.end, m) for m in ms), first)
            self._mention_index = cached
        return cached

    def sentence_span(self, char: int) -> tuple[int, int]:
        """Character span of the sentence holding character ``char``."""
        sents = self.result.sentences
        if not sents:
            return (0, len(self.document.text))
        if not self._sent_starts:
            self._sent_starts = [s for s, _ in sents]
        i = max(0, bisect.bisect_right(self._sent_starts, char) - 1)
        return sents[i]

    def entity_at(self, start: int, end: int) -> str | None:
        """Entity id of the first token in ``[start, end)`` that refers to one."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        return self.entity_of_span(span)

    def entity_of_head(self, span: Span) -> str | None:
        """Entity the phrase ``span`` *is*, read from its head: the root, a name the root stands
        in apposition to ("His lawyer, Daniel Okafor-Reyes"), or, for a proper-noun root, the
        other parts of the same name. Never an entity the phrase merely contains: "His critics",
        "supporters of Salcedo", "a former bookkeeper for the cartel" are none of those people —
        attributing their words to the possessor would be a false attribution."""
        root = span.root
        if root.i in self.token_entity:
            return self.token_entity[root.i]
        for child in root.children:
            if child.dep_ == "appos" and span.start <= child.i < span.end:
                found = self._name_entity(child, span)
                if found is not None:
                    return found
        if root.pos_ == "PROPN":
            return self._name_entity(root, span)
        return None

    def _name_entity(self, tok: Token, span: Span) -> str | None:
        """Entity of ``tok`` or of a compound/flat part of the same name inside ``span``."""
        if tok.i in self.token_entity:
            return self.token_entity[tok.i]
        for child in tok.children:
            in_span = span.start <= child.i < span.end
            if in_span and child.dep_ in ("compound", "flat") and child.i in self.token_entity:
                return self.token_entity[child.i]
        return None

    def entity_of_span(self, span: Span) -> str | None:
        # Prefer the syntactic head, then any token, so "the former official" maps via "official".
        head = span.root.i
        if head in self.token_entity:
            return self.token_entity[head]
        for tok in span:
            if tok.i in self.token_entity:
                return self.token_entity[tok.i]
        return None

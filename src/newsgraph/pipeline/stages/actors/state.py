"""Working records of the actors stage: mentions as token spans and entities being built.

They live only while the stage runs; ``build.py`` turns them into contract ``Mention``/``Entity``
records. Token indices (not characters) keep the dependency parse at hand.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.pipeline.doctext import doc_text
from newsgraph.pipeline.tokattrs import token_attrs

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass
class Ment:
    """A mention: tokens ``[start, end)`` of the parse."""

    start: int
    end: int
    type: str | None  # NER label; None for an acronym candidate not yet placed
    kind: str = "name"  # name | nominal | pronoun | acronym | nickname
    entity: int | None = None  # index into ``Work.entities``
    nickname: tuple[int, int] | None = None  # token span of a quoted nickname inside the name
    titles: tuple[int, ...] = ()  # title tokens stripped from the front ("President")
    # (doc, name words) once asked: a mention's tokens never change (a new span is a new Ment)
    _words: tuple[Doc, tuple[str, ...]] | None = field(
        default=None, init=False, compare=False, repr=False
    )

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]

    def chars(self, doc: Doc) -> tuple[int, int]:
        """``(span.start_char, span.end_char)`` of the mention, without making the ``Span``."""
        if self.end <= self.start:
            span = self.span(doc)
            return span.start_char, span.end_char
        cols = doc_columns(doc)
        return cols.starts[self.start], cols.ends[self.end - 1]

    def text(self, doc: Doc) -> str:
        """``self.span(doc).text``, sliced from the document's text."""
        a, b = self.chars(doc)
        return doc_text(doc)[a:b]

    def name_tokens(self, doc: Doc) -> list[Token]:
        """Tokens of the name proper: nickname, quotes and punctuation left out."""
        return [doc[i] for i in self._name_indices(doc)]

    def name_words(self, doc: Doc) -> tuple[str, ...]:
        """The texts of :meth:`name_tokens`, read by index (no ``Token`` made); kept on the
        mention, which clustering, acronyms and records each ask again."""
        cached = self._words
        if cached is not None and cached[0] is doc:
            return cached[1]
        text = token_attrs(doc).text
        words = tuple(text[i] for i in self._name_indices(doc))
        self._words = (doc, words)
        return words

    def _name_indices(self, doc: Doc) -> list[int]:
        nick = range(*self.nickname) if self.nickname else range(0)
        in_name = doc_columns(doc).in_name
        return [i for i in range(self.start, self.end) if in_name[i] and i not in nick]


@dataclass(frozen=True)
class DocColumns:
    """Per token index of a parsed document, what the actors stage asks of mentions most often:
    character start and end, and whether the token can be part of a name proper (no
    punctuation, no space, no possessive ending)."""

    starts: list[int]
    ends: list[int]
    in_name: list[bool]


_COLUMNS_KEY = "newsgraph.actors.columns"


def doc_columns(doc: Doc) -> DocColumns:
    """The :class:`DocColumns` of ``doc``, computed at most once per ``Doc``."""
    cached = doc.user_data.get(_COLUMNS_KEY)
    if isinstance(cached, DocColumns):
        return cached
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE

    attrs = token_attrs(doc)
    starts: list[int] = []
    flags: list[list[int]] = [[], []]
    if len(doc):
        starts, *flags = doc.to_array([IDX, IS_PUNCT, IS_SPACE]).T.tolist()
    ends = [a + len(t) for a, t in zip(starts, attrs.text, strict=True)]
    in_name = [
        not punct and not space and tag != "POS"
        for punct, space, tag in zip(flags[0], flags[1], attrs.tag, strict=True)
    ]
    built = DocColumns(starts, ends, in_name)
    doc.user_data[_COLUMNS_KEY] = built
    return built


@dataclass
class RoleDraft:
    title: str
    evidence: tuple[int, int]  # characters
    head: int  # token index of the role noun
    org: int | None = None  # entity index
    of: int | None = None  # entity index
    of_token: int | None = None  # possessor token to resolve after coreference ("his lawyer")
    former: bool = False
    kind: str = ""  # role-noun kind from the lexicon


@dataclass
class Ent:
    type: str
    mentions: list[Ment] = field(default_factory=list)
    keys: list[tuple[str, ...]] = field(default_factory=list)
    nicknames: list[str] = field(default_factory=list)
    roles: list[RoleDraft] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    gender: str | None = None
    # character span supporting each attribute ("gender": the honorific, title or pronoun)
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)
    ambiguous: bool = False  # a short form that matched several people; kept apart
    mentions_pending: list[Ment] = field(default_factory=list)  # while clustering only

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def set_gender(self, gender: str | None, evidence: tuple[int, int]) -> None:
        """Record ``gender`` ("m"/"f") with the span that says it, unless one is known."""
        if gender in ("m", "f") and self.gender is None:
            self.gender = gender
            self.evidence["gender"] = evidence


@dataclass
class Work:
    """Everything the sub-steps share while reading one document."""

    doc: Doc
    doc_date: str
    mentions: list[Ment] = field(default_factory=list)
    entities: list[Ent] = field(default_factory=list)
    token_ent: dict[int, int] = field(default_factory=dict)  # token -> entity index
    token_ment: dict[int, Ment] = field(default_factory=dict)
    segment: list[int] = field(default_factory=list)  # token -> segment (sentence / line)
    segments: list[tuple[int, int]] = field(default_factory=list)  # token spans

    quotes: list[tuple[int, int]] = field(default_factory=list)  # character spans
    # token -> mentions starting there, in list order (kept by add/drop): a lookup of the
    # mentions of one sentence does not scan those of the whole document
    _by_start: dict[int, list[Ment]] = field(default_factory=dict, repr=False)
    _quote_starts: tuple[list[tuple[int, int]], list[int]] | None = field(default=None, repr=False)

    def quote_of(self, char: int) -> int | None:
        """Index of the quotation holding character ``char``, if any (``quotes`` are in text
        order and do not overlap: the last one starting at or before ``char``, by bisection)."""
        cached = self._quote_starts
        if cached is None or cached[0] is not self.quotes or len(cached[1]) != len(self.quotes):
            cached = self._quote_starts = (self.quotes, [a for a, _ in self.quotes])
        n = bisect.bisect_right(cached[1], char) - 1
        if n >= 0 and char < self.quotes[n][1]:
            return n
        return None

    def starting_in(self, a: int, b: int) -> list[Ment]:
        """Mentions starting at tokens ``[a, b)``, by start, in list order for one start (what
        a stable sort of ``mentions`` by start gives, filtered to the range)."""
        out: list[Ment] = []
        for i in range(a, b):
            here = self._by_start.get(i)
            if here:
                out.extend(here)
        return out

    def add(self, m: Ment, entity: int | None) -> None:
        """Record ``m`` as a mention of ``entity`` and index its tokens."""
        m.entity = entity
        self.mentions.append(m)
        self._by_start.setdefault(m.start, []).append(m)
        for i in range(m.start, m.end):
            self.token_ment[i] = m
            if entity is not None:
                self.token_ent[i] = entity
        if entity is not None:
            self.entities[entity].mentions.append(m)

    def drop(self, m: Ment) -> None:
        """Forget mention ``m`` (words the NER took for a name that are not one)."""
        if m.entity is not None:
            ent = self.entities[m.entity]
            ent.mentions = [x for x in ent.mentions if x is not m]
        self.mentions = [x for x in self.mentions if x is not m]
        here = self._by_start.get(m.start, [])
        self._by_start[m.start] = [x for x in here if x is not m]
        for i in range(m.start, m.end):
            if self.token_ment.get(i) is m:
                del self.token_ment[i]
                self.token_ent.pop(i, None)
        m.entity = None

    def link(self, m: Ment, entity: int) -> None:
        m.entity = entity
        self.entities[entity].mentions.append(m)
        for i in range(m.start, m.end):
            self.token_ent[i] = entity

    def is_subject(self, tok: Token) -> bool:
        """Subject of its clause, or in apposition to one ("X's Secretary, <name> — has ...")."""
        if tok.dep_ in SUBJECT_DEPS:
            return True
        return tok.dep_ == "appos" and tok.head.dep_ in SUBJECT_DEPS


def segment_doc(doc: Doc) -> tuple[list[int], list[tuple[int, int]]]:
    """Sentences, further cut at line breaks, so a heading is its own unit of discourse."""
    seg_of = [0] * len(doc)
    spans: list[tuple[int, int]] = []
    text = token_attrs(doc).text
    for sent in doc.sents:
        start = sent.start
        for i in range(start, sent.end):
            if "\n" in text[i] and i > start and doc[i].is_space:
                spans.append((start, i + 1))
                start = i + 1
        if start < sent.end:
            spans.append((start, sent.end))
    for n, (a, b) in enumerate(spans):
        for i in range(a, b):
            seg_of[i] = n
    return seg_of, spans


_OPEN = {"“": "”", "«": "»", '"': '"'}
_OPEN_RE = re.compile("|".join(re.escape(q) for q in _OPEN))


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (“...”, «...», "..."), across sentences, in text order."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        found = _OPEN_RE.search(text, i)
        if found is None:
            break
        i = found.start()
        close = _OPEN[text[i]]
        j = text.find(close, i + 1)
        if j < 0:
            break
        spans.append((i, j + 1))
        i = j + 1
    return spans

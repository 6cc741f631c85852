"""Argument linking: the entity an event argument stands for, and the text span that shows it.

An argument token found by ``arguments`` is linked, most direct evidence first, to:

1. the entity its noun phrase *is* (its head, a name in apposition): "Ostland", "President Orlov";
2. a name the phrase contains (a possessor, a nationality, an "of" complement): "Carpathia's
   army", "the police of Ostland", "Lagonian authorities";
3. for a common-noun head that names no one, the nearest named actor in a modifier of it -- a
   place or organisation in an "in/of/from/at" phrase, or inside a participle or relative clause
   ("Government troops in Carpathia", "villagers fleeing the floods in Carpathia",
   "refugees from Lagonia"). PLOVER and CAMEO code such actors by the country or organisation
   they belong to (CAMEO's "CAR" + role), so the argument is that actor; the span then runs from
   the phrase to the name, so that it contains the mention it is linked to.

The entity is always one with a mention inside the argument's span: "Lagonian authorities" is
linked to the "Lagonian" entity even when the article also names "Lagonia" (that the two are one
country is for the actors stage to say), so that the span and the entity support each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.model.records import EventArgument
from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.stages.events.syntax import noun_phrase

# Mention types that stand for an actor (people, organisations, countries, places, groups).
ACTOR_MENTIONS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# Mentions a common noun may take its actor from (not a person near it: "a friend of Orlov").
_AFFILIATION = frozenset({"ORG", "GPE", "NORP"})
# Links from a common-noun head down to the modifier naming its affiliation.
_MODIFIER_PREPS = frozenset({"in", "of", "from", "at", "inside", "within"})
_CLAUSES = frozenset({"acl", "relcl"})
# Inside a clause only place and origin phrases lead on: "rebels fighting [the army of X]" are
# not X.
_INTO_CLAUSE = frozenset({"prep", "pobj"})
_MAX_DEPTH = 4


@dataclass(frozen=True)
class Link:
    """An argument's span and entity, and whether the phrase itself is that entity (``direct``)
    rather than an actor belonging to it ("troops in Carpathia")."""

    start: int
    end: int
    entity: str | None
    direct: bool


class Linker:
    """Links argument tokens of one document to entities (built once per document)."""

    def __init__(self, ctx: StageContext) -> None:
        self.ctx = ctx
        # Spans of arguments linked to an entity they belong to rather than one they are.
        self.indirect: set[tuple[int, int]] = set()
        # Spans of arguments that show a proper name of their entity (not only a description).
        self.proper: set[tuple[int, int]] = set()

    # --- entities -------------------------------------------------------------------------------
    def link(self, tok: Token) -> Link:
        """Span and entity of the argument headed by ``tok`` (see the module docstring)."""
        ctx = self.ctx
        s, e = noun_phrase(tok)
        span = ctx.doc[s:e]
        start, end = span.start_char, span.end_char
        entity = ctx.entity_of_head(span)
        direct = entity is not None
        if entity is None:
            for ap in tok.children:
                if ap.dep_ == "appos":
                    entity = ctx.entity_of_span(ctx.doc[slice(*noun_phrase(ap))])
                    if entity:
                        direct = True
                        break
        if entity is not None and not self._shown(entity, start, end):
            # A description linked to someone named elsewhere ("the minister" -> a name two
            # sentences back) that itself names its country or body: that name is the one the
            # text shows for this actor here.
            entity = self.mention_id(start, end) or entity
        if entity is None:
            entity = self.mention_id(start, end)
        if entity is None and tok.pos_ in ("NOUN", "PROPN"):
            found = self._affiliation(tok)
            if found is not None:
                entity, m_end = found
                end = max(end, m_end)
        return Link(start, end, entity, direct)

    def mention_id(
        self, start: int, end: int, types: frozenset[str] = ACTOR_MENTIONS
    ) -> str | None:
        """Entity (or mention id) of the first actor name overlapping ``[start, end)``; not a
        pronoun: "its partners" are not "it"."""
        for m in self.ctx.mentions_near(start, end):
            if (
                m.start < end
                and start < m.end
                and m.type in ACTOR_MENTIONS
                and m.type in types
                and m.kind != "pronoun"
            ):
                return m.entity or m.id
        return None

    def names_in(self, arg: EventArgument) -> bool:
        """Whether ``arg``'s span holds a proper name of its entity (not a description or a
        pronoun): "Lagonia", "the Lagonian army", not "the kidnapped woman"."""
        return arg.entity is not None and any(
            m.start < arg.end
            and arg.start < m.end
            and arg.entity in (m.entity, m.id)
            and m.kind not in ("pronoun", "nominal")
            for m in self.ctx.mentions_near(arg.start, arg.end)
        )

    def _shown(self, entity: str, start: int, end: int) -> bool:
        """Whether a mention of ``entity`` lies in ``[start, end)``."""
        return any(
            m.start < end and start < m.end and entity in (m.entity, m.id)
            for m in self.ctx.mentions_near(start, end)
        )

    def _affiliation(self, head: Token) -> tuple[str, int] | None:
        """The nearest organisation, country or group named in a modifier of ``head``, with the
        end offset of its mention: "troops [in Carpathia]", "villagers [fleeing ... in X]"."""
        frontier: list[tuple[Token, int]] = [(head, 0)]
        while frontier:
            tok, depth = frontier.pop(0)
            if depth >= _MAX_DEPTH:
                continue
            for ch in tok.children:
                if not self._descends(tok, ch, depth):
                    continue
                if ch.ent_type_ in _AFFILIATION or ch.pos_ == "PROPN":
                    found = self.mention_id(ch.idx, ch.idx + len(ch.text), _AFFILIATION)
                    if found is not None:
                        m_end = max(t.idx + len(t.text) for t in ch.subtree)
                        return found, m_end
                frontier.append((ch, depth + 1))
        return None

    @staticmethod
    def _descends(tok: Token, ch: Token, depth: int) -> bool:
        """Whether the search for an affiliation goes from ``tok`` into its child ``ch``."""
        if ch.dep_ == "prep":
            return ch.lower_ in _MODIFIER_PREPS
        if ch.dep_ == "pobj":
            return tok.dep_ == "prep"
        if depth == 0:
            return ch.dep_ in _CLAUSES and ch.pos_ in ("VERB", "AUX")
        return tok.dep_ in _CLAUSES | _INTO_CLAUSE and ch.dep_ in _INTO_CLAUSE


def argument(ctx: StageContext, linker: Linker, role: str, tok: Token) -> EventArgument:
    """The ``EventArgument`` for ``tok`` in ``role``; a pronoun cites the name it stands for when
    the sentence gives it."""
    link = linker.link(tok)
    if link.entity is not None and not link.direct:
        linker.indirect.add((link.start, link.end))
    if tok.pos_ == "PRON" and link.entity is not None:
        s_start = tok.sent.start_char
        named = [
            m
            for m in ctx.mentions_near(s_start, tok.idx + 1)
            if m.entity == link.entity
            and s_start <= m.start
            and m.end <= tok.idx
            and m.kind != "pronoun"
        ]
        if named:
            m = named[-1]
            arg = EventArgument(role, m.start, m.end, m.text, link.entity)
            if linker.names_in(arg):
                linker.proper.add((arg.start, arg.end))
            return arg
    text = ctx.document.text[link.start : link.end]
    arg = EventArgument(role, link.start, link.end, text, link.entity)
    if linker.names_in(arg):
        linker.proper.add((arg.start, arg.end))
    return arg

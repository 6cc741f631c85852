"""Source and target of an event from the dependency tree: subject/agent, objects, prepositional
arguments, possessors of nominalisations, coordinated actors, and the understood subject of
controlled and reported clauses.

An argument is any actor the text names or describes, not a dictionary entry: a token the actors
stage linked to an entity, a named-entity span, a personal pronoun, or a noun phrase headed by a
word for a person, group or body ("police", "rebels", "officials").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.model.records import EventArgument
from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.stages.events.adjuncts import (
    CONDITIONAL_TYPES,
    TARGET_PREPS,
    condition_targets,
    purpose_targets,
)
from newsgraph.pipeline.stages.events.lexicon import Lexicon
from newsgraph.pipeline.stages.events.linking import Linker, argument
from newsgraph.pipeline.stages.events.shapes import (
    ACTOR_LABELS,
    depth_below,
    displaced_objects,
    nationalities,
    refers_to_parties,
    stray_objects,
)
from newsgraph.pipeline.stages.events.syntax import children, conjuncts, prep_objects, subject
from newsgraph.pipeline.stages.events.triggers import Candidate

PERSONAL = frozenset(
    {"he", "she", "they", "it", "we", "him", "her", "them", "us", "i", "me", "you"}
)
_TO_TYPES = frozenset(
    {
        "AID",
        "COOPERATE",
        "SUPPORT",
        "CONSULT",
        "AGREE",
        "THREATEN",
        "RETREAT",
        "SANCTION",
        "REJECT",
        "PROTEST",
    }
)
_FROM_TYPES = frozenset({"REQUEST", "RETREAT", "SANCTION", "REJECT", "CONCEDE", "COERCE"})
# Nouns of these types take their patient with "of": "the invasion of X", "the arrest of X".
_OF_PATIENT = frozenset({"ASSAULT", "COERCE", "SANCTION", "SUPPORT", "AID", "COOPERATE"})
_OWN = frozenset({"its", "their", "his", "her", "our", "my"})
# Types whose object's "with" partner is a party to the act ("signed an accord with X").
_PACT_TYPES = frozenset({"AGREE", "SUPPORT"})
_CONTENT_TYPES = frozenset({"REQUEST", "ACCUSE", "THREATEN", "REJECT"})
# Prepositions to look through when an object is not itself an actor ("ties between X and Y").
_INNER_PREPS = frozenset(
    {"of", "between", "with", "against", "by", "from", "to", "on", "for", "among"}
)


@dataclass
class Actors:
    sources: list[Token]
    targets: list[Token]


class ArgumentFinder:
    """Finds actor tokens for candidates of one document."""

    def __init__(self, ctx: StageContext, lex: Lexicon) -> None:
        self.ctx = ctx
        self.nouns = lex.cue("actors.nouns")
        self.triggers = lex.triggers
        self.theme_verbs = lex.cue("actors.theme_verbs")
        self.stative = lex.cue("actors.stative_passives")
        self.non_agents = lex.cue("actors.non_agents")
        self.instruments = lex.cue("actors.instruments")
        self.abstract_suffixes = tuple(sorted(lex.cue("actors.abstract_suffixes")))
        self.linker = Linker(ctx)
        # Tokens taken as a further party of a mutual act ("met X", "talks with X"), and the
        # spans of the source arguments made from them.
        self.partners: set[int] = set()
        self.partner_spans: set[tuple[int, int]] = set()
        self.mention_tokens: set[int] = set()
        for m in ctx.result.mentions:
            if m.type in ACTOR_LABELS:
                span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    self.mention_tokens.update(range(span.start, span.end))  # no Token made

    @property
    def indirect(self) -> set[tuple[int, int]]:
        """Spans of arguments linked to an entity they belong to, not one they are."""
        return self.linker.indirect

    @property
    def proper(self) -> set[tuple[int, int]]:
        """Spans of arguments that show a proper name of their entity."""
        return self.linker.proper

    def argument(self, role: str, tok: Token) -> EventArgument:
        """The event argument for actor token ``tok``: its span and entity (``linking``)."""
        arg = argument(self.ctx, self.linker, role, tok)
        if role == "source" and tok.i in self.partners:
            self.partner_spans.add((arg.start, arg.end))
        return arg

    def arguments(self, role: str, tok: Token) -> list[EventArgument]:
        """The event arguments for ``tok``: one per nationality when a phrase coordinates
        several ("Hungarian and Romanian officials" are two parties), else one."""
        found = nationalities(tok)
        if not found:
            return [self.argument(role, tok)]
        return [self.argument(role, n) for n in found]

    # --- what counts as an actor -------------------------------------------------------------
    def is_actor(self, tok: Token) -> bool:
        if tok.ent_type_ and tok.ent_type_ not in ACTOR_LABELS | {"LOC", "FAC"}:
            return False  # dates, numbers, money are not actors
        if tok.i in self.ctx.token_entity or tok.i in self.mention_tokens:
            return True
        if tok.ent_type_ in ACTOR_LABELS:
            return True
        if tok.pos_ == "PRON":
            return tok.lower_ in PERSONAL
        if tok.pos_ == "PROPN":
            return True
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.nouns:
            return True
        if (tok.lemma_.lower(), "N") in self.triggers:
            return False
        return tok.pos_ in ("NOUN", "ADJ") and any(
            c.ent_type_ in ("NORP", "GPE", "ORG") and c.dep_ in ("amod", "compound", "nmod", "poss")
            for c in tok.children
        )

    def can_act(self, tok: Token) -> bool:
        """Whether an unlisted common noun may still name a doer ("doctors", "a bombing"),
        not a natural force or thing ("heavy rain"), not an abstract noun ("his cooperation").
        PLOVER sources are people, groups and bodies."""
        lemma = tok.lemma_.lower()
        if lemma in self.nouns:
            return True
        if lemma in self.instruments or any(
            s.type == "ASSAULT" for s in self.triggers.get((lemma, "N"), ())
        ):
            return True  # "a bombing", "an explosion killed ...": the attack stands for its doer
        return lemma not in self.non_agents and not lemma.endswith(self.abstract_suffixes)

    def named(self, tok: Token) -> bool:
        """Whether a token is (part of) a name or a linked entity, not a common noun."""
        return tok.i in self.ctx.token_entity or tok.i in self.mention_tokens or tok.pos_ == "PROPN"

    def actors_in(self, tok: Token, depth: int = 0) -> list[Token]:
        """Actors an argument token denotes: itself and its conjuncts, else the first actors found
        inside it (possessor, nationality modifier, prepositional objects)."""
        heads = conjuncts(tok)
        found = [t for t in heads if self.is_actor(t)]
        if found:
            return found
        if depth >= 3:
            return []
        for h in heads:
            for c in h.children:
                if c.dep_ == "poss" or (
                    c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ACTOR_LABELS
                ):
                    inner = self.actors_in(c, depth + 1)
                    if inner:
                        return inner
            for _prep, obj in prep_objects(h, _INNER_PREPS):
                inner = self.actors_in(obj, depth + 1)
                if inner:
                    return inner
            for clause in children(h, "acl"):
                # The doer of an act the noun names: "crimes committed by Croat forces".
                for _prep, obj in prep_objects(clause, {"by"}):
                    inner = self.actors_in(obj, depth + 1)
                    if inner:
                        return inner
        return []

    # --- the arguments of a candidate --------------------------------------------------------
    def find(self, c: Candidate) -> Actors:
        sources: list[Token] = []
        targets: list[Token] = []
        verb = c.anchor
        if c.kind != "noun" and verb.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            self._verbal(c, verb, sources, targets)
        if c.kind in ("noun", "light", "reversal"):
            self._nominal(c, c.head, sources, targets)
        if not targets and c.type in _CONTENT_TYPES:
            for clause in children(c.head, "ccomp", "acl") + (
                children(verb, "ccomp") if verb.i != c.head.i else []
            ):
                subj = next((x for x in clause.children if x.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    targets.extend(self.actors_in(subj))
                    break
        if not targets:
            targets.extend(purpose_targets(self, c, {t.i for t in sources}))
        if not targets:
            for inner in sorted(c.nested, key=lambda n: (depth_below(n.anchor, c.anchor), n.start)):
                got = self.find(inner)
                src_ids = {t.i for t in sources}
                pool = [t for t in got.targets + got.sources if t.i not in src_ids]
                if pool:
                    targets.extend(pool)
                    break
        if not targets:
            # The place a nested act is aimed at: "threatened to impose a curfew in Algiers".
            src_ids = {t.i for t in sources}
            for inner in c.nested:
                for tok in (inner.anchor, inner.head):
                    for _prep, obj in prep_objects(tok, {"in", "into", "at"}):
                        aimed = [t for t in self.actors_in(obj) if t.i not in src_ids]
                        if aimed:
                            targets.extend(aimed)
                            break
                    if targets:
                        break
                if targets:
                    break
        if not targets and c.type in CONDITIONAL_TYPES:
            # Last: whoever must act to avert it ("... unless X withdrew"), when the threatened
            # act itself names no one ("break relations with Russia unless the Kremlin ...").
            targets.extend(condition_targets(self, c, {t.i for t in sources}))
        parties = sum(len(nationalities(t)) or 1 for t in self._dedupe(sources))
        if c.frame == "mutual" and c.type == "CONSULT" and parties >= 2:
            # Talks among the parties: a topic or a nested act ("negotiations on an Israeli troop
            # pullback") names no further party.
            targets = []
        others = parties + len(self._dedupe(targets)) - 1
        # "X and Y agreed on a pact between the two countries", "visit X and Y to mediate
        # between the two neighbours": the actors already named, not another one.
        targets = [t for t in targets if others < 2 or not refers_to_parties(t)]
        return Actors(
            self._dedupe(sources),
            self._dedupe([t for t in targets if t.i not in {s.i for s in sources}]),
        )

    def _verbal(
        self, c: Candidate, verb: Token, sources: list[Token], targets: list[Token]
    ) -> None:
        subj, passive = subject(verb)
        stray = stray_objects(verb)
        if stray:
            # The sentence's main verb parsed as a participle modifying its subject ("Border
            # guards detained on Tuesday a Lagonian journalist"): the noun it hangs on is the
            # doer and the stray noun phrase after it the patient.
            subj, passive = (verb.head if verb.dep_ == "acl" else verb.sent.root), False
        elif subj is not None and verb.dep_ == "acl" and not self.actors_in(subj):
            # "issued a declaration demanding ...": the declaration's issuer demands.
            outer, _p = subject(subj.head) if subj.head.i != subj.i else (None, False)
            subj = outer if outer is not None else subj
        undergoer = c.frame == "undergoer" or (c.kind == "light" and c.frame == "undergoer")
        has_agent = any(ch.dep_ == "agent" for ch in verb.children)
        if passive and not has_agent and verb.lemma_.lower() in self.stative:
            passive = False  # "is opposed to", "were engaged in"
        if subj is not None:
            actors = self.actors_in(subj)
            doer = not (passive or undergoer) and subj.pos_ in ("NOUN", "PROPN")
            if not actors and doer and (not subj.ent_type_ or subj.ent_type_ in ACTOR_LABELS):
                # The subject of an act is its doer, named or not ("doctors", "a bombing"),
                # unless it cannot act at all ("heavy rain", "his cooperation").
                actors = [t for t in conjuncts(subj) if t.pos_ == "PROPN" or self.can_act(t)]
            if passive or undergoer:
                targets.extend(actors)
            else:
                sources.extend(actors)
        for prep, obj in prep_objects(verb, {"by"}):
            if passive or prep == "by":
                sources.extend(self.actors_in(obj))
        for obj in children(verb, "dobj", "dative") + (stray or displaced_objects(verb)):
            if obj.i == c.head.i or (c.kind != "verb" and obj in c.extra):
                continue
            counterpart = c.frame == "mutual" and c.type == "CONSULT"  # "met his counterpart"
            if not counterpart and any(p.dep_ == "poss" and p.lower_ in _OWN for p in obj.children):
                continue  # "withdrew its troops": the source's own forces, not a target
            if verb.lemma_.lower() in self.theme_verbs and not self.named(obj):
                continue  # "sent troops to X": what is sent is not the recipient
            got = self.actors_in(obj)
            partners = {o.i for _p, o in prep_objects(obj, {"with", "between", "among"})}
            if c.frame == "mutual" and (
                c.type == "CONSULT"
                or (
                    c.type in _PACT_TYPES
                    and any(t.i in partners or t.head.i in partners for t in got)
                )
            ):
                # Parties of a mutual act: "met X", "signed an accord with X" (but "shared
                # evidence with X" gives it to X).
                sources.extend(got)
                self.partners.update(t.i for t in got)
            else:
                targets.extend(got)
        self._preps(c, verb, sources, targets)

    def _nominal(
        self, c: Candidate, noun: Token, sources: list[Token], targets: list[Token]
    ) -> None:
        agentive = c.frame != "undergoer"
        for ch in noun.children:
            if ch.dep_ == "poss" or (
                ch.dep_ in ("compound", "amod", "nmod")
                and (ch.ent_type_ in ACTOR_LABELS or ch.i in self.ctx.token_entity)
            ):
                got = self.actors_in(ch)
                (sources if agentive else targets).extend(got)
        for prep, obj in prep_objects(noun, {"of", "by", "from"}):
            got = self.actors_in(obj)
            if prep == "by" or (
                prep == "from" and c.type in ("AGREE", "REQUEST", "THREATEN", "SUPPORT", "AID")
            ):
                sources.extend(got)
            elif prep == "of":
                patient = (
                    not agentive or c.type in _OF_PATIENT or c.mode in ("release", "investigate")
                )
                (targets if patient else sources).extend(got)
        self._preps(c, noun, sources, targets)

    def _preps(self, c: Candidate, tok: Token, sources: list[Token], targets: list[Token]) -> None:
        for prep, obj in prep_objects(
            tok, TARGET_PREPS | {"with", "between", "to", "from", "among"}
        ):
            got = self.actors_in(obj)
            if not got:
                continue
            if prep in ("with", "between", "among"):
                if c.frame == "mutual":
                    sources.extend(got)
                    self.partners.update(t.i for t in got)
                else:
                    targets.extend(got)
            elif c.type == "CONSULT" and prep not in ("to",):
                continue  # talks "on"/"about" a topic: the topic is not a party
            elif (prep == "to" and c.type not in _TO_TYPES) or (
                prep == "from" and c.type not in _FROM_TYPES
            ):
                continue
            else:
                targets.extend(got)

    @staticmethod
    def _dedupe(tokens: list[Token]) -> list[Token]:
        seen: set[int] = set()
        out = []
        for t in tokens:
            if t.i not in seen:
                seen.add(t.i)
                out.append(t)
        return out

    # --- pronouns in reported clauses ----------------------------------------------------------
    def antecedent(self, tok: Token, reporting: frozenset[str]) -> Token | None:
        """For a pronoun without an entity: the subject of the verb that reports its clause
        ("Syria says it will ..." -> Syria)."""
        if tok.pos_ != "PRON" or tok.dep_ not in ("nsubj", "nsubjpass"):
            return None
        if tok.i in self.ctx.token_entity:
            return None  # the actors stage already knows whom it stands for
        cur = tok.head
        for _ in range(6):
            if cur.head.i == cur.i:
                return None
            if cur.dep_ in (
                "ccomp",
                "xcomp",
                "advcl",
                "conj",
            ) and cur.head.lemma_.lower() in reporting | {"be"}:
                subj, _p = subject(cur.head)
                if subj is not None and subj.pos_ != "PRON":
                    return subj
            cur = cur.head
        return None

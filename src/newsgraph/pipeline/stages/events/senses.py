"""The sense of a trigger from its arguments and the article's domain.

A word is not an event type: "shooting up" is violence when someone is shot and a change of amount
when an index is; "executed a definitive agreement" signs a contract; "workers struck" is a labour
protest; "an earthquake killed 300 people" is no act of any actor. PLOVER codes acts between
actors, so a force, coercion, threat or mobilisation trigger keeps its type only when what it
happens to (or who does it) can take part in one. The word classes come from
``model/data/events_senses.toml``; the rules here are about syntax and entity types:

* quantity: the doer or the patient is an amount or a market (a price, an index, shares; an
  entity of type MONEY, PERCENT, CARDINAL ...), or the verb takes an amount particle and a number
  ("shot up 4.57 points"): no event;
* dealings: the doer or the patient is a document, deal or contest ("fought a law", "an offer beat
  a rival bid"); a few verbs then have a sense of their own (``[resense]``: "block" a resolution
  is REJECT), the others code nothing;
* disasters and accidents as the doer or the circumstance of a harm ("killed in a crash"): none;
* a labour strike: "strike" done by workers is PROTEST/strike, not ASSAULT;
* business news: in an article about companies and markets, force and coercion between companies
  ("its assault on Harcourt", "holders threatened to sue the company") is a figure of speech: no
  event unless a public actor (a country, people, police, an army ...) takes part;
* a forecast after "said" ("said earnings should rise") is no demand;
* what is returned or released: property is RETREAT/return (CAMEO 0842), a text ("a letter
  released by his lawyer") is nothing, people stay RETREAT/release.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.attrs import ENT_TYPE, IS_ALPHA, LIKE_NUM
from spacy.tokens import Doc, Token

from newsgraph.model.data import load_lines, load_toml
from newsgraph.pipeline.stages.events.syntax import children, subject
from newsgraph.pipeline.tokattrs import lower_lemmas, token_attrs

if TYPE_CHECKING:
    from newsgraph.pipeline.stages.events.lexicon import Lexicon
    from newsgraph.pipeline.stages.events.triggers import Candidate

_PUBLIC_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC"})
# Prepositions that give a harm its circumstance ("killed in a crash", "injured by the storm").
_CIRCUMSTANCE_PREPS = frozenset({"in", "by", "from", "during", "after"})
# Prepositions through which a nominal trigger names what it is about or aimed at.
_NOUN_PATIENT_PREPS = frozenset({"of", "on", "against", "for", "over", "to"})
# Share of a document's words that are money, amounts, deals or company names above which it is
# business news (company results, takeovers, markets). Political news rarely passes 4 %.
_BUSINESS_SHARE = 0.06
_BUSINESS_MIN = 4
# Heads of a partitive doer: "hundreds of workers", "a group of students".
_COLLECTIVES = frozenset(
    {"thousand", "hundred", "dozen", "score", "million", "group", "crowd", "number", "band"}
)


@dataclass(frozen=True)
class SenseData:
    """Word classes (lemmas) and the types whose sense is checked."""

    classes: dict[str, frozenset[str]]
    physical: frozenset[str]
    figurative: frozenset[str]
    resense: dict[tuple[str, str], tuple[str, str | None]]
    corporate: frozenset[str]

    def has(self, cls: str, tok: Token) -> bool:
        return tok.lemma_.lower() in self.classes.get(cls, frozenset()) or (
            tok.lower_ in self.classes.get(cls, frozenset())
        )


@lru_cache(maxsize=1)
def sense_data() -> SenseData:
    raw = load_toml("events_senses.toml")
    classes = {str(k): frozenset(str(w) for w in v) for k, v in raw["classes"].items()}
    resense: dict[tuple[str, str], tuple[str, str | None]] = {}
    for key, value in raw.get("resense", {}).items():
        verb, _, cls = str(key).partition(" ")
        etype, _, mode = str(value).partition("/")
        resense[(verb, cls)] = (etype, mode or None)
    corporate = frozenset(w for w in load_lines("actors_org_suffixes.txt") if w != "group")
    return SenseData(
        classes=classes,
        physical=frozenset(str(t) for t in raw["types"]["physical"]),
        figurative=frozenset(str(t) for t in raw["types"]["figurative"]),
        resense=resense,
        corporate=corporate,
    )


def resense(c: Candidate, lex: Lexicon) -> Candidate | None:
    """``c`` with the type its arguments give it, or None when it codes no event."""
    data = sense_data()
    if c.kind == "demand":
        return None if _forecast(c.anchor, lex, data) else c
    if c.type == "RETREAT" and c.mode == "release":
        return _released(c, data)
    if c.type == "PROTEST" and c.mode == "strike" and c.kind in ("noun", "light"):
        return _military_strike(c, data)
    if not _of_types(c, data.physical):
        return c
    figurative = _of_types(c, data.figurative) or c.anchor.dep_ == "amod"
    agents, patients = _participants(c)
    lemma = c.anchor.lemma_.lower() if c.kind in ("verb", "adj") else c.head.lemma_.lower()
    if lemma == "strike" and c.type == "ASSAULT" and any(data.has("labour", a) for a in agents):
        c.type, c.mode = "PROTEST", "strike"
        return c
    # A quantity patient makes force or a threat figurative ("hit profits"); a restriction on a
    # market is still a coercion ("restrictions on imports"), unless the verb only describes it
    # ("restricted shares").
    if any(_is_quantity(t, data, agent=True) for t in agents) or (
        figurative
        and any(data.has("quantity", t) and not data.has("concrete", t) for t in patients)
    ):
        return None
    if _amount_motion(c.anchor, data) or _warning_of_a_trend(c, lex, data):
        return None
    if c.type == "THREATEN" and any(_abstract(a, lex) for a in agents):
        return None  # "trade friction is threatening to ...": a risk, not a threat by an actor
    if figurative and any(data.has("dealings", t) for t in agents + patients):
        new = data.resense.get((lemma, "dealings"))
        if new is None:
            return None
        c.type, c.mode = new
        return c
    if c.type == "ASSAULT" and _disaster(c, agents, data):
        return None
    if c.kind in ("noun", "light") and any(
        data.has("contest_modifiers", m)
        for m in c.head.children
        if m.dep_ in ("compound", "amod", "nmod")
    ):
        return None  # "takeover battle", "price war", "proxy fight"
    # In business news an "assault", "battle" or "raid" named by a noun is a contest between
    # firms, and company names are often misread as places: only an actor noun (police,
    # troops, rebels) makes it violence.
    names = c.kind not in ("noun", "light")
    if business_domain(c.head.doc, data) and not _public(agents + patients, lex, data, names):
        return None
    return c


def _military_strike(c: Candidate, data: SenseData) -> Candidate:
    """A "strike" noun is an attack when armed forces make it or a military word modifies it
    ("jets carried out a strike on the base", "a retaliatory strike"); else a labour strike."""
    agents, _patients = _participants(c)
    mods = [m for m in c.head.children if m.dep_ in ("amod", "compound", "nmod")]
    if any(data.has("forces", a) for a in agents) or any(
        data.has("strike_modifiers", m) for m in mods
    ):
        c.type, c.mode = "ASSAULT", None
    return c


def _of_types(c: Candidate, types: frozenset[str]) -> bool:
    return c.type in types or f"{c.type}/{c.mode}" in types


def _participants(c: Candidate) -> tuple[list[Token], list[Token]]:
    """Doers and patients of the trigger read straight from the tree (heads only)."""
    agents: list[Token] = []
    patients: list[Token] = []
    anchor = c.anchor
    if c.kind in ("verb", "adj", "light"):
        subj, passive = subject(anchor)
        if subj is not None:
            (patients if passive else agents).append(subj)
        for ch in anchor.children:
            if ch.dep_ in ("dobj", "attr", "oprd", "npadvmod"):
                patients.append(ch)
            elif ch.dep_ == "agent":
                agents += children(ch, "pobj")
            elif ch.dep_ == "prep" and ch.lower_ in ("against", "on", "upon"):
                patients += children(ch, "pobj")
        modified = anchor.head
        if (
            c.kind != "light"  # "the strategy taken in its battle": the light verb's object
            and anchor.dep_ in ("acl", "amod", "relcl")
            and modified.pos_ in ("NOUN", "PROPN")
            and modified not in agents + patients
        ):
            (agents if anchor.tag_ == "VBG" else patients).append(modified)
    if c.kind in ("noun", "light"):
        for ch in c.head.children:
            if ch.dep_ == "poss":
                agents.append(ch)
            elif ch.dep_ == "prep" and ch.lower_ in _NOUN_PATIENT_PREPS:
                patients += children(ch, "pobj")
    # "Thousands of workers", "a group of students": the doers are the "of" object.
    agents += [
        o
        for a in list(agents)
        if a.ent_type_ == "CARDINAL" or a.pos_ == "NUM" or a.lemma_.lower() in _COLLECTIVES
        for p in children(a, "prep")
        if p.lower_ == "of"
        for o in children(p, "pobj")
    ]
    own = {c.head.i, *(t.i for t in c.extra)}  # the trigger's own words are no argument
    return [a for a in agents if a.i not in own], [p for p in patients if p.i not in own]


def _is_quantity(tok: Token, data: SenseData, agent: bool) -> bool:
    if data.has("quantity", tok):
        return True
    return agent and (tok.ent_type_ in data.classes["quantity_entities"] or tok.pos_ == "NUM")


def _amount_motion(verb: Token, data: SenseData) -> bool:
    """A motion verb with an amount particle and a number: "shot up 4.57 points"."""
    particles = data.classes["amount_particles"]
    if not any(ch.dep_ in ("prt", "advmod") and ch.lower_ in particles for ch in verb.children):
        return False
    amounts = [ch for ch in verb.children if ch.dep_ in ("dobj", "npadvmod", "attr")]
    amounts += [o for p in children(verb, "prep") if p.lower_ in ("by", "to") for o in p.children]
    return any(
        t.ent_type_ in data.classes["quantity_entities"] or t.ent_type_ == "CARDINAL"
        for t in amounts
    ) or any(data.has("quantity", t) for t in amounts)


def _abstract(tok: Token, lex: Lexicon) -> bool:
    """A common noun that names no actor: a natural force or thing, or an abstract noun."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or tok.ent_type_ or lemma in lex.cue("actors.nouns"):
        return False
    suffixes = tuple(lex.cue("actors.abstract_suffixes"))
    return lemma in lex.cue("actors.non_agents") or lemma.endswith(suffixes)


def _warning_of_a_trend(c: Candidate, lex: Lexicon, data: SenseData) -> bool:
    """A warning that an amount, a deal or a natural force will do something ("warned that the
    deficit could push inflation up") foretells; PLOVER's THREATEN is a threat of an actor."""
    if c.type != "THREATEN" or c.kind != "verb":
        return False
    non_agents = lex.cue("actors.non_agents")
    for clause in children(c.anchor, "ccomp"):
        for subj in children(clause, "nsubj", "nsubjpass"):
            if (
                _is_quantity(subj, data, agent=True)
                or data.has("dealings", subj)
                or data.has("disasters", subj)
                or subj.lemma_.lower() in non_agents
            ):
                return True
    return False


def _disaster(c: Candidate, agents: list[Token], data: SenseData) -> bool:
    """Whether a harm is done by, or happens in, a natural disaster or an accident."""
    if any(data.has("disasters", a) for a in agents):
        return True
    owners = [c.anchor, c.head]
    for owner in owners:
        for ch in owner.children:
            if (
                ch.dep_ in ("prep", "agent")
                and ch.lower_ in _CIRCUMSTANCE_PREPS
                and any(data.has("disasters", o) for o in children(ch, "pobj"))
            ):
                return True
            if ch.dep_ in ("compound", "nmod") and data.has("disasters", ch):
                return True
    return False


def _public(toks: list[Token], lex: Lexicon, data: SenseData, names: bool = True) -> bool:
    """Whether one of the participants is a public actor: a place or people, a person (when
    ``names``), or an actor noun that is not a business word ("police", "troops")."""
    business = data.classes["business_actors"]
    actor_nouns = lex.cue("actors.nouns")
    for t in toks:
        if names and (t.ent_type_ in _PUBLIC_LABELS or t.ent_type_ == "PERSON"):
            return True
        lemma = t.lemma_.lower()
        if t.pos_ == "NOUN" and lemma in actor_nouns and lemma not in business:
            return True
    return False


def business_domain(doc: Doc, data: SenseData | None = None) -> bool:
    """Whether the article is business news: money, amounts, deals and company names make up a
    large share of its words. Cached on the document."""
    key = "newsgraph_business_domain"
    cached = doc.user_data.get(key)
    if isinstance(cached, bool):
        return cached
    data = data or sense_data()
    # by token index, from the document's columns: no ``Token`` made for its every word
    quantity = data.classes.get("quantity", frozenset())
    lower, lemmas, strings = token_attrs(doc).lower, lower_lemmas(doc), doc.vocab.strings
    rows = doc.to_array([IS_ALPHA, LIKE_NUM, ENT_TYPE]).tolist() if len(doc) else []
    n_words = hits = 0
    for i, (alpha, num, ent) in enumerate(rows):
        if not (alpha or num):
            continue
        n_words += 1
        label = strings[ent] if ent else ""
        if (
            label in ("MONEY", "PERCENT")
            or lemmas[i] in quantity
            or lower[i] in quantity
            or (label == "ORG" and lower[i].rstrip(".") in data.corporate)
        ):
            hits += 1
    found = hits >= _BUSINESS_MIN and hits >= _BUSINESS_SHARE * max(n_words, 1)
    doc.user_data[key] = found
    return found


def _forecast(verb: Token, lex: Lexicon, data: SenseData) -> bool:
    """Whether "X said Y must/should Z" is a forecast: Y is an amount, a market or a deal ("said
    earnings should rise"), or Y is no public actor and Z a change of amount or a state ("said
    the company should report a profit"). "Said Sudan must return the helicopter" is a demand."""
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        subjects = children(clause, "nsubj", "nsubjpass", "expl")
        for subj in subjects:
            if _is_quantity(subj, data, agent=True) or data.has("dealings", subj):
                return True
        if data.has("forecast_verbs", clause) and not _public(subjects, lex, data):
            return True
    return False


def _released(c: Candidate, data: SenseData) -> Candidate | None:
    """Release or return of people (kept), of property (RETREAT/return), of a text (nothing)."""
    tok = c.anchor
    patients = children(tok, "dobj", "nsubjpass")
    if c.kind != "verb":
        patients = [c.head, *[o for p in children(c.head, "prep") for o in children(p, "pobj")]]
    elif tok.dep_ in ("acl", "relcl", "amod") and not patients:
        patients = [tok.head]
    if any(data.has("property", p) for p in patients):
        c.mode = "return"
    return c

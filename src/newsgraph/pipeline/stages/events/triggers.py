"""Finding event triggers in a parsed sentence: verbs, nominalisations, light-verb and reversal
constructions, multi-word entries.

A trigger found inside the argument of another trigger ("agreed to cooperate", "rejected the
offer", "accused X of attacking") is folded into its governor (``nesting.py``), as PLOVER codes
one event per construction: the governing act (AGREE, REJECT, ACCUSE) is the event.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from newsgraph.pipeline.stages.events.lexicon import Lexicon, TriggerSense
from newsgraph.pipeline.stages.events.nesting import fold_nested
from newsgraph.pipeline.stages.events.senses import resense
from newsgraph.pipeline.tokattrs import lower_lemmas, token_attrs

# Dependents through which a multi-word entry's second word attaches ("find ... guilty").
_REST_DEPS = frozenset(
    {
        "prt",
        "dobj",
        "acomp",
        "oprd",
        "prep",
        "pobj",
        "xcomp",
        "advmod",
        "attr",
        "compound",
        "amod",
        "ccomp",
        "npadvmod",
        "dative",
    }
)


@dataclass
class Candidate:
    """One trigger occurrence before arguments and modality are attached."""

    head: Token  # the word naming the event (the noun of a light-verb construction)
    anchor: Token  # the token whose clause gives subject and objects (the light verb, or head)
    type: str
    mode: str | None
    frame: str
    kind: str  # verb | noun | light | reversal | adj | demand
    extra: list[Token] = field(default_factory=list)  # other words of the trigger
    nested: list[Candidate] = field(default_factory=list)  # triggers folded into this one
    governed_by: Candidate | None = None

    @property
    def start(self) -> int:
        toks = [self.head, *self.extra]
        return min(t.idx for t in toks)

    @property
    def end(self) -> int:
        toks = [self.head, *self.extra]
        return max(t.idx + len(t.text) for t in toks)


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _rest_matches(head: Token, rest: tuple[str, ...]) -> list[Token] | None:
    """Tokens matching the further words of a multi-word entry among ``head``'s dependents."""
    found: list[Token] = []
    pool = [c for c in head.children if c.dep_ in _REST_DEPS]
    pool += [g for c in pool if c.dep_ in ("prep", "dobj", "prt") for g in c.children]
    for word in rest:
        hit = next((t for t in pool if _lemma(t) == word or t.lower_ == word), None)
        if hit is None:
            return None
        found.append(hit)
    return found


def _sense_for(tok: Token, pos: str, lex: Lexicon) -> tuple[TriggerSense, list[Token]] | None:
    for sense in lex.triggers.get((_lemma(tok), pos), ()):
        if not sense.rest:
            return sense, []
        hits = _rest_matches(tok, sense.rest)
        if hits is not None:
            return sense, hits
    return None


def _noun_phrase_senses(sent: Span, lex: Lexicon) -> dict[int, tuple[TriggerSense, list[Token]]]:
    """Multi-word nouns ("state of emergency", "hunger strike") by the index of their head."""
    out: dict[int, tuple[TriggerSense, list[Token]]] = {}
    doc, first = sent.doc, sent.start
    lemmas = lower_lemmas(doc)[first : sent.end]  # by index in the sentence
    pos_ = token_attrs(doc).pos
    edges = _phrase_edges(lex)
    at: dict[str, list[int]] = {}  # positions of the words that begin or end a phrase
    for i, lemma in enumerate(lemmas):
        if lemma in edges:
            at.setdefault(lemma, []).append(i)
    if not at:
        return out
    for words, sense in lex.noun_phrases:
        n = len(words)
        for i in at.get(words[0], ()):
            if tuple(lemmas[i : i + n]) == words:
                span = list(sent[i : i + n])
                root = next((t for t in span if t.head not in span or t.head.i == t.i), span[-1])
                if root.i not in out:
                    out[root.i] = (sense, [t for t in span if t.i != root.i])
        # The modifiers may be apart from their noun: "joint naval exercises".
        for i in at.get(words[-1], ()):
            if first + i in out or pos_[first + i] != "NOUN":
                continue
            tok = doc[first + i]
            mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod")]
            found = [next((m for m in mods if _lemma(m) == w), None) for w in words[:-1]]
            if all(m is not None for m in found):
                out[tok.i] = (sense, [m for m in found if m is not None])
    return out


_edges: tuple[object, frozenset[str]] | None = None


def _phrase_edges(lex: Lexicon) -> frozenset[str]:
    """First and last words of the multi-word nouns (built once per phrase table)."""
    global _edges
    if _edges is None or _edges[0] is not lex.noun_phrases:
        words = {w for phrase, _ in lex.noun_phrases for w in (phrase[0], phrase[-1])}
        _edges = (lex.noun_phrases, frozenset(words))
    return _edges[1]


def _object_nouns(verb: Token, lex: Lexicon) -> list[Token]:
    """Direct objects of ``verb`` and nouns reached through a light-verb preposition."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    preps = lex.cue("light_verbs.preps")
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            objs += [o for o in c.children if o.dep_ == "pobj"]
    # "a mediation effort", "peace talks": the event noun may modify the object;
    # "part of a military aid program": or follow it with "of".
    objs += [m for o in list(objs) for m in o.children if m.dep_ in ("compound", "amod")]
    for o in list(objs):
        for p in o.children:
            if (
                p.dep_ == "prep"
                and p.lower_ == "of"
                and o.lemma_.lower()
                in ("part", "some", "all", "most", "suspension", "end", "lifting")
            ):
                for po in p.children:
                    if po.dep_ == "pobj":
                        objs.append(po)
                        objs += [m for m in po.children if m.dep_ in ("compound", "amod")]
    return objs


def find_candidates(sent: Span, lex: Lexicon) -> list[Candidate]:
    """Every trigger of ``sent``, with nested triggers folded into their governors."""
    nouns: dict[int, tuple[TriggerSense, list[Token]]] = {}
    phrase_nouns = _noun_phrase_senses(sent, lex)
    actor_nouns = lex.cue("actors.nouns")
    doc = sent.doc
    attrs = token_attrs(doc)
    pos_, tag_, dep_ = attrs.pos, attrs.tag, attrs.dep
    lemmas = lower_lemmas(doc)
    triggers = lex.triggers
    for i in range(sent.start, sent.end):
        if pos_[i] in ("NOUN", "PROPN") or (
            pos_[i] == "VERB" and tag_[i] == "VBG" and dep_[i] in ("pobj", "dobj", "nsubj")
        ):
            if i in phrase_nouns:
                nouns[i] = phrase_nouns[i]
                continue
            if (lemmas[i], "N") not in triggers:
                continue  # no noun sense: none of the tests below can make it a trigger
            tok = doc[i]
            if tok.ent_type_ in (
                "ORG",
                "PERSON",
                "GPE",
                "NORP",
                "FAC",
                "WORK_OF_ART",
                "LAW",
                "EVENT",
                "DATE",
                "TIME",
                "MONEY",
                "PERCENT",
                "QUANTITY",
            ):
                continue  # "Economic Cooperation" inside a name, "March" as a month: no event
            if tok.dep_ == "compound" and _lemma(tok.head) in actor_nouns:
                continue  # "aid workers", "protest leaders": a kind of actor, not an event
            hit = _sense_for(tok, "N", lex)
            if hit is not None:
                nouns[tok.i] = hit
    light = lex.cue("light_verbs.agentive") | lex.cue("light_verbs.undergoer")
    reversal = lex.cue("reversal.verbs")
    consumed: set[int] = set()
    cands: list[Candidate] = []
    reporting = lex.cue("governing.reporting")
    for i in range(sent.start, sent.end):
        if pos_[i] not in ("VERB", "AUX", "ADJ") and not (pos_[i] == "NOUN" and dep_[i] == "ROOT"):
            continue
        if not nouns and not _may_trigger(lemmas[i], pos_[i], triggers, reporting):
            continue  # no event noun to govern and no sense of its own: never a trigger
        tok = doc[i]
        if _is_plea(tok, lex):
            continue  # a plea answers a charge: no conviction, no request
        if tok.dep_ == "compound" and _lemma(tok.head) in actor_nouns:
            continue  # "Aid workers" tagged as a verb: a kind of actor, not an act
        if tok.pos_ == "ADJ":
            hit = _sense_for(tok, "A", lex)
            if hit is not None and tok.dep_ in ("acomp", "oprd", "ROOT", "conj"):
                if tok.dep_ == "oprd" and _sense_for(tok.head, "V", lex):
                    continue  # "found guilty" is the verb's multi-word entry
                sense, extra = hit
                cands.append(
                    Candidate(
                        tok,
                        tok.head if tok.dep_ == "acomp" else tok,
                        sense.type,
                        sense.mode,
                        sense.frame,
                        "adj",
                        extra,
                    )
                )
            continue
        if lemma_is(tok, lex.cue("governing.reporting")) and _reports_obligation(tok, lex):
            # "X said Y must do Z": a demand by X on Y (CAMEO/PLOVER code it REQUEST).
            cands.append(Candidate(tok, tok, "REQUEST", None, "agent", "demand"))
            continue
        verb_hit = _sense_for(tok, "V", lex) if tok.pos_ != "NOUN" else None
        if (
            verb_hit is not None
            and lemma_is(tok, lex.cue("modality.allegation_verbs"))
            and any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
        ):
            # "X alleges that Y offered ...": an attribution; the reported act is the event.
            verb_hit = None
        if (
            verb_hit is not None
            and lemma_is(tok, lex.cue("governing.reporting"))
            and any(c.dep_ == "ccomp" for c in tok.children)
            and not _subjunctive(tok)
        ):
            # "insisted that he had never taken ...": a speech act stating a fact is a claim,
            # not a demand ("insisted that he resign" is one, "insisted on talks" too).
            verb_hit = None
        objs = [o for o in _object_nouns(tok, lex) if o.i in nouns] if nouns else []
        lemma = _lemma(tok)
        if lemma not in light and tok.pos_ == "VERB":
            # The lemmatiser errs on some inflected light verbs ("staged" -> "stag").
            lemma = next((w for w in surface_lemmas(tok) if w in light), lemma)
        # A multi-word verb entry ("open fire", "call off", "impose curfew") wins.
        if verb_hit is not None and verb_hit[0].rest:
            sense, extra = verb_hit
            consumed.update(t.i for t in extra)
            cands.append(Candidate(tok, tok, sense.type, sense.mode, sense.frame, "verb", extra))
            continue
        if objs and _reverses(tok, reversal):
            noun = objs[0]
            nsense, nextra = nouns[noun.i]
            new = lex.reversal.get(nsense.type)
            if new is not None:
                consumed.add(noun.i)
                cands.append(
                    Candidate(noun, tok, new[0], new[1], "agent", "reversal", [tok, *nextra])
                )
                continue
        if objs and lemma in light and (verb_hit is None or lemma in light):
            noun = objs[0]
            nsense, nextra = nouns[noun.i]
            consumed.add(noun.i)
            frame = "undergoer" if lemma in lex.cue("light_verbs.undergoer") else nsense.frame
            if frame == "undergoer" and lemma in lex.cue("light_verbs.agentive"):
                frame = "agent"  # "ordered the arrest of X", "made arrests": the subject acts
            if frame == "undergoer" and nsense.frame == "mutual":
                frame = "mutual"
            cands.append(
                Candidate(noun, tok, nsense.type, nsense.mode, frame, "light", [tok, *nextra])
            )
            continue
        if verb_hit is not None:
            sense, extra = verb_hit
            cands.append(Candidate(tok, tok, sense.type, sense.mode, sense.frame, "verb", extra))
    for i, (sense, extra) in nouns.items():
        if i in consumed:
            continue
        tok = sent.doc[i]
        cands.append(Candidate(tok, tok, sense.type, sense.mode, sense.frame, "noun", extra))
    cands = [r for c in cands if (r := resense(c, lex)) is not None]
    cands.sort(key=lambda c: c.head.i)
    return fold_nested(cands)


def _may_trigger(
    lemma: str,
    pos: str,
    triggers: dict[tuple[str, str], tuple[TriggerSense, ...]],
    reporting: frozenset[str],
) -> bool:
    """Whether a verb, adjective or root noun can be a trigger when its sentence has no event
    noun (no light-verb or reversal reading then): it has a sense of its own, or reports."""
    if pos == "ADJ":
        return (lemma, "A") in triggers
    return lemma in reporting or (pos != "NOUN" and (lemma, "V") in triggers)


def surface_lemmas(tok: Token) -> list[str]:
    """Candidate base forms of a verb from its spelling: "staged" -> stage, "stepped" -> step,
    "carries" -> carry. Used where the lemmatiser's own lemma finds no entry."""
    w = tok.lower_
    out = [w]
    for suffix in ("ing", "ed", "es", "s", "d"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # stepped -> step
            if stem.endswith("i"):
                out.append(stem[:-1] + "y")  # carried -> carry
    return out


def lemma_is(tok: Token, words: frozenset[str]) -> bool:
    return tok.lemma_.lower() in words


def _is_plea(tok: Token, lex: Lexicon) -> bool:
    """Whether ``tok`` is a plea ("pleaded not guilty", "pleads guilty") or its answer word."""
    verbs, answers = lex.cue("pleas.verbs"), lex.cue("pleas.answers")
    if _lemma(tok) in answers and _lemma(tok.head) in verbs and tok.head.i != tok.i:
        return True
    return _lemma(tok) in verbs and any(
        _lemma(c) in answers for c in tok.children if c.dep_ in _REST_DEPS
    )


def _reverses(verb: Token, reversal: frozenset[str]) -> bool:
    """Whether ``verb`` undoes its object: a bare verb entry ("lift") or verb + particle
    ("call off"), so that "called a strike" is not read as ending it."""
    if _lemma(verb) in reversal:
        return True
    return any(c.dep_ == "prt" and f"{_lemma(verb)} {_lemma(c)}" in reversal for c in verb.children)


def _subjunctive(verb: Token) -> bool:
    """Whether a that-clause of ``verb`` is a mandative subjunctive ("insisted that he resign"):
    a bare verb (VB) with its own subject and no auxiliary."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.tag_ != "VB":
            continue
        kids = list(clause.children)
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in kids) and not any(
            c.dep_ in ("aux", "auxpass") for c in kids
        ):
            return True
    return False


def _reports_obligation(verb: Token, lex: Lexicon) -> bool:
    """Whether ``verb`` reports a clause of obligation with its own subject ("... that Y must")."""
    must = lex.cue("governing.obligation")
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        has_subj = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
        if has_subj and any(c.dep_ == "aux" and c.lower_ in must for c in clause.children):
            return True
    return False

"""Rule-based coreference inside one article: descriptions and pronouns.

``coreferee`` is installed but its English model cannot be fetched offline, so this is a small,
documented resolver that prefers leaving a mention unlinked to linking it wrongly.

Definite descriptions ("the President", "the former official", "the judge"):
  the head must be a role noun preceded by "the", not in an apposition or predicate. It refers to
  the most recently mentioned person who holds a role with that head noun; a *generic* noun
  ("official", "executive") may restate any role of its kind, but only of the person mentioned
  last, within the last three sentences, with no indefinite "a/an <noun>" (a new referent) between.
  "former" in the description marks the restated roles as former.

Possessive descriptions ("his lawyer"), once pronouns are resolved, refer to the one person
  already known to hold that role of the possessor ("his lawyer, César De Castro").

Relative pronouns ("who", "whom", "whose") take the noun their clause modifies.

Personal pronouns (he/him/his/himself, she/..., its), in text order:
  0. a possessive on a noun conjoined with a person ("X and his government") -> X;
     a reflexive -> the subject of its clause;
  1. the nearest earlier subject in the same sentence (not the subject of the pronoun's own
     clause when the pronoun is an object: "John saw him");
  2. else the one person mentioned earlier in the sentence, when there is exactly one;
     with several, the previous sentence's main subject if it is one of them; else nothing;
  3. else, in the nearest of the two previous sentences that mentions anyone: the only person
     there, else its main subject, else its first subject.
  An unnamed person ("an analyst", "one trader", "a source": a role or person noun heading a
  subject or object and no name) is a referent we cannot name: when one stands between the
  pronoun and the person chosen (a subject before the pronoun in its sentence; or the subject,
  or the only person, of the previous sentence that speaks of anyone), the pronoun stays
  unlinked: '"...," an analyst said. "...," he said' is not the minister named before.
  Gender must agree with what is known (honorifics, gendered role nouns, earlier pronouns).
  Neuter pronouns ("it", "its": organisations) use steps 0-2 within their own sentence only.
  A pronoun inside a quotation links only to someone named inside that same quotation.
Sentences are cut at line breaks too, so a heading stands alone.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.pipeline.stages.actors.lexicon import Lexicon, Pronoun
from newsgraph.pipeline.stages.actors.names import fold
from newsgraph.pipeline.stages.actors.recency import Recency
from newsgraph.pipeline.stages.actors.roles import nominal_left, role_noun_at
from newsgraph.pipeline.stages.actors.spans import FORMER
from newsgraph.pipeline.stages.actors.state import Ment, RoleDraft, Work
from newsgraph.pipeline.tokattrs import token_attrs

RELATIVE = frozenset({"who", "whom", "whose"})
_SKIP_DEPS = frozenset({"appos", "attr", "oprd", "compound", "poss"})
_GENERIC_WINDOW = 3  # sentences
# where an unnamed person noun introduces someone new ("an analyst said", "told a trader")
_NEW_PERSON_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "conj"})


# -- descriptions ----------------------------------------------------------------------------
def descriptions(work: Work, lex: Lexicon) -> None:
    doc = work.doc
    seen = Recency(work)
    attrs = token_attrs(doc)
    deps = attrs.dep
    for i, tag in enumerate(attrs.tag):
        if i in work.token_ment or tag not in ("NN", "NNP") or deps[i] in _SKIP_DEPS:
            continue
        rn = role_noun_at(doc, i, lex)
        if rn is None:
            continue
        h = doc[i]
        dets = [c for c in h.lefts if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the":
            continue
        if any(c.dep_ in ("poss", "appos") for c in h.children):
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in h.rights):
            continue
        noun = fold(h.text)
        former = any(c.lower_ in FORMER for c in h.lefts)
        seen.advance(h.i)
        e, matched = _describe(work, seen, h, noun, rn.generic, rn.kind, rn.gender)
        if e is None:
            continue
        for r in matched:
            r.former = r.former or former
        left = nominal_left(work, h)
        if any(i in work.token_ment for i in range(left, h.i + 1)):
            continue
        work.add(Ment(left, h.i + 1, work.entities[e].type, kind="nominal"), e)
        seen.added(work.mentions[-1], e)


def possessive_descriptions(work: Work, lex: Lexicon) -> None:
    """ "his lawyer" after "his lawyer, César De Castro": a role noun with a possessor refers to
    the one person holding that role *of* the possessor (run once possessors are resolved)."""
    doc = work.doc
    attrs = token_attrs(doc)
    deps = attrs.dep
    for i, tag in enumerate(attrs.tag):
        if i in work.token_ment or tag not in ("NN", "NNP") or deps[i] in _SKIP_DEPS:
            continue
        if role_noun_at(doc, i, lex) is None:
            continue
        h = doc[i]
        poss = next((c for c in h.lefts if c.dep_ == "poss"), None)
        owner = work.token_ent.get(poss.i) if poss is not None else None
        if owner is None:
            continue
        noun = fold(h.text)
        holders = {
            e
            for e, ent in enumerate(work.entities)
            if ent.mentions
            and any(
                r.of == owner and fold(doc[r.head].text) == noun and r.head < h.i for r in ent.roles
            )
        }
        if len(holders) != 1:
            continue
        left = nominal_left(work, h)
        if any(i in work.token_ment for i in range(left, h.i + 1)):
            continue
        e = holders.pop()
        work.add(Ment(left, h.i + 1, work.entities[e].type, kind="nominal"), e)


def _describe(
    work: Work,
    seen: Recency,
    h: Token,
    noun: str,
    generic: bool,
    kind: str,
    gender: str | None,
) -> tuple[int | None, list[RoleDraft]]:
    """The person "the <noun>" at ``h`` refers to, and the roles of theirs it restates;
    ``seen`` is in view up to ``h``: each person's last mention ending before it."""
    best: tuple[int, int] | None = None  # (last mention token, entity)
    matched: dict[int, list[RoleDraft]] = {}
    latest = seen.latest_person()
    for e in sorted(seen.last):  # entities with a mention ending before h, in entity order
        ent = work.entities[e]
        if ent.type != "PERSON" or ent.ambiguous or not ent.mentions:
            continue
        if gender and ent.gender and gender != ent.gender:
            continue
        same = seen.roles_named(e, noun)
        kin = seen.roles_of_kind(e, kind) if generic else []
        roles = same or kin
        if not roles:
            continue
        last = seen.last[e]
        if not same:
            # a generic noun restates the role of the person last spoken of, nobody else
            if e != latest or work.segment[h.i] - work.segment[last] > _GENERIC_WINDOW:
                continue
            if _indefinite_between(work, last, h.i, noun):
                continue
        matched[e] = roles
        if best is None or last > best[0]:
            best = (last, e)
    if best is None:
        return None, []
    return best[1], matched[best[1]]


def _indefinite_between(work: Work, a: int, b: int, noun: str) -> bool:
    for t in work.doc[a:b]:
        if fold(t.text) == noun and any(c.lower_ in ("a", "an") for c in t.lefts):
            return True
    return False


# -- pronouns --------------------------------------------------------------------------------
def pronouns(work: Work, lex: Lexicon) -> None:
    doc = work.doc
    unnamed: dict[int, str | None] | None = None
    attrs = token_attrs(doc)
    tags = attrs.tag
    for i, low in enumerate(attrs.lower):
        if i in work.token_ment:
            continue
        e: int | None = None
        if low in RELATIVE and tags[i] in ("WP", "WP$"):
            t = doc[i]
            e = _relative(work, t)
        elif low in lex.pronouns and tags[i] in ("PRP", "PRP$"):
            t = doc[i]
            pro = lex.pronouns[low]
            if unnamed is None:
                unnamed = unnamed_people(work, lex)
            e = _personal(work, t, pro, unnamed)
            if e is not None:
                ent = work.entities[e]
                if ent.type == "PERSON":
                    ent.set_gender(pro.gender, (t.idx, t.idx + len(t.text)))
        if e is not None:
            work.add(Ment(t.i, t.i + 1, work.entities[e].type, kind="pronoun"), e)


def unnamed_people(work: Work, lex: Lexicon) -> dict[int, str | None]:
    """Heads of noun phrases for one person left unnamed ("an analyst", "one trader", "a
    source"), with the gender their noun says: token index -> gender. Titles before a name,
    predicates ("he is an analyst") and appositions to a name are descriptions of a named person,
    not someone new."""
    out: dict[int, str | None] = {}
    doc = work.doc
    attrs = token_attrs(doc)
    deps = attrs.dep
    for i, tag in enumerate(attrs.tag):
        if i in work.token_ment or tag != "NN" or deps[i] not in _NEW_PERSON_DEPS:
            continue
        rn = role_noun_at(doc, i, lex)
        if rn is None and fold(attrs.text[i]) not in lex.person_nouns:
            continue
        h = doc[i]
        if any(c.dep_ == "appos" and c.i in work.token_ment for c in h.children):
            continue
        out[h.i] = rn.gender if rn else None
    return out


def _unnamed_in(unnamed: dict[int, str | None], a: int, b: int, pro: Pronoun) -> list[int]:
    """Unnamed people in tokens ``[a, b)`` the pronoun could refer to (gender permitting)."""
    # token by token over the span (a sentence): a scan of every unnamed person of the
    # document per pronoun would grow with the square of its length
    return [i for i in range(a, b) if i in unnamed and unnamed[i] in (None, pro.gender)]


def _relative(work: Work, t: Token) -> int | None:
    node = t
    while node.dep_ != "relcl" and node.head.i != node.i:
        node = node.head
        if node.i - t.i > 8:
            return None
    if node.dep_ != "relcl":
        return None
    return work.token_ent.get(node.head.i)


def _clause(t: Token) -> Token:
    node = t.head if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "dative", "poss") else t
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def _compatible(work: Work, e: int, pro: Pronoun) -> bool:
    ent = work.entities[e]
    if ent.type not in pro.types:
        return False
    return ent.type != "PERSON" or ent.gender is None or ent.gender == pro.gender


def _refs(work: Work, seg: int, before: int, pro: Pronoun) -> list[tuple[Ment, int]]:
    a, _ = work.segments[seg]
    out = []
    # by start already; a mention ending by ``before`` starts before it (or there, if empty)
    for m in work.starting_in(a, before + 1):
        if (
            m.entity is not None
            and a <= m.start
            and m.end <= before
            and _compatible(work, m.entity, pro)
        ):
            out.append((m, m.entity))
    return out


def _main_subject(work: Work, seg: int) -> int | None:
    a, b = work.segments[seg]
    for t in work.doc[a:b]:
        if t.dep_ == "ROOT":
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i in work.token_ent:
                    return work.token_ent[c.i]
    return None


def _main_subject_token(work: Work, seg: int) -> Token | None:
    a, b = work.segments[seg]
    for t in work.doc[a:b]:
        if t.dep_ == "ROOT":
            return next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _personal(work: Work, p: Token, pro: Pronoun, unnamed: dict[int, str | None]) -> int | None:
    doc = work.doc
    if pro.case == "poss" and p.head.dep_ == "conj":
        e = work.token_ent.get(p.head.head.i)
        if e is not None and _compatible(work, e, pro):
            return e
    if pro.case == "refl":
        verb = _clause(p)
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        while subj is None and verb.head.i != verb.i:
            verb = _clause(verb.head)
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        e = work.token_ent.get(subj.i) if subj is not None else None
        return e if e is not None and _compatible(work, e, pro) else None
    seg = work.segment[p.i]
    refs = _refs(work, seg, p.i, pro)
    quote = work.quote_of(p.idx)
    if quote is not None:
        # inside a quotation the speaker and the people around it are poor antecedents
        # ("“She found it ...,” he said"): only people named inside the same quotation
        refs = [(m, e) for m, e in refs if work.quote_of(work.doc[m.start].idx) == quote]
        if not refs:
            return None
    own_clause = _clause(p)
    subjects = [
        (m, e)
        for m, e in refs
        if work.is_subject(m.span(doc).root)
        and not (pro.case == "obj" and _clause(m.span(doc).root) == own_clause)
    ]
    # an unnamed person as a subject before the pronoun ("..., an analyst said, adding that he")
    # is the nearer antecedent: one we cannot name, so the pronoun stays unlinked
    stranger = [
        i
        for i in _unnamed_in(unnamed, work.segments[seg][0], p.i, pro)
        if work.is_subject(doc[i])
        and quote is None
        and not (pro.case == "obj" and _clause(doc[i]) == own_clause)
    ]
    if subjects:
        m, e = subjects[-1]
        return None if any(i > m.start for i in stranger) else e
    ents = {e for _, e in refs}
    if pro.gender == "n":
        # "it"/"its" only inside its sentence (an expletive "It is ..." is common), and
        # by elimination only for organisations (places are rarely "it" in news)
        orgs = {e for e in ents if work.entities[e].type == "ORG"}
        return orgs.pop() if len(orgs) == 1 and len(ents) == 1 else None
    if stranger:
        return None
    if len(ents) == 1:
        return ents.pop()
    if len(ents) > 1:
        prev = _main_subject(work, seg - 1) if seg > 0 else None
        return prev if prev in ents else None
    for back in (1, 2):
        s = seg - back
        if s < 0:
            break
        a, b = work.segments[s]
        prev_refs = _refs(work, s, b, pro)
        strangers = _unnamed_in(unnamed, a, b, pro)
        if not prev_refs and not strangers:
            continue
        # the sentence before speaks of someone unnamed ("an analyst said ...") as its subject,
        # or of nobody named: that person, not one named further back, is the nearest
        main = _main_subject_token(work, s)
        if not prev_refs or (main is not None and main.i in strangers):
            return None
        ents = {e for _, e in prev_refs}
        if len(ents) == 1:
            return ents.pop()
        main_e = _main_subject(work, s)
        if main_e is not None and main_e in ents:
            return main_e
        first = [e for m, e in prev_refs if work.is_subject(m.span(doc).root)]
        return first[0] if first else None
    return None

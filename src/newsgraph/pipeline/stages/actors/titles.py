"""Titles in front of a person's name, read from the tokens before it.

* A run of capitalised role nouns, title abbreviations and multiword titles from the lexicon:
  "President Andrés Manuel López Obrador", "Sen. John Smith", "Secretary of State X"; a
  lower-case role noun compounded onto the name: "drug lord X".
* A title with its own "of" phrase, whatever the title: "<Title> of [the] <Proper name> <Name>"
  ("Chancellor of the Exchequer Nigel Lawson", "Governor of the Bank of Lagonia Karl Brun"). The
  title keeps the whole phrase; a named organisation there is the role's ``org``, a place its
  ``of``.
* What stands right before the title: "former"/"ex-" (the hyphen must be glued: "ex-President";
  a spaced dash is a dateline's, "BERLIN - Senator Anna Weber"); an organisation ("Treasury
  Secretary James Baker": ``org``); a place or nationality ("Dutch former Minister Jan Smit",
  "U.S. President X": ``of``), also as a possessor ("Ostland's President X", a person's too:
  "Brun's lawyer Jan Smit"). Only adjacent
  words count: nothing is read across punctuation.

Honorifics ("Mr", "Mrs") and gendered role nouns give the person's gender, with the title span as
its evidence. Words of a lexicon title that the NER took for a name ("State" in "Secretary of
State") are dropped as mentions: the title owns them.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.pipeline.stages.actors.lexicon import Lexicon
from newsgraph.pipeline.stages.actors.names import fold
from newsgraph.pipeline.stages.actors.roles import char_span, role_noun
from newsgraph.pipeline.stages.actors.spans import FORMER, PROPER_TAGS
from newsgraph.pipeline.stages.actors.state import Ment, RoleDraft, Work

PLACE_LIKE = frozenset({"GPE", "NORP", "LOC"})
_OBJECT_WORDS = 8  # most tokens of the proper name in "<Title> of the <Proper name>"


def title_roles(work: Work, lex: Lexicon) -> None:
    """A role for every titled person mention; gender from honorifics and gendered titles."""
    doc = work.doc
    for m in list(work.mentions):
        if m.kind != "name" or m.entity is None or work.entities[m.entity].type != "PERSON":
            continue
        ent = work.entities[m.entity]
        for i in m.titles:
            g = lex.honorifics.get(fold(doc[i].text).rstrip("."))
            if g:
                ent.set_gender(g, char_span(doc, i, m.end))
        inner = [i for i in m.titles if fold(doc[i].text).rstrip(".") not in lex.honorifics]
        left = (m.titles[0] if m.titles else m.start) - 1
        run, obj = _left_title_run(work, left, m, lex)
        run = [i for i in run + inner if doc[i].lower_ not in FORMER]
        if not run:
            continue
        first = min(run)
        former = any(doc[i].lower_ in FORMER for i in m.titles)
        head = obj[0] if obj else max(run)
        last = max(run)
        org = obj[1] if obj and _type(work, obj[1]) == "ORG" else None
        of = obj[1] if obj and _type(work, obj[1]) in PLACE_LIKE else None
        # what stands before the title: former / ex-, then an organisation, then a place
        j, was_former = _skip_former(doc, first - 1)
        former = former or was_former
        possessor = j >= 1 and doc[j].tag_ == "POS"  # "Ostland's ex-President X"
        if possessor:
            j -= 1
        ev_start = first
        if org is None and (e := _entity_ending_at(work, j, {"ORG"})) is not None:
            org, ev_start = e
            j, was_former = _skip_former(doc, ev_start - 1)
            former = former or was_former
        held_of = PLACE_LIKE | {"PERSON"} if possessor else PLACE_LIKE  # "Brun's lawyer X"
        if of is None and (e := _entity_ending_at(work, j, held_of)) is not None:
            of, ev_start = e
        words = [doc[i] for i in range(first, last + 1)]
        if len(words) == 1 and fold(words[0].text).rstrip(".") in lex.title_abbrevs:
            title = lex.title_abbrevs[fold(words[0].text).rstrip(".")].title()
        else:
            title = doc[first : last + 1].text
        rn = role_noun(doc[head], lex) or lex.role(fold(title))
        span = char_span(doc, min(ev_start, first), m.end)
        ent.roles.append(
            RoleDraft(
                title=title,
                evidence=span,
                head=head,
                of=of,
                org=org,
                former=former,
                kind=rn.kind if rn else "",
            )
        )
        if rn and rn.gender:
            ent.set_gender(rn.gender, span)


def _type(work: Work, e: int | None) -> str | None:
    return work.entities[e].type if e is not None else None


def _skip_former(doc: Doc, j: int) -> tuple[int, bool]:
    """Step left over "former", "ex", and a hyphen glued to "ex" ("ex-President")."""
    former = False
    while j >= 0:
        tok = doc[j]
        if tok.lower_ in FORMER:
            former = True
        elif not (tok.text == "-" and _glued_ex(doc, j)):
            break
        j -= 1
    return j, former


def _glued_ex(doc: Doc, j: int) -> bool:
    """Is the hyphen at ``j`` the one of "ex-" (no space on either side)? A spaced dash after a
    dateline ("BERLIN - Senator ...") is not."""
    return (
        j >= 1
        and doc[j - 1].lower_ in FORMER
        and not doc[j - 1].whitespace_
        and not doc[j].whitespace_
    )


def _entity_ending_at(
    work: Work, j: int, types: frozenset[str] | set[str]
) -> tuple[int, int] | None:
    """(entity, first token) of a named mention of one of ``types`` whose last token is ``j``."""
    if j < 0:
        return None
    m = work.token_ment.get(j)
    if m is None or m.entity is None or m.end != j + 1 or m.kind == "pronoun":
        return None
    if work.entities[m.entity].type not in types:
        return None
    return m.entity, m.start


def _left_title_run(
    work: Work, j: int, m: Ment, lex: Lexicon
) -> tuple[list[int], tuple[int, int | None] | None]:
    """Title tokens ending at ``j``, and for "<Title> of <X>" the role noun and X's entity."""
    doc = work.doc
    run: list[int] = []
    obj: tuple[int, int | None] | None = None
    while j >= 0:
        hit = _multiword_at(doc, j, lex)
        if hit:
            _drop_title_words(work, j - hit + 1, j + 1)
            run[:0] = list(range(j - hit + 1, j + 1))
            j -= hit
            continue
        if not run:
            found = _of_title(work, j, lex)
            if found is not None:
                head, entity = found
                obj = (head, entity)
                run = list(range(head, j + 1))
                j = head - 1
                continue
        tok = doc[j]
        word = fold(tok.text).rstrip(".")
        capital = tok.is_title or tok.is_upper
        titled = capital and (lex.role(word) is not None or word in lex.title_abbrevs)
        # a lower-case role noun compounded onto the name: "drug lord X", "lawyer X"
        described = (
            tok.is_lower
            and lex.role(word) is not None
            and tok.dep_ == "compound"
            and (m.start <= tok.head.i < m.end or tok.head.i in run)
        )
        if not (titled or described):
            break
        run.insert(0, j)
        j -= 1
    return run, obj


def _of_title(work: Work, j: int, lex: Lexicon) -> tuple[int, int | None] | None:
    """ "<Title> of [the] <Proper name>" ending at token ``j``: (title's role noun, the entity
    the proper name is, if it is one). The proper name is capitalised words or one named
    mention (which may hold "of": "Bank of Lagonia"); the title a capitalised role noun."""
    doc = work.doc
    i = j
    entity: int | None = None
    words = 0
    while i >= 0 and words < _OBJECT_WORDS:
        m = work.token_ment.get(i)
        if m is not None and m.entity is not None:
            if work.entities[m.entity].type == "PERSON" or m.kind == "pronoun":
                return None
            if entity is not None and entity != m.entity:
                return None
            entity = m.entity
            words += m.end - m.start
            i = m.start - 1
            continue
        tok = doc[i]
        if tok.tag_ in PROPER_TAGS and tok.is_alpha and (tok.is_title or tok.is_upper):
            words += 1
            i -= 1
            continue
        break
    if i == j or words == 0:
        return None
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "of":
        return None
    role = doc[i - 1]
    if not (role.is_title or role.is_upper) or role_noun(role, lex) is None:
        return None
    if entity is not None and any(
        (x := work.token_ment.get(k)) is None or x.entity != entity
        for k in range(i + 1, j + 1)
        if doc[k].lower_ != "the"
    ):
        entity = None  # the proper name is more than the one entity: keep it as words only
    return i - 1, entity


def _multiword_at(doc: Doc, j: int, lex: Lexicon) -> int:
    last = fold(doc[j].text) if 0 <= j < len(doc) else None
    for words in lex.multiword_roles:
        n = len(words)
        if j - n + 1 < 0:
            continue
        if last is not None and words[-1] != last:
            continue  # the test below fails on its last word: no span to build
        toks = doc[j - n + 1 : j + 1]
        if (
            all(t.is_title or t.is_upper or t.is_lower for t in toks)
            and tuple(fold(t.text) for t in toks) == words
        ):
            return n
    return 0


def _drop_title_words(work: Work, a: int, b: int) -> None:
    """Mentions lying wholly inside a lexicon title ("State" in "Secretary of State") are title
    words the NER took for names, not actors."""
    for i in range(a, b):
        m = work.token_ment.get(i)
        if m is None or m.kind != "name" or m.start < a or m.end > b or m.entity is None:
            continue
        if work.entities[m.entity].type != "PERSON":
            work.drop(m)

"""Name mentions as the actors stage sees them: spaCy's NER spans, repaired.

The small English model's spans need fixing before names can be compared:
* a title in front ("President Trump") is cut off and kept as role evidence;
* a trailing possessive ("Felipe Calderón’s") and a leading "the" are dropped;
* a quoted nickname between given name and surname ("Ismael “El Mayo” Zambada") becomes one
  PERSON mention whatever pieces the NER made of it, with the nickname kept as an alias;
* a run of proper nouns ending in an organisation head word ("the US Attorney’s Office",
  "Ministry of Defence") becomes one ORG mention; "Sinaloa cartel" takes its lower-case head;
* an acronym in parentheses after a name ("(WHO)") is split off as its own mention;
* an all-capitals proper noun the NER missed ("AMLO") becomes an acronym candidate, and a run of
  capitalised proper nouns it missed ("Doe added") a name candidate; clustering keeps them only
  when it finds whom they name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.model.records import Mention
from newsgraph.pipeline.intervals import IntervalIndex
from newsgraph.pipeline.stages.actors.lexicon import Lexicon
from newsgraph.pipeline.stages.actors.names import fold, looks_like_acronym
from newsgraph.pipeline.stages.actors.state import Ment
from newsgraph.pipeline.tokattrs import token_attrs

OPEN_QUOTES = frozenset({"“", '"', "‘", "«", "``"})
CLOSE_QUOTES = frozenset({"”", '"', "’", "»", "''"})
PROPER_TAGS = frozenset({"NNP", "NNPS"})
FORMER = frozenset({"former", "ex", "ex-"})


def _proper(tok: Token) -> bool:
    return tok.tag_ in PROPER_TAGS and (tok.is_title or tok.is_upper) and tok.is_alpha


def from_ner(doc: Doc, mentions: list[Mention]) -> list[Ment]:
    out = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append(Ment(span.start, span.end, m.type))
    return out


def split_parentheses(doc: Doc, ments: list[Ment]) -> list[Ment]:
    """ "the World Health Organization (WHO" -> the name, and "WHO" as an acronym mention."""
    out: list[Ment] = []
    text = token_attrs(doc).text  # token texts by index: no ``Token`` made per word looked at
    for m in ments:
        paren = next((i for i in range(m.start, m.end) if text[i] == "("), None)
        if paren is None or paren == m.start:
            out.append(m)
            continue
        out.append(Ment(m.start, paren, m.type))
        inner_end = next((i for i in range(paren, m.end) if text[i] == ")"), m.end)
        if inner_end > paren + 1:
            inner = doc[paren + 1 : inner_end]
            kind = "acronym" if looks_like_acronym(inner.text) else "name"
            out.append(Ment(paren + 1, inner_end, m.type, kind=kind))
    return out


def nickname_spans(doc: Doc) -> list[Ment]:
    """Given name(s), a quoted nickname of capitalised words, surname: one PERSON mention."""
    out: list[Ment] = []
    n = len(doc)
    for i, qtext in enumerate(token_attrs(doc).text):
        if qtext not in OPEN_QUOTES or i == 0:
            continue
        q = doc[i]
        close = next((t.i for t in doc[q.i + 1 : min(n, q.i + 6)] if t.text in CLOSE_QUOTES), None)
        if close is None or close == q.i + 1 or close + 1 >= n:
            continue
        inner = doc[q.i + 1 : close]
        if not all(t.is_title or t.is_upper for t in inner if t.is_alpha):
            continue
        left = q.i
        while left - 1 >= 0 and q.i - (left - 1) <= 4 and _proper(doc[left - 1]):
            left -= 1
        right = close + 1
        while right < n and right - close <= 3 and _proper(doc[right]):
            right += 1
        if left == q.i or right == close + 1:
            continue
        out.append(Ment(left, right, "PERSON", nickname=(q.i + 1, close)))
    return out


def org_chains(doc: Doc, lex: Lexicon, person_tokens: set[int]) -> list[Ment]:
    """Proper-noun runs ending in an organisation head ("New York Attorney General’s Office")."""
    out: list[Ment] = []
    n = len(doc)
    for i, tag in enumerate(token_attrs(doc).tag):
        if tag not in PROPER_TAGS or i in person_tokens:
            continue
        t = doc[i]
        if not t.is_title:
            continue
        if fold(t.text) not in lex.org_heads:
            continue
        a = t.i
        while a - 1 >= 0:
            prev = doc[a - 1]
            if prev.i in person_tokens:
                break
            if _proper(prev) or (prev.tag_ == "POS" and a - 2 >= 0 and _proper(doc[a - 2])):
                a -= 1
                continue
            break
        b = t.i + 1
        if b + 1 < n and doc[b].lower_ in ("of", "for") and _proper(doc[b + 1]):
            b += 1
            while b < n and _proper(doc[b]) and b not in person_tokens:
                b += 1
        if b - a >= 2:
            out.append(Ment(a, b, "ORG"))
    return out


def _replace(base: list[Ment], new: list[Ment]) -> list[Ment]:
    """Put ``new`` spans in, dropping base spans they overlap."""
    near = IntervalIndex((x.start, x.end, x) for x in new)
    kept = [
        m
        for m in base
        if not any(m.start < x.end and x.start < m.end for x in near.near(m.start, m.end))
    ]
    return kept + new


def trim(doc: Doc, m: Ment, lex: Lexicon) -> Ment | None:
    """Drop a leading "the", trailing possessives, punctuation and numbers, and a person's
    titles; a span running over a line break keeps its longer side, and so does one holding
    words that are in no name (table abbreviations; numbers in a person's name: "Revs 12.2 mln
    vs"). None when no name is left: nothing capitalised, or a tax ("value-added tax")."""
    s, e = m.start, m.end
    if not m.nickname:
        cuts = [
            t.i
            for t in doc[s:e]
            if (t.is_space and "\n" in t.text)
            or _not_name_word(t, lex)
            or _kicker(t, lex)
            or (m.type == "PERSON" and any(c.isdigit() for c in t.text))
        ]
        if cuts:
            s, e = _longest_piece(s, e, cuts)
    if m.type == "ORG" and e > s and fold(doc[e - 1].text) in lex.not_org_heads:
        return None
    while e > s and (_edge_junk(doc[e - 1]) or doc[e - 1].tag_ == "POS" or _function(doc[e - 1])):
        if m.nickname and e - 1 < m.nickname[1] + 1:
            break
        e -= 1
    while s < e and (doc[s].lower_ == "the" or _edge_junk(doc[s]) or _lower_lead(doc[s], m, lex)):
        if m.nickname and s >= m.nickname[0] - 1:
            break
        s += 1
    if e <= s or not any(c.isupper() for t in doc[s:e] for c in t.text):
        return None
    type_ = m.type
    if type_ == "PERSON" and e - s > 1 and _legal_suffix(doc[e - 1], lex):
        type_ = "ORG"  # "Gulfex Inc", "Sedio N.V.": a company, whatever the NER said
    titles: list[int] = []
    if type_ == "PERSON":
        while s < e - 1 and _is_title_word(doc[s], lex):
            titles.append(s)
            s += 1
    if e <= s:
        return None
    return Ment(s, e, type_, m.kind, nickname=m.nickname, titles=tuple(titles))


def _longest_piece(s: int, e: int, cuts: list[int]) -> tuple[int, int]:
    """The longest run of tokens in ``[s, e)`` between the ``cuts`` (the earlier on a tie)."""
    best = (s, s)
    a = s
    for c in [*cuts, e]:
        if c - a > best[1] - best[0]:
            best = (a, c)
        a = c + 1
    return best


def _lower_lead(tok: Token, m: Ment, lex: Lexicon) -> bool:
    """A lower-case word in front of a person's name that is no particle nor title ("trade bill
    Reagan would sign": "bill"; "lawyer John Doe": the role is read from outside the name)."""
    return (
        m.type == "PERSON"
        and tok.is_lower
        and tok.lower_ not in lex.particles
        and not _is_title_word(tok, lex)
    )


def _function(tok: Token) -> bool:
    """A lower-case function word, which never ends a name ("<Woodco Inc> of")."""
    return tok.is_lower and tok.is_stop


def _not_name_word(tok: Token, lex: Lexicon) -> bool:
    return fold(tok.text).rstrip(".") in lex.not_names


def _kicker(tok: Token, lex: Lexicon) -> bool:
    """A story label in capitals before a colon or dash ("PROFILE: The engineer ..."): it heads
    the headline or paragraph and names nobody."""
    if not tok.is_upper or fold(tok.text) not in lex.kickers:
        return False
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].text in (":", "-", "\u2013", "\u2014")


def _legal_suffix(tok: Token, lex: Lexicon) -> bool:
    """ "Inc", "Corp.", "N.V.", "PLC", "GmbH", "SpA": a company's legal form."""
    return fold(tok.text).replace(".", "") in lex.org_suffixes


def _edge_junk(tok: Token) -> bool:
    """Punctuation, symbols, spaces, numbers at the edge of a name ("<Sedio N.V.>", "May 20.0")."""
    return tok.is_space or tok.like_num or not any(c.isalpha() for c in tok.text)


def _is_title_word(tok: Token, lex: Lexicon) -> bool:
    word = fold(tok.text).rstrip(".")
    if word in FORMER:
        return True
    if not (tok.is_title or tok.is_upper):
        return False
    return word in lex.honorifics or word in lex.title_abbrevs or lex.role(word) is not None


def extend_lowercase_heads(doc: Doc, m: Ment, lex: Lexicon) -> Ment:
    """ "the Sinaloa cartel": an ORG name compounded onto a lower-case organisation head. A
    person's name there names the organisation, not the person: "the Reagan administration"."""
    if m.type not in ("ORG", "PERSON") or m.end >= len(doc) or m.nickname:
        return m
    nxt = doc[m.end]
    if nxt.is_lower and nxt.lower_ in lex.org_heads and doc[m.end - 1].head.i == nxt.i:
        return Ment(m.start, m.end + 1, "ORG", m.kind, m.entity, m.nickname, m.titles)
    return m


def join_legal_tails(doc: Doc, ments: list[Ment], lex: Lexicon) -> list[Ment]:
    """A span made only of legal suffixes ("Co", "Co Inc", "SA") ends the name before it when
    "and"/"&" joins them ("Merrill Lynch and Co": one ORG); alone it names nobody."""
    ments = sorted(ments, key=lambda m: m.start)
    out: list[Ment] = []
    for m in ments:
        words = [t for t in doc[m.start : m.end] if t.is_alpha]
        if not words or not all(_legal_suffix(t, lex) for t in words):
            out.append(m)
            continue
        amp = m.start - 1
        prev = out[-1] if out else None
        if prev is not None and amp >= 1 and doc[amp].lower_ in ("and", "&") and prev.end == amp:
            out[-1] = Ment(prev.start, m.end, "ORG", prev.kind)
    return out


def acronym_candidates(doc: Doc, covered: set[int], lex: Lexicon) -> list[Ment]:
    attrs = token_attrs(doc)
    text = attrs.text
    return [
        Ment(i, i + 1, None, kind="acronym")
        for i, tag in enumerate(attrs.tag)
        if tag in PROPER_TAGS
        and i not in covered
        and looks_like_acronym(text[i])
        and not _kicker(doc[i], lex)
    ]


def proper_runs(doc: Doc, covered: set[int], lex: Lexicon) -> list[Ment]:
    """Runs of capitalised proper nouns the NER left out ("Doe added ..."): candidates that
    clustering keeps only when they are a sub-form of a person's name found elsewhere."""
    out: list[Ment] = []
    tag = token_attrs(doc).tag  # ``_proper`` wants a proper-noun tag first: test it by index
    i, n = 0, len(doc)
    while i < n:
        if i in covered or tag[i] not in PROPER_TAGS or not _proper(doc[i]) or doc[i].is_upper:
            i += 1
            continue
        j = i
        while (
            j < n
            and j not in covered
            and tag[j] in PROPER_TAGS
            and _proper(doc[j])
            and not doc[j].is_upper
        ):
            j += 1
        a = i
        while a < j and _is_title_word(doc[a], lex):
            a += 1
        if a < j:
            out.append(Ment(a, j, None, kind="candidate", titles=tuple(range(i, a))))
        i = j
    return out


def name_mentions(doc: Doc, ner: list[Mention], lex: Lexicon) -> list[Ment]:
    """The repaired name mentions of ``doc``, in text order, without overlaps."""
    ments = split_parentheses(doc, from_ner(doc, ner))
    ments = _replace(ments, nickname_spans(doc))
    person_tokens = {i for m in ments if m.type == "PERSON" for i in range(m.start, m.end)}
    near = IntervalIndex((m.start, m.end, m) for m in ments)
    chains = [
        c
        for c in org_chains(doc, lex, person_tokens)
        if not any(m.start <= c.start and c.end <= m.end for m in near.near(c.start - 1, c.end + 1))
    ]  # a chain inside a longer NER name ("Exchange Commission") is part of it, not the name
    ments = _replace(ments, chains)
    out: list[Ment] = []
    for m in ments:
        t = trim(doc, m, lex)
        if t is not None:
            out.append(extend_lowercase_heads(doc, t, lex))
    out = join_legal_tails(doc, out, lex)
    covered = {i for m in ments for i in range(m.start, m.end)}
    out.extend(acronym_candidates(doc, covered, lex))
    covered |= {i for m in out for i in range(m.start, m.end)}
    out.extend(proper_runs(doc, covered, lex))
    out.sort(key=lambda m: (m.start, -m.end))
    clean: list[Ment] = []
    for m in out:  # overlaps left after the repairs: keep the earlier, longer span
        if clean and m.start < clean[-1].end:
            continue
        clean.append(m)
    return clean

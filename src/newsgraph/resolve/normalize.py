"""Name forms for cross-document matching: folding, titles, legal suffixes, acronyms, initials.

A raw name such as ``"President Andrés Manuel López Obrador"`` becomes the folded token tuple
``("andres", "manuel", "lopez", "obrador")``: accents and case folded, punctuation dropped (dots
inside acronyms vanish so ``"U.S."`` and ``"US"`` agree), a leading article removed, leading
titles removed from PERSON names and legal-form suffixes (Inc, Corp, S.A. …) from ORG names. The
word lists are data files (``model/data/resolve_*``). Everything here is a pure function of its
input and cached, because the same surface forms recur across thousands of articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.model.data import load_lines, load_toml
from newsgraph.model.names import fold_name

# Names fold one way everywhere (model.names); resolution modules know it as ``fold``.
fold = fold_name


@dataclass(frozen=True)
class Rules:
    """Settings from ``resolve_rules.toml`` plus the word lists."""

    type_groups: dict[str, str]
    name_kinds: frozenset[str]
    stopwords: frozenset[str]
    acronym_min: int
    acronym_max: int
    articles: frozenset[str]
    place_id_keys: tuple[str, ...]
    min_shared: int
    dominant_min: int
    dominance: float
    titles: frozenset[str]
    type_vote_share: float
    type_vote_groups: frozenset[str]
    person_suffixes: frozenset[str]
    suffixes: tuple[tuple[str, ...], ...]
    legal_forms: frozenset[str]  # every word of the legal-form suffixes ("co", "inc", "de", "cv")
    generic: frozenset[str]  # generic organisation words (resolve_org_generic.txt)
    generic_max_words: int
    particles: frozenset[str]  # lower-case words inside person names ("de", "van")
    person_never_last: frozenset[str]  # last words of organisation names ("administration")


@lru_cache(maxsize=1)
def rules() -> Rules:
    data: dict[str, Any] = load_toml("resolve_rules.toml")
    names = data["names"]
    suffixes = tuple(
        sorted(
            (tuple(s.split()) for s in load_lines("resolve_org_suffixes.txt")),
            key=len,
            reverse=True,
        )
    )
    return Rules(
        type_groups=dict(data["type_groups"]),
        name_kinds=frozenset(names["name_kinds"]),
        stopwords=frozenset(names["initials_stopwords"]),
        acronym_min=int(names["acronym_min_len"]),
        acronym_max=int(names["acronym_max_len"]),
        articles=frozenset(names["leading_articles"]),
        place_id_keys=tuple(names["place_id_keys"]),
        min_shared=int(data["context"]["min_shared"]),
        dominant_min=int(data["context"]["dominant_min"]),
        dominance=float(data["context"]["dominance"]),
        titles=frozenset(load_lines("resolve_titles.txt")),
        type_vote_share=float(data["type_vote"]["share"]),
        type_vote_groups=frozenset(data["type_vote"]["groups"]),
        person_suffixes=frozenset(names["person_suffixes"]),
        suffixes=suffixes,
        legal_forms=frozenset(t for s in suffixes for t in s),
        generic=frozenset(load_lines("resolve_org_generic.txt")),
        generic_max_words=int(names["generic_max_words"]),
        particles=frozenset(names["name_particles"]),
        person_never_last=frozenset(names["person_never_last"]),
    )


def type_group(entity_type: str | None) -> str:
    """The group of types that may share a canonical entity (GPE and LOC are one group)."""
    t = (entity_type or "").upper()
    return rules().type_groups.get(t, t or "OTHER")


def acronym_of(raw: str) -> str | None:
    """The folded letters of ``raw`` when it is written as an acronym ("GM", "U.S.", "A.M.L.O.")."""
    r = rules()
    compact = raw.strip().replace(".", "").replace(" ", "")
    if not (r.acronym_min <= len(compact) <= r.acronym_max) or not compact.isalpha():
        return None
    if not compact.isupper():
        return None
    return fold(compact)


@dataclass(frozen=True)
class Form:
    """One surface form of an entity, folded for matching."""

    raw: str
    tokens: tuple[str, ...]
    acronym: str | None  # folded letters when the raw form is an acronym

    @property
    def key(self) -> str:
        return " ".join(self.tokens)


def _strip_suffixes(tokens: list[str]) -> list[str]:
    changed = True
    while changed:
        changed = False
        for suffix in rules().suffixes:
            n = len(suffix)
            if len(tokens) > n and tuple(tokens[-n:]) == suffix:
                del tokens[-n:]
                changed = True
                break
    return tokens


def capitalised(word: str) -> bool:
    """Whether a word is written like part of a proper name ("Reagan", "eBay", "3M", "AT&T")."""
    return any(c.isupper() for c in word) or word[:1].isdigit()


def _lower_word(word: str) -> bool:
    """A lower-case word that is not a name particle, article or initials stopword."""
    r = rules()
    if capitalised(word) or not any(c.isalpha() for c in word):
        return False
    folded = fold(word)
    return folded not in r.particles and folded not in r.stopwords and folded not in r.articles


def proper(raw: str) -> bool:
    """Whether every word of ``raw`` is capitalised, a particle, an article or a stopword: a
    proper name, not a fragment of a sentence ("bill Reagan", "Reagan administration")."""
    return not any(_lower_word(w) for w in raw.split())


def trim_fragment(raw: str) -> str:
    """``raw`` without lower-case words before its first capitalised one ("bill Reagan" ->
    "Reagan", "'s Socialist Party" -> "Socialist Party"); unchanged when nothing is left."""
    words = raw.split()
    k = 0
    while k < len(words) - 1 and (_lower_word(words[k]) or not any(c.isalnum() for c in words[k])):
        k += 1
    rest = words[k:]
    return " ".join(rest) if any(capitalised(w) for w in rest) else raw


@lru_cache(maxsize=200_000)
def is_generic_org(raw: str) -> bool:
    """Whether an ORG form names a kind of organisation rather than one ("the Bank", "Co Inc",
    "Finance Ministry", "Exchange Commission"): its words are all legal forms, or its content
    words (stopwords and legal forms aside) are all generic and at most ``generic_max_words``.
    An acronym of three or more letters is a name even when it spells a legal form ("SPA").
    """
    r = rules()
    tokens = [t for t in fold(raw).split() if t not in r.articles and t not in r.stopwords]
    if not tokens:
        return True
    acronym = acronym_of(raw)
    if acronym is not None and len(acronym) >= 3:
        return acronym in r.generic  # "SPA" (Saudi Press Agency) is an acronym, "BANK" a word
    content = [t for t in tokens if t not in r.legal_forms]
    if not content:
        return True  # legal forms alone ("Co", "Co Inc", "Ltd") are no name at all
    return len(content) <= r.generic_max_words and all(t in r.generic for t in content)


@lru_cache(maxsize=500_000)
def make_form(raw: str, group: str) -> Form | None:
    """The matching form of a name, or None when it is no name (a description, a pronoun).

    A name keeps at least one capitalised word once articles and titles are gone: "the former
    official" and "the President" are descriptions, not names, and never join entities. Lower-case
    words before the first capitalised one are dropped ("bill Reagan" -> "Reagan"), except name
    particles ("de Gaulle"). A PERSON form with a leading article, a lower-case word left ("The
    Reagan administration") or an organisation's last word ("Reagan Administration", "Varga
    Inc"), and a generic ORG form (:func:`is_generic_org`) are no names.
    """
    r = rules()
    if group == "ORG" and is_generic_org(raw):
        return None
    acronym = acronym_of(raw)
    words = raw.split()
    # Drop leading articles and (for people) titles on the raw words, so the capitalisation test
    # below looks at what remains.
    article = False
    while len(words) > 1 and fold(words[0]) in r.articles:
        words = words[1:]
        article = True
    while len(words) > 1 and _lower_word(words[0]):
        words = words[1:]
    if group == "PERSON":
        while len(words) > 1 and fold(words[0]) in r.titles:
            words = words[1:]
        if article or any(_lower_word(w) for w in words):
            return None
    if not any(capitalised(w) for w in words):
        return None
    tokens = fold(" ".join(words)).split()
    if group == "ORG" and is_generic_org(" ".join(words)):
        return None  # "trade Ministry" once the lower-case word is gone
    if group == "PERSON" and tokens and tokens[0] in r.titles and len(tokens) == 1:
        return None  # a bare title ("President")
    if group == "ORG":
        tokens = _strip_suffixes(tokens)
    elif group == "PERSON":
        last = tokens[-1] if len(tokens) > 1 else ""
        if last in r.person_never_last or (last in r.legal_forms and last not in r.particles):
            return None  # "Reagan Administration", "Varga Inc": an organisation
        while len(tokens) > 1 and tokens[-1] in r.person_suffixes:
            tokens.pop()
    if not tokens:
        return None
    return Form(raw=raw, tokens=tuple(tokens), acronym=acronym)


@lru_cache(maxsize=200_000)
def initials(tokens: tuple[str, ...]) -> frozenset[str]:
    """Acronyms a multi-word name may be abbreviated to: all initials, and without stopwords."""
    if len(tokens) < 2:
        return frozenset()
    stop = rules().stopwords
    out = {"".join(t[0] for t in tokens if t)}
    content = [t for t in tokens if t not in stop]
    if len(content) >= 2:
        out.add("".join(t[0] for t in content))
    return frozenset(a for a in out if len(a) >= rules().acronym_min)


LOOSE_MIN = 3  # letters of the shortest acronym that may loosely abbreviate a name


def loose_acronym(acronym: str, tokens: tuple[str, ...]) -> bool:
    """Whether ``acronym`` abbreviates ``tokens`` with several letters per word or leading words
    left out: SIA = SIngapore Airlines, RAF = (United Kingdom's) Royal Air Force.

    Every remaining word gives a non-empty prefix, in order (stopwords may give none). Only used
    between entities of the same article, where "Full Name (ACR)" introduces the acronym.
    """
    if len(acronym) < LOOSE_MIN or len(tokens) < 2:
        return False
    stop = rules().stopwords

    def fits(a: str, words: tuple[str, ...]) -> bool:
        if not words:
            return not a
        word, rest = words[0], words[1:]
        if word in stop and fits(a, rest):
            return True
        for k in range(1, min(len(word), len(a)) + 1):
            if word[:k] != a[:k]:
                break
            if fits(a[k:], rest):
                return True
        return False

    return any(fits(acronym, tokens[s:]) for s in range(len(tokens) - 1))

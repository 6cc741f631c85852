"""Comparing names within one article: accent/case folding, name parts, initials and the rules by
which a shorter form ("García Luna", "Luna", "AMLO") refers to a longer one ("Genaro Garcia Luna").

Pure string functions; no spaCy here, so they are cheap to test by hand.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'", "´": "'"})
_POSSESSIVE = re.compile(r"(?:'s|')$")
_PUNCT_EDGE = re.compile(r"^[^\w]+|[^\w.]+$")

Key = tuple[str, ...]


def fold(text: str) -> str:
    """Lower case, accents removed, typographic quotes made plain: "García" -> "garcia"."""
    if text.isascii() and "`" not in text:  # the common case, ten times cheaper
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def strip_possessive(word: str) -> str:
    return _POSSESSIVE.sub("", word.translate(_QUOTES))


def name_key(words: Iterable[str]) -> Key:
    """Folded parts of a name, punctuation and possessives removed; dots of initials dropped."""
    return tuple(p for p in map(_key_part, words) if p)


@lru_cache(maxsize=65_536)
def _key_part(word: str) -> str:
    """One word of :func:`name_key` (empty when nothing is left). Kept per process: the same
    name words come back in article after article, and each costs two regex substitutions."""
    return _PUNCT_EDGE.sub("", strip_possessive(fold(word))).rstrip(".")


def is_initial(part: str) -> bool:
    return len(part) == 1 and part.isalpha()


def _part_eq(short: str, full: str) -> bool:
    """Equal parts, or an initial standing for the full part ("f" ~ "fitzgerald")."""
    return short == full or (is_initial(short) and full.startswith(short))


def strong_match(short: Key, full: Key) -> bool:
    """Does ``short`` name the same person as ``full`` without doubt inside one article?

    * equal keys;
    * a surname block: a contiguous run ``full[i:j]`` with ``i >= 1`` that ends at the last part,
      or at the next-to-last part of a name of three or more parts (Spanish paternal surname:
      "López" / "López Obrador" of "Andrés Manuel López Obrador");
    * first name plus surname with optional middle parts or initials ("John Kennedy",
      "John F. Kennedy" ~ "John Fitzgerald Kennedy").
    """
    if not short or not full or len(short) > len(full):
        return False
    if short == full:
        return True
    n, k = len(full), len(short)
    ends = {n} | ({n - 1} if n >= 3 else set())
    for j in ends:
        i = j - k
        if i >= 1 and full[i:j] == short:
            return True
    if (
        k >= 2
        and _part_eq(short[0], full[0])
        and (short[-1] == full[-1] or (n >= 3 and short[-1] == full[-2]))
    ):
        # middle parts of the short form must appear, in order, among the full form's middle
        pos = 1
        for part in short[1:-1]:
            while pos < n - 1 and not _part_eq(part, full[pos]):
                pos += 1
            if pos >= n - 1:
                return False
            pos += 1
        return True
    return False


def first_name_match(short: Key, full: Key) -> bool:
    """A lone given name ("Jane" ~ "Jane Doe"): weaker, used only when nothing else matches."""
    return len(short) == 1 and len(full) >= 2 and short[0] == full[0]


def initials(words: Sequence[str], skip: Iterable[str] = ()) -> str:
    """Upper-case initials of ``words``, skipping folded words in ``skip`` ("of", "the")."""
    skipped = set(skip)
    out = []
    for w in words:
        f = fold(w)
        if not f or f in skipped or not f[0].isalnum():
            continue
        out.append(f[0])
    return "".join(out).upper()


def looks_like_acronym(text: str) -> bool:
    """ "AMLO", "WHO", "U.N." — two to eight capitals, dots allowed."""
    bare = text.replace(".", "")
    return 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper()


def acronym_of(acronym: str, words: Sequence[str], stopwords: Iterable[str]) -> bool:
    """Is ``acronym`` the initials of ``words`` (with or without function words)?"""
    bare = acronym.replace(".", "").upper()
    if len(bare) < 2 or len(words) < 2:
        return False
    return bare in (initials(words), initials(words, stopwords))


def initials_in_order(acronym: str, words: Sequence[str]) -> bool:
    """Looser test for an acronym given right after a name ("Barclays de Zoete Wedd (BZW)"):
    its letters are initials of the name's words in order, the first word's included, words may
    be skipped. Rejects what a parenthesis also holds: tickers, places, party labels."""
    letters = acronym.replace(".", "").upper()
    firsts = [fold(w)[:1].upper() for w in words if fold(w)[:1].isalnum()]
    if len(letters) < 2 or not firsts or letters[0] != firsts[0]:
        return False
    pos = 1
    for ch in letters[1:]:
        while pos < len(firsts) and firsts[pos] != ch:
            pos += 1
        if pos >= len(firsts):
            return False
        pos += 1
    return True

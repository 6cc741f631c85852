"""Glued words where a dash or space was lost: "Genaro Garcia Lunawho is" → "Luna — who is".

A token is a candidate when it is not a word (``wordfreq`` knows it not at all) and ends in one of
the glue words of ``model/data/ingest_glue_words.tsv`` (who, which, has, is, ...). The split is a
*repair* only when all the evidence agrees:

* the prefix is a frequent lowercase word of at least four letters (``zipf >= WORD_ZIPF``) for a
  lowercase token, or, for a capitalised token, a name the same article also writes as a
  standalone word (accents ignored: "Lunawho" next to "García Luna"; see :func:`_names`) or a very
  frequent word or name (``zipf >= NAME_ZIPF``: "Obamawas") before a glue word of three letters or
  more (many names end in "-is");
* exactly one glue word splits the token that way;
* the next word follows after one space and starts with a lowercase letter or a digit
  ("who *is*", "has *launched*", "was *6,237,000*");
* the token occurs once in the article (a real but unknown word, such as a currency "intis",
  tends to recur; a lost dash does not make the same token twice).

When only part of the evidence holds (a prefix that is a common word but not a name of the article,
or a rare word; a token that recurs; no fitting next word), the text is left alone and a
``glued-words`` flag says why. Nothing here lists words of any particular article.

The separator restores what was most likely lost. A relative pronoun after a name opens a
parenthetical (" — ": "Luna — who is"); after a lowercase word it was a space ("after which"). A
verb gets " — " when a dash is open in the sentence (it closes the parenthetical: "Luna — who is
awaiting ... trafficking — has launched") and a space otherwise ("plan had been").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.ingest.repair.editor import Edit
from newsgraph.model.data import load_tsv
from newsgraph.model.records import Flag

KIND = "glued-words"
# A token this frequent is a word in its own right and is never split.
UNKNOWN_BELOW = 1.0
# A lowercase prefix at least this frequent is a word (zipf 3 ≈ once per million words).
WORD_ZIPF = 3.0
# A capitalised prefix this frequent is a known name or word even when the article does not write
# it alone ("Obamawas"); only with glue words of three letters or more ("-is" ends many names).
NAME_ZIPF = 4.0
MIN_NAME_GLUE = 3
# Weaker evidence, enough to flag.
FLAG_ZIPF = 2.0
MIN_PREFIX = 4  # letters; shorter lowercase "words" are mostly abbreviations ("int")
MIN_NAME = 3  # letters of a name prefix ("Lee")
DASH = "\u2014"

_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n")


@dataclass(frozen=True)
class _Split:
    prefix: str
    glue: str
    role: str
    strong: bool
    why: str


@lru_cache(maxsize=1)
def glue_words() -> dict[str, str]:
    """Glue word -> role, from the data file."""
    return {row["word"]: row["role"] for row in load_tsv("ingest_glue_words.tsv")}


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _splits(token: str, names: set[str]) -> list[_Split]:
    out: list[_Split] = []
    for glue, role in glue_words().items():
        if not token.endswith(glue) or len(token) - len(glue) < MIN_NAME:
            continue
        prefix = token[: -len(glue)]
        if prefix.islower():
            if len(prefix) < MIN_PREFIX:
                continue
            freq = zipf(prefix)
            if freq >= WORD_ZIPF:
                out.append(_Split(prefix, glue, role, True, f"'{prefix}' is a word"))
            elif freq >= FLAG_ZIPF:
                out.append(_Split(prefix, glue, role, False, f"'{prefix}' is a rare word"))
        elif prefix[0].isupper() and not prefix.isupper():
            freq = zipf(prefix.lower())
            if _fold(prefix) in names:
                out.append(_Split(prefix, glue, role, True, f"'{prefix}' is a name in the article"))
            elif freq >= NAME_ZIPF and len(prefix) >= MIN_PREFIX and len(glue) >= MIN_NAME_GLUE:
                why = f"'{prefix}' is a frequent word or name"
                out.append(_Split(prefix, glue, role, True, why))
            elif freq >= WORD_ZIPF:
                why = f"'{prefix}' is a known word, not written alone in the article"
                out.append(_Split(prefix, glue, role, False, why))
    return out


def _dash_open(text: str, pos: int, inserted: Iterable[int]) -> bool:
    """Whether an odd number of dashes precede ``pos`` in its sentence."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    count = text.count(DASH, start, pos) + sum(1 for p in inserted if start <= p < pos)
    return count % 2 == 1


def _names(text: str, tokens: list[re.Match[str]]) -> set[str]:
    """Capitalised words used as names, accents folded.

    A capitalised word inside a sentence is a name; at the start of a sentence only when the
    article never writes it in lowercase ("Ortega denied" counts, "The report" does not).
    """
    lowercase = {m.group() for m in tokens if m.group().islower()}
    out: set[str] = set()
    for m in tokens:
        word = m.group()
        if not word[:1].isupper() or word.isupper():
            continue
        before = text[max(0, m.start() - 8) : m.start()].rstrip(" \t\"'“‘(")
        initial = not before or before[-1] in ".!?:\n"
        if not initial or word.lower() not in lowercase:
            out.add(_fold(word))
    return out


def glued_edits(text: str) -> tuple[list[Edit], list[Flag]]:
    """Repairs for confident glued words; flags (in *repaired* text offsets) for the rest."""
    tokens = list(_WORD.finditer(text))
    glue = glue_words()
    endings = tuple(glue)
    edits: list[Edit] = []
    flags: list[tuple[int, int, str]] = []
    inserted_dashes: list[int] = []
    candidates = [
        m
        for m in tokens
        if m.group().endswith(endings)
        and not m.group().isupper()
        and zipf(m.group().lower()) < UNKNOWN_BELOW
    ]
    if not candidates:
        return edits, []
    names = _names(text, tokens)
    counts: dict[str, int] = {}
    for m in tokens:
        counts[m.group()] = counts.get(m.group(), 0) + 1
    for m in candidates:
        token = m.group()
        splits = _splits(token, names)
        if not splits:
            continue
        after = text[m.end() : m.end() + 2]
        context_ok = after[:1] == " " and (after[1:].islower() or after[1:].isdigit())
        strong = [s for s in splits if s.strong]
        unique = counts[token] == 1
        if len(splits) == 1 and strong and context_ok and unique:
            split = strong[0]
            cut = m.start() + len(split.prefix)
            if split.role == "relative":
                dash = split.prefix[0].isupper()
            else:
                dash = _dash_open(text, m.start(), inserted_dashes)
            if dash:
                inserted_dashes.append(cut)
            sep = f" {DASH} " if dash else " "
            edits.append(Edit(m.start(), m.end(), f"{split.prefix}{sep}{split.glue}", KIND))
            continue
        if not strong and not context_ok:
            continue  # too little evidence even for a flag ("Dimis Inc", "Greenwhich Pharma")
        reasons = "; ".join(f"'{s.prefix}' + '{s.glue}' ({s.why})" for s in splits)
        if not context_ok:
            reasons += "; no lowercase word follows"
        if not unique:
            reasons += f"; the token occurs {counts[token]} times"
        flags.append((m.start(), m.end(), f"'{token}' may be glued words: {reasons}"))
    return edits, _shift_flags(flags, edits)


def _shift_flags(flags: list[tuple[int, int, str]], edits: list[Edit]) -> list[Flag]:
    """Move flag offsets past the length changes the edits make before them."""
    out: list[Flag] = []
    for start, end, message in flags:
        delta = sum(len(e.new) - (e.end - e.start) for e in edits if e.end <= start)
        out.append(Flag(kind=KIND, start=start + delta, end=end + delta, message=message))
    return out

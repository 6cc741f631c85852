"""Words that look temporal but are not TIMEX3 in their context (TimeML leaves them untagged).

Names and titles ("the March for Life", "VOA Today", "Orion 1980", 'CBS's "60 Minutes"'),
idioms ("high noon"), generic uses ("today's youth", "a quarter-to-quarter comparison", "from a
fiscal year to a calendar year"). Each test reads the text around a candidate span
``[start, end)``; the recogniser drops the candidate when one holds.
"""

from __future__ import annotations

import re
from typing import Any

from newsgraph.pipeline.stages.times.lexicon import lexicon

_POSSESSIVE_NOUN = re.compile(r"['\u2019]s\s+(\w+)")


def generic_today(start: int, end: int, text: str) -> bool:
    """ "today's youth", "in today's world": nowadays, not the article date."""
    if text[start:end].lower() != "today":
        return False
    m = _POSSESSIVE_NOUN.match(text, end)
    return m is not None and m[1].lower() in lexicon().generic_today_nouns


# "the March for Life", "``Spring of Life''", "the Summer of Love": a capitalised month or season
# word followed by "of/for" and a capitalised word is the first word of a name.
_NAME_TAIL = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z]")
# "VOA Today", "USA Today": a capitalised day word right after a capitalised word is a title.
_NAME_HEAD = re.compile(r"(?:^|\s)[A-Z][\w&.'-]*[A-Za-z]\s+$")
# "the quarter-to-quarter comparison", "day-to-day": a generic comparison, not a period.
_TO_COMPOUND = re.compile(r"-to-\w", re.IGNORECASE)


def to_compound(start: int, end: int, text: str) -> bool:
    """ "the quarter-to-quarter comparison", "year-to-year": a generic comparison, no period."""
    return bool(
        _TO_COMPOUND.match(text, end) or re.search(r"\w-to-$", text[max(0, start - 6) : start])
    )


def in_name(start: int, end: int, text: str) -> bool:
    """A time word that is part of a name (a title, an event, a programme), not a time."""
    word = text[start:end]
    if " " in word or not word[:1].isupper():
        return False
    lx = lexicon()
    low = word.lower()
    if (lx.month(low) is not None or low in lx.seasons) and _NAME_TAIL.match(text, end):
        return True
    if low in lx.day_words or low == "tonight":
        head = _NAME_HEAD.search(text, max(0, start - 30), start)
        return head is not None and not _sentence_start(text, start)
    return False


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \t\"'`\u201c")
    return not before or before[-1] in ".!?:\n"


def idiom(start: int, end: int, text: str) -> bool:
    """ "high noon", "the eleventh hour": fixed phrases whose time word is not a time."""
    lo, hi = max(0, start - 20), end + 20
    window = text[lo:hi].lower()
    for phrase in lexicon().idioms:
        at = window.find(phrase)
        while at >= 0:
            if lo + at <= start and end <= lo + at + len(phrase):
                return True
            at = window.find(phrase, at + 1)
    return False


_OPEN_QUOTE = re.compile(r"(?:[\"\u201c]|``|'')$")


def programme_title(start: int, end: int, text: str) -> bool:
    """'on ABC's "This Week"', 'CBS's "60 Minutes"': a quoted name with a capitalised unit
    word after its first word is a programme or a title, not a time."""
    if not _OPEN_QUOTE.search(text, max(0, start - 2), start):
        return False
    words = text[start:end].split()[1:]
    return any(w[:1].isupper() and lexicon().unit(w) is not None for w in words)


def name_before_number(prev: Any) -> bool:
    """A capitalised proper noun (not a calendar word, not first in its sentence) that a number
    directly follows with no comma: the number is part of the name."""
    if prev.pos_ != "PROPN" or not prev.text[:1].isupper() or prev.is_sent_start:
        return False
    if prev.whitespace_ != " ":
        return False
    lx = lexicon()
    low = prev.lower_.rstrip(".")
    return not (
        lx.month(low) is not None
        or lx.weekday(low) is not None
        or low in lx.seasons
        or low in lx.holidays
        or lx.unit(low) is not None
        or low in ("fiscal", "fy", "spring", "fall", "christmas", "easter", "year")
    )


# "changed from a fiscal year to a calendar year": a kind of year, not a date.
_KIND_OF_YEAR = re.compile(r"(?:fiscal|calendar)\s+year", re.IGNORECASE)
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)


def kind_of_year(start: int, end: int, text: str) -> bool:
    return bool(
        _KIND_OF_YEAR.fullmatch(text, start, end)
        and _INDEFINITE_BEFORE.search(text, max(0, start - 4), start)
    )

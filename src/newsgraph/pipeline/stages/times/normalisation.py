"""Reading a matched expression into its meaning (:class:`Sem`): one handler per surface pattern.

A handler returns ``None`` to reject a match that only looks temporal ("May" the verb, "a quarter
of the vote", an age). Values follow TIMEX3: ``P58M``, ``PXY``, ``2013-Q1``, ``XXXX-WI``,
``PRESENT_REF``; the article date and the discourse are applied later, in :mod:`anchoring`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsgraph.pipeline.stages.times.lexicon import Lexicon, lexicon
from newsgraph.pipeline.stages.times.sem import Sem

Groups = dict[str, str | None]
Handler = Callable[[Groups, str, Lexicon], Sem | None]

_HANDLERS: dict[str, Handler] = {}
_FULL_MONTH = re.compile(r"^[A-Z][a-z]+$")
_AMBIGUOUS_MONTHS = {"may", "march"}
_VAGUE = {"few", "several", "many", "some", "a few"}


def handler(name: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        _HANDLERS[name] = func
        return func

    return register


def normalise(name: str, groups: Groups, text: str) -> Sem | None:
    """The meaning of ``text`` matched by pattern ``name``, or ``None`` when it is not a timex."""
    func = _HANDLERS.get(name)
    return func(groups, text, lexicon()) if func else None


def number(text: str | None, lx: Lexicon) -> float | None:
    """Value of a cardinal in digits or words ("58", "twenty four", "a", "a couple of");
    ``None`` for vague quantities ("several")."""
    if text is None:
        return None
    t = re.sub(r"\s+", " ", text.lower().replace(",", "")).strip()
    if t in _VAGUE:
        return None
    if t == "a couple of":
        return 2.0
    if t == "a dozen":
        return 12.0
    if t in ("a half",):
        return 0.5
    if t == "one and a half":
        return 1.5
    try:
        return float(t)
    except ValueError:
        pass
    if m := re.fullmatch(r"(\d+)\s+1/2", t):
        return int(m[1]) + 0.5
    total = 0.0
    for word in re.split(r"[\s-]+", t):
        if word == "and":
            continue
        val = lx.numbers.get(word)
        if val is None:
            return None
        if word in ("hundred", "dozen") and total:
            total *= val
        else:
            total += val
    return total


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    return y + (1900 if y >= 50 else 2000) if y < 100 else y


def _month_ok(word: str, text: str) -> bool:
    """A bare month name must be capitalised; "May"/"March" and abbreviations need a day or year."""
    w = word.rstrip(".")
    if not w[:1].isupper():
        return False
    return w.lower() not in _AMBIGUOUS_MONTHS or bool(re.search(r"\d", text))


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def duration_value(n: float | None, unit: str, lx: Lexicon) -> str:
    u = lx.units[unit]
    prefix = "PT" if u.time else "P"
    scale = {"decade": (10, "Y"), "century": (100, "Y"), "quarter": (3, "M")}.get(unit)
    if scale:  # "two decades" -> P20Y, "decades" -> PXY: TIMEX3 counts decades in years
        return f"P{_fmt_num(n * scale[0]) if n is not None else 'X'}{scale[1]}"
    if unit == "weekend":
        return "P2D" if n == 1 else f"P{_fmt_num(2 * n) if n else 'X'}D"
    if n is None:
        return f"{prefix}X{u.letter}"
    if n != int(n) and n > 1:  # "5 1/2 hours" -> PT5H30M
        part = duration_value(n - int(n), unit, lx)
        whole = f"{prefix}{int(n)}{u.letter}"
        return whole + (part[2:] if u.time else part[1:])
    if n != int(n):  # "a year and a half" -> P18M, "half an hour" -> PT30M
        smaller = {
            "year": ("M", 12),
            "month": ("D", 30),
            "day": ("H", 24),
            "hour": ("M", 60),
            "minute": ("S", 60),
        }
        if unit in smaller:
            letter, k = smaller[unit]
            pre = "PT" if unit in ("day", "hour", "minute") else "P"
            return f"{pre}{_fmt_num(n * k)}{letter}"
    return f"{prefix}{_fmt_num(n)}{u.letter}"


def _pod(word: str | None, lx: Lexicon) -> str | None:
    return lx.parts_of_day.get(word.lower()) if word else None


def _weekday(g: Groups, lx: Lexicon) -> int | None:
    word = g.get("wd")
    return lx.weekday(word) if word else None


# Importing the handler modules registers their patterns' readers.
from newsgraph.pipeline.stages.times import (  # noqa: E402
    amounts,
    calendar_names,
    relative_words,
)

__all__ = ["amounts", "calendar_names", "duration_value", "normalise", "number", "relative_words"]

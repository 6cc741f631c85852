"""What a recognised expression means before it is anchored: a partly specified calendar value.

Recognition fills a :class:`Sem` from the words of the expression; anchoring turns it into a TIMEX3
value using the article date, the discourse and the tense of the governing verb.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Sem:
    type: str  # DATE TIME DURATION SET
    granularity: str
    # A final value needs no anchoring (durations, sets, refs, fully explicit dates).
    value: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # ISO 1..7, as stated in the text
    quarter: int | None = None
    half: int | None = None
    season: str | None = None  # SP SU FA WI
    part: str | None = None  # MO AF EV NI MI: part of day
    hour: int | None = None
    minute: int | None = None
    decade: int | None = None  # 199 for the 1990s
    century: int | None = None  # 19 for the 20th century
    # Relative expressions: counted from the article date ("dct"), from the last date mentioned
    # ("discourse"), or a calendar unit of the reference chosen by tense ("tense").
    rel: str | None = None
    shift_unit: str | None = None  # year quarter month week day hour ...
    shift: int = 0
    # The unit whose current instance is meant ("this week" -> week); None keeps the sem's fields.
    unit: str | None = None
    explicit_year: bool = False
    holiday: str | None = None  # rule of a named day ("11-W4-4": fourth Thursday of November)
    # Tense stated by the expression itself ("last October 9" is past whatever the verb says).
    force_tense: str | None = None
    # "a year ago/earlier" (years, negative back): when a quarter or half is under discussion,
    # the same period that many years before it.
    period_shift: int = 0

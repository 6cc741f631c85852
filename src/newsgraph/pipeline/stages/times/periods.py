"""The reporting period under discussion, as financial news names it.

Two readings that need the words around an expression, not only the expression:

* **A quarter named by its last day.** "the quarter ended July 31" is the three months May-July:
  its calendar quarter is the one holding most of those months (the quarter of the month before
  the closing one), here the second, not the last quarter completed before the article. A quarter
  with its own number ("the fourth quarter ended Sept. 30", a fiscal quarter) keeps its number,
  and so does the fiscal quarter just named: "earned $5 million in the fiscal first quarter ...
  sales for the quarter ended Sept. 29" is that first quarter, and so is "the quarter" after it.
* **A span of the year to date.** After "for the nine months" or "for the year", the results
  compared "a year earlier" are the same span of the year before: a year, not the quarter named
  earlier. Such a span ends the discussion of a quarter and puts a year in its place; where no
  quarter is under discussion it changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.pipeline.stages.times.lexicon import lexicon
from newsgraph.pipeline.stages.times.sem import Sem

# "ended July 31", "ending Jan. 31, 1990": the closing day of a period, right after its name.
_ENDED = re.compile(
    r"\s+(?:that\s+)?end(?:ed|ing|s)\s+(?P<mon>[A-Z][a-z]{2,8}\.?)\s+(?P<day>\d{1,2})\b"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
# A definite span of months or the year ("the nine months", "the first nine months", "the year"):
# the value is what counts (P6M..P12M in whole quarters, or P1Y).
_YEAR_SPAN_VALUES = {"P6M", "P9M", "P12M", "P1Y"}


def quarter_ended(sem: Sem, after: str) -> Sem | None:
    """``sem`` of a quarter without number or year, re-read from the closing day that follows
    it (``after``: the text right after the expression); ``None`` when nothing closes it."""
    if sem.granularity != "quarter" or sem.quarter is not None or sem.year is not None:
        return None
    if sem.rel != "dct" or sem.period_shift:
        return None  # "this quarter", "the year-ago quarter": their own readings
    m = _ENDED.match(after)
    if m is None:
        return None
    month = lexicon().month(m["mon"])
    if month is None:
        return None
    # the quarter holding most of the three months that end in ``month``: that of the month before
    middle = 12 if month == 1 else month - 1
    quarter = (middle - 1) // 3 + 1
    year = int(m["year"]) - (1 if month == 1 else 0) if m["year"] else None
    if year is not None:
        return Sem("DATE", "quarter", quarter=quarter, year=year, explicit_year=True)
    return Sem("DATE", "quarter", quarter=quarter, rel="quarter_year")


# How far (characters) after a fiscal quarter was last named a bare quarter is taken to be it.
_FISCAL_WINDOW = 500


def fiscal_quarter(
    sem: Sem, closed: bool, fiscal: tuple[int, int, int] | None, at: int
) -> Sem | None:
    """The fiscal quarter ``fiscal`` (number, year, offset where it was last named) when ``sem``
    at offset ``at`` names it again: a quarter read from its closing day (``closed``) or "the
    quarter", "the latest period" (the last completed quarter by the calendar). A company
    reporting its fiscal first quarter names it so next, and it keeps its number."""
    if fiscal is None or sem.granularity != "quarter" or sem.year is not None:
        return None
    last_completed = (
        sem.rel == "dct" and sem.unit == "quarter" and sem.shift == -1 and not sem.period_shift
    )
    if not (closed or last_completed):
        return None
    number, year, pos = fiscal
    if at - pos > _FISCAL_WINDOW:
        return None
    return Sem("DATE", "quarter", quarter=number, year=year, explicit_year=True)


def is_fiscal_quarter(text: str, granularity: str) -> bool:
    """Whether a resolved quarter was named as a fiscal one ("the fiscal first quarter")."""
    return granularity == "quarter" and "fiscal" in text.lower()


def year_span(sem: Sem, text: str) -> bool:
    """Whether a DURATION names a definite span of the year being reported ("the nine months",
    "the first nine months", "the year"), after which compared periods are years."""
    return (
        sem.type == "DURATION"
        and sem.value in _YEAR_SPAN_VALUES
        and text.lower().startswith("the ")
    )


def span_year(period_date: dt.date) -> dt.date:
    """The first day of the year a year-to-date span belongs to: that of the quarter under
    discussion (compared periods such as "the year-ago quarter" never become it)."""
    return dt.date(period_date.year, 1, 1)

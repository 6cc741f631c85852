"""Times stage, model-free parts: numbers, durations, anchoring arithmetic, named days, flags."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.model.records import Timex
from newsgraph.pipeline.stages.times import flags as time_flags
from newsgraph.pipeline.stages.times.anchoring import Ref, holiday_date, resolve
from newsgraph.pipeline.stages.times.lexicon import lexicon
from newsgraph.pipeline.stages.times.msrec import from_timex
from newsgraph.pipeline.stages.times.normalisation import duration_value, normalise, number
from newsgraph.pipeline.stages.times.patterns import compiled
from newsgraph.pipeline.stages.times.sem import Sem

DCT = Ref(dt.date(2024, 9, 17), "day", "doc")


def read(text: str) -> Sem:
    """The longest grammar match covering all of ``text``, read into its meaning."""
    for name, rx in compiled():
        m = rx.fullmatch(text)
        if m:
            sem = normalise(name, m.groupdict(), text)
            if sem is not None:
                return sem
    raise AssertionError(f"no pattern reads {text!r}")


def value(text: str, tense: str = "none", ref: Ref = DCT, discourse: Ref | None = None) -> str:
    res = resolve(read(text), ref, discourse, tense)
    assert res is not None
    return res.value


@pytest.mark.parametrize(
    ("text", "n"),
    [("58", 58), ("six", 6), ("twenty four", 24), ("a", 1), ("a couple of", 2), ("2 1/2", 2.5)],
)
def test_number(text: str, n: float) -> None:
    assert number(text, lexicon()) == n


def test_vague_number_is_none() -> None:
    assert number("several", lexicon()) is None


@pytest.mark.parametrize(
    ("n", "unit", "expected"),
    [
        (58, "month", "P58M"),
        (10, "year", "P10Y"),
        (None, "year", "PXY"),
        (2, "decade", "P20Y"),
        (5.5, "hour", "PT5H30M"),
        (2.5, "year", "P2Y6M"),
        (3, "hour", "PT3H"),
        (1, "weekend", "P2D"),
    ],
)
def test_duration_value(n: float | None, unit: str, expected: str) -> None:
    assert duration_value(n, unit, lexicon()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("February 2023", "2023-02"),
        ("2019", "2019"),
        ("Sept. 13, 2024", "2024-09-13"),
        ("the first quarter of 2013", "2013-Q1"),
        ("58 months", "P58M"),
        ("the past 10 years", "P10Y"),
        ("years", None),  # a bare plural needs a preposition (checked in recognition)
        ("every winter", "XXXX-WI"),
        ("now", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("the future", "FUTURE_REF"),
        ("the 1990s", "199"),
        ("daily", "P1D"),
    ],
)
def test_absolute_and_fixed_values(text: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(AssertionError):
            read(text)
        return
    assert value(text) == expected


def test_relative_to_article_date() -> None:
    assert value("yesterday") == "2024-09-16"
    assert value("last week") == "2024-W37"
    assert value("this month") == "2024-09"
    assert value("next year") == "2025"
    assert value("two years ago") == "2022"
    assert value("3 p.m.") == "2024-09-17T15:00"
    assert value("this morning") == "2024-09-17TMO"


def test_week_and_quarter_granularity() -> None:
    ref = Ref(dt.date(2013, 3, 14), "day", "doc")
    assert value("this week", ref=ref) == "2013-W11"
    assert value("this quarter", ref=ref) == "2013-Q1"


def test_tense_chooses_past_or_future() -> None:
    assert value("October 9", tense="future") == "2024-10-09"
    assert value("March 9", tense="past") == "2024-03-09"
    assert value("March 9", tense="future") == "2025-03-09"
    assert value("October 9", tense="past") == "2023-10-09"
    # tense is a strong preference, not a rule: three days ahead beats a year back
    assert value("September 20", tense="past") == "2024-09-20"
    assert value("Friday", tense="past") == "2024-09-13"
    assert value("Friday", tense="future") == "2024-09-20"
    assert value("Friday") == "2024-09-13"  # no tense: news mostly reports what happened


def test_weekday_of_the_next_day_is_tomorrow_whatever_the_tense() -> None:
    # DCT 2024-09-17 is a Tuesday: "Wednesday" is tomorrow, not six days back
    assert value("Wednesday", tense="past") == "2024-09-18"
    assert value("Wednesday") == "2024-09-18"
    # two days ahead is not "tomorrow": the past reading stays
    assert value("Thursday", tense="past") == "2024-09-12"
    # against a discourse date the rule does not apply (only the article date is "today")
    res = resolve(read("Wednesday"), Ref(dt.date(2024, 9, 17), "day", "t1"), None, "past")
    assert res is not None and res.value == "2024-09-11"


def test_year_ago_counts_from_the_article_date_year_earlier_from_the_story() -> None:
    earlier = Ref(dt.date(1988, 1, 1), "year", "t2", pos=0)
    ref = Ref(dt.date(1989, 10, 30), "day", "doc")
    assert value("year-ago", ref=ref, discourse=earlier) == "1988"
    assert value("year-earlier", ref=ref, discourse=earlier) == "1987"


def test_stated_weekday_does_not_move_an_impossible_date() -> None:
    # 2024-09-13 was a Friday; neither neighbouring year's September 13 was a Tuesday nearby
    assert value("Tuesday, September 13", tense="past") == "2024-09-13"


def test_stated_weekday_picks_the_year_when_it_fits() -> None:
    ref = Ref(dt.date(1998, 4, 24), "day", "doc")
    assert value("Saturday, April 25", tense="past", ref=ref) == "1998-04-25"


def test_discourse_anchor() -> None:
    earlier = Ref(dt.date(2013, 3, 22), "day", "t1", pos=0)
    assert value("the following day", discourse=earlier) == "2013-03-23"
    assert value("that year", discourse=earlier) == "2013"
    res = resolve(read("that year"), DCT, earlier, "none")
    assert res is not None and res.anchor == "t1"


def test_a_year_earlier_keeps_the_quarter_under_discussion() -> None:
    quarter = Ref(
        dt.date(1989, 7, 1), "quarter", "t3", pos=0, sem=Sem("DATE", "quarter", quarter=3)
    )
    res = resolve(
        read("a year earlier"), Ref(dt.date(1989, 10, 26), "day", "doc"), quarter, "past", 40
    )
    assert res is not None and res.value == "1988-Q3"


def test_last_month_name_is_strictly_before() -> None:
    ref = Ref(dt.date(1998, 2, 27), "day", "doc")
    assert value("last May", ref=ref) == "1997-05"
    assert value("last January", ref=ref) == "1998-01"


def test_holidays() -> None:
    assert holiday_date("11-W4-4", 1999) == dt.date(1999, 11, 25)  # Thanksgiving
    assert holiday_date("11-W1-1+1", 1998) == dt.date(1998, 11, 3)  # US Election Day
    assert holiday_date("easter", 2000) == dt.date(2000, 4, 23)
    assert holiday_date("05-W-1-1", 2024) == dt.date(2024, 5, 27)  # last Monday of May


def test_recogniser_timex_read_back() -> None:
    sem = from_timex("XXXX-10-09", "date")
    assert sem is not None and (sem.month, sem.day, sem.rel) == (10, 9, "tense")
    dur = from_timex("P6M", "duration")
    assert dur is not None and dur.value == "P6M"
    rel = from_timex("1899", "daterange")  # computed from the sentinel date: "last year"
    assert rel is not None and (rel.rel, rel.shift) == ("dct", -1)


def _dated(
    text: str,
    value: str,
    date: dt.date,
    weekday: int | None = None,
    tense: str = "none",
    by_tense: bool = False,
    before: str = "",
) -> time_flags.Dated:
    t = Timex(
        id="t1", start=0, end=len(text), text=text, type="DATE", value=value, granularity="day"
    )
    return time_flags.Dated(t, date, True, by_tense, weekday, tense, before)


def test_weekday_mismatch_names_neighbours_and_article_date() -> None:
    d = _dated("Tuesday, September 13", "2024-09-13", dt.date(2024, 9, 13), weekday=2)
    flag = time_flags.weekday_mismatch(d, DCT.date)
    assert flag is not None and flag.kind == "weekday-mismatch"
    for needle in ("Friday", "2024-09-10", "2024-09-17", "article dated 2024-09-17"):
        assert needle in flag.message
    assert d.timex.flags == ["weekday-mismatch"]


def test_matching_weekday_is_not_flagged() -> None:
    d = _dated("Friday, September 13", "2024-09-13", dt.date(2024, 9, 13), weekday=5)
    assert time_flags.weekday_mismatch(d, DCT.date) is None


def test_far_date() -> None:
    d = _dated("March 3", "2024-03-03", dt.date(2024, 3, 3), by_tense=True)
    flag = time_flags.far_date(d, dt.date(2024, 12, 20))
    assert flag is not None and flag.kind == "far-date"
    near = _dated("December 3", "2024-12-03", dt.date(2024, 12, 3), by_tense=True)
    assert time_flags.far_date(near, dt.date(2024, 12, 20)) is None


def test_future_date_past_event() -> None:
    d = _dated("October 9, 2024", "2024-10-09", dt.date(2024, 10, 9), tense="past", before="on ")
    flag = time_flags.future_date_past_event(d, DCT.date, "day")
    assert flag is not None and flag.kind == "future-date-past-event"
    bound = _dated(
        "October 9, 2024", "2024-10-09", dt.date(2024, 10, 9), tense="past", before="until "
    )
    assert time_flags.future_date_past_event(bound, DCT.date, "day") is None


def test_duration_conflict() -> None:
    text = "since 2023 he served five years"
    since = Timex(
        id="t1", start=6, end=10, text="2023", type="DATE", value="2023", granularity="year"
    )
    dur = Timex(
        id="t2",
        start=21,
        end=31,
        text="five years",
        type="DURATION",
        value="P5Y",
        granularity="duration",
    )
    group = [
        time_flags.Dated(since, dt.date(2023, 1, 1), False, False, None, "past"),
        time_flags.Dated(dur, None, False, False, None, "past"),
    ]
    flags = time_flags.duration_conflicts(group, text, DCT.date)
    assert [f.kind for f in flags] == ["duration-conflict"]
    dur.value = "P1Y"
    dur.flags.clear()
    assert time_flags.duration_conflicts(group, text, DCT.date) == []

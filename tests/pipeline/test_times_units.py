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
from newsgraph.pipeline.stages.times.patterns import compiled, triggers
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
        (None, "decade", "PXY"),
        (None, "century", "PXY"),
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
    # tense is a preference, not a rule: three days ahead beats a year back
    assert value("September 20", tense="past") == "2024-09-20"
    assert value("Friday", tense="past") == "2024-09-13"
    assert value("Friday", tense="future") == "2024-09-20"
    assert value("Friday") == "2024-09-13"  # no tense: news mostly reports what happened


def test_tense_against_the_nearer_date_costs_a_fixed_margin() -> None:
    # "sentencing was set for October 9" in a 17 September story: three weeks ahead beats eleven
    # months back even under a past-tense parse ...
    assert value("October 9", tense="past") == "2024-10-09"
    assert value("November 30", tense="past") == "2024-11-30"  # 74 days ahead, 292 back
    # ... but well beyond about 82 days ahead the past-tense reading wins again
    assert value("December 20", tense="past") == "2023-12-20"  # 94 days ahead, 272 back
    assert value("December", tense="past") == "2023-12"
    # a future tense is explicit ("will be held"): a date weeks back does not win against it
    assert value("August 3", tense="future") == "2025-08-03"
    assert value("September 15", tense="future") == "2024-09-15"  # two days back


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


def test_a_year_ago_does_not_carry_a_quarter_still_to_come() -> None:
    # "the third quarter of 1990" in an October 1989 story is a forecast, not a reported period
    doc = Ref(dt.date(1989, 10, 26), "day", "doc")
    coming = Ref(dt.date(1990, 7, 1), "quarter", "t1", pos=0, sem=Sem("DATE", "quarter", quarter=3))
    res = resolve(read("a year ago"), doc, coming, "past", 40)
    assert res is not None and res.value == "1988"
    # nor the quarter under way, which has not been reported yet
    current = Ref(
        dt.date(1989, 10, 1), "quarter", "t1", pos=0, sem=Sem("DATE", "quarter", quarter=4)
    )
    res = resolve(read("a year ago"), doc, current, "past", 40)
    assert res is not None and res.value == "1988"
    # a quarter mentioned after the last discourse date still counts when passed as the period
    done = Ref(dt.date(1989, 7, 1), "quarter", "t1", pos=0, sem=Sem("DATE", "quarter", quarter=3))
    day = Ref(dt.date(1989, 9, 30), "day", "t2", pos=10)
    res = resolve(read("a year ago"), doc, day, "past", 40, period=done)
    assert res is not None and res.value == "1988-Q3"


def test_last_half_of_a_year_is_its_second_half() -> None:
    assert value("the last half of 1989") == "1989-H2"
    assert value("the last quarter of 1989") == "1989-Q4"
    assert value("the first half of 1990") == "1990-H1"


def test_week_of_a_date_is_that_week() -> None:
    assert value("the week of March 6, 2000") == "2000-W10"
    assert value("the week of October 7") == "2024-W41"  # 2024-10-07 is a Monday


def test_a_couple_of_units_is_two() -> None:
    assert read("the next couple of years").value == "P2Y"
    assert read("the next few years").value == "PXY"


def test_bare_clock_time_takes_the_day_the_story_tells() -> None:
    friday = Ref(dt.date(2024, 9, 13), "day", "t1", pos=0)
    assert value("10:35 a.m.", discourse=friday) == "2024-09-13T10:35"
    # no day named, or one far from the article date: the article date
    assert value("10:35 a.m.") == "2024-09-17T10:35"
    long_ago = Ref(dt.date(2023, 10, 23), "day", "t1", pos=0)
    assert value("10 p.m.", discourse=long_ago) == "2024-09-17T22:00"


def test_same_day_of_a_month_keeps_the_day_unknown() -> None:
    october = Ref(dt.date(1998, 10, 1), "month", "t1", pos=0)
    assert value("that same day", discourse=october) == "1998-10-XX"
    year = Ref(dt.date(1987, 1, 1), "year", "t1", pos=0)
    assert value("that day", discourse=year) == "1987-XX-XX"
    day = Ref(dt.date(1998, 10, 23), "day", "t1", pos=0)
    assert value("that same day", discourse=day) == "1998-10-23"


def test_triggers_are_necessary_conditions() -> None:
    # Wherever a gated pattern matches, its trigger is found in the lower-cased text: gating
    # only skips patterns that could not have matched.
    samples = [
        "On 2024-09-13 and 9/13/24 at 10:35 a.m. EST, 14:30 GMT, noon, midnight Friday,",
        "the 13th of September, Sept. 13, 2024, early March 2023, fiscal 1989, the 1990s, '80s,",
        "the 20th century, the third quarter, Q3 2013, last half of 1989, Tuesday night,",
        "tonight, tomorrow morning, this afternoon, mid-morning, overnight, the year-earlier",
        "quarter, every week, each winter, annually, daily, on Mondays, last spring, the year",
        "2000, nineteen ninety-four, the 1988 period, year-end, decades-long, Christmas Eve,",
        "the week of March 6, Thanksgiving Day, New Year's Eve, the week of Oct. 7, 2024.",
        "late night Friday, the year 2000, morning today.",
        "for some time, the late nineties, 4 in the morning, 11 at night,",
        "the first two quarters of 1990, for a\nwhile.",
        "a statement at 1100 EST, trading from 0900 hrs, 2330 local time.",
        "For Three Weeks, two days ago, for years, Last Month, the day before, and twice a "
        "week until NOW, at the End of the Year.",
    ]
    gates = triggers()
    seen = set()
    for text in samples:
        low = text.lower()
        for name, rx in compiled():
            if name in gates and rx.search(text):
                seen.add(name)
                assert gates[name].search(low), f"{name} matches {text!r} but its trigger does not"
    assert seen == set(gates), f"samples exercise no match of {set(gates) - seen}"


def test_vague_offset_from_a_story_time_is_an_amount() -> None:
    # "a few days later" has no value to anchor: TimeML tags the amount as a duration
    sem = read("a few days later")
    assert (sem.type, sem.value) == ("DURATION", "PXD")
    assert read("several years ago").value == "PAST_REF"  # counted from the article date


def test_a_number_with_decimals_is_not_a_year() -> None:
    years = dict(compiled())["year"]
    assert years.search("the index closed at 2082.1, down 4.5%") is None
    assert years.search("to 1462.93.") is None
    found = years.search("it was founded in 1989.")
    assert found is not None and found.group() == "1989"


def test_spoken_year_after_a_month_or_season() -> None:
    assert value("January nineteen ninety-seven") == "1997-01"
    assert value("the winter of nineteen ninety-four") == "1994-WI"
    assert value("the winter of 1994") == "1994-WI"


def test_year_earlier_months_are_an_amount() -> None:
    sem = read("the year-earlier nine months")
    assert (sem.type, sem.value) == ("DURATION", "P9M")


def test_previous_weekday_counts_from_the_story_day() -> None:
    monday = Ref(dt.date(1989, 10, 30), "day", "doc")
    friday = Ref(dt.date(1989, 10, 27), "day", "t1", pos=0)
    # "closed lower Friday ... down 4.5% from the previous Friday": a week before that Friday
    assert value("the previous Friday", ref=monday, discourse=friday) == "1989-10-20"
    assert value("the following Monday", ref=monday, discourse=friday) == "1989-10-30"
    # "last Friday" still counts from the article date; with no story day, so does "previous"
    assert value("last Friday", ref=monday, discourse=friday) == "1989-10-27"
    assert value("the previous Friday", ref=monday) == "1989-10-27"


def test_overnight_is_the_night_before_the_story_day() -> None:
    monday = Ref(dt.date(1989, 10, 30), "day", "doc")
    friday = Ref(dt.date(1989, 10, 27), "day", "t1", pos=0)
    assert value("overnight", ref=monday, discourse=friday) == "1989-10-26TNI"
    assert value("overnight", ref=monday) == "1989-10-29TNI"


def test_plural_weekday_part_is_a_set() -> None:
    sem = read("Tuesday nights")
    assert (sem.type, sem.value) == ("SET", "XXXX-WXX-2TNI")
    assert read("Tuesday night").type == "TIME"


def test_period_of_a_named_year_is_the_period_under_discussion() -> None:
    doc = Ref(dt.date(1989, 10, 30), "day", "doc")
    q3 = Ref(dt.date(1989, 7, 1), "quarter", "t1", pos=0, sem=Sem("DATE", "quarter", quarter=3))
    # "third-quarter earnings ... in the 1988 quarter / in the 1988 period"
    for text in ("the 1988 quarter", "the 1988 period"):
        res = resolve(read(text), doc, q3, "past", 40)
        assert res is not None and res.value == "1988-Q3"
    # with no period under discussion: the quarter last reported, or the year
    assert value("the 1988 quarter", ref=doc) == "1988-Q3"
    assert value("the 1988 period", ref=doc) == "1988"
    assert value("the 1988 season", ref=doc) == "1988"


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


def test_a_time_entity_is_never_read_as_a_year() -> None:
    # spaCy calls "1100 EST"-like strings TIME; the recogniser alone would read the year 1100
    from types import SimpleNamespace

    from newsgraph.pipeline.stages.times.recognition import _from_entities

    text = "at 1100 XST"
    ent = SimpleNamespace(label_="TIME", text="1100 XST", start_char=3, end_char=len(text))
    assert _from_entities(SimpleNamespace(ents=[ent]), []) == []
    ent.label_ = "DATE"  # the guard is the TIME label: the same string as a DATE is read
    assert [c.sem.year for c in _from_entities(SimpleNamespace(ents=[ent]), [])] == [1100]


def test_a_rate_never_starts_in_the_blanks_before_it() -> None:
    """ "twice a year" and "a year" match from their first word, not from the blank run before
    them: an optional leading count with a ``\\s*`` of its own made the pattern try every start
    in a run of blanks (a page of blank lines cost seconds)."""
    set_per = dict(compiled())["set_per"]
    for text, want in (
        ("paid \n\n\n   a year", "a year"),
        ("met\n\n twice a year", "twice a year"),
    ):
        found = [m.group(0).strip() for m in set_per.finditer(text)]
        starts = [m.start() for m in set_per.finditer(text)]
        assert found == [want] and not text[starts[0]].isspace()

"""Times stage, model-free: span precision and recall by TimeML conventions (fourth pass).

Expressions the grammar now reads ("the latest period", "last year's quarter", "the nineties",
"4 in the morning", "for some time", "Easter week"), and words that look temporal but are not
TIMEX3 in their context (names, titles, idioms, generic compounds).
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.pipeline.stages.times import not_times
from newsgraph.pipeline.stages.times.anchoring import Ref, resolve
from newsgraph.pipeline.stages.times.normalisation import normalise
from newsgraph.pipeline.stages.times.patterns import compiled
from newsgraph.pipeline.stages.times.sem import Sem
from tests.pipeline.test_times_units import read

WSJ = Ref(dt.date(1989, 11, 1), "day", "doc")


def value(text: str, ref: Ref = WSJ, tense: str = "none") -> str:
    res = resolve(read(text), ref, None, tense)
    assert res is not None
    return res.value


def search(name: str, sentence: str) -> tuple[str, Sem | None]:
    """The first match of pattern ``name`` in ``sentence`` and its reading."""
    rx = dict(compiled())[name]
    m = rx.search(sentence)
    assert m is not None, f"{name} does not match in {sentence!r}"
    return m.group(), normalise(name, m.groupdict(), m.group())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the last reported quarter, as "the latest quarter" is
        ("the latest period", "1989-Q3"),
        ("The most recent period", "1989-Q3"),
        # a quarter named after its year ("next year's first quarter") is one expression
        ("next year's first quarter", "1990-Q1"),
        ("last year's third quarter", "1988-Q3"),
        # "last year's quarter", "the quarter a year ago": the quarter under discussion, a year back
        ("last year's quarter", "1988-Q3"),
        ("the quarter a year ago", "1988-Q3"),
        ("the quarter a year earlier", "1988-Q3"),
        ("the first two quarters of 1990", "1990-H1"),
        ("the last two quarters of 1989", "1989-H2"),
    ],
)
def test_reported_periods(text: str, expected: str) -> None:
    assert value(text) == expected


def test_other_periods_keep_their_readers() -> None:
    # "the period" alone and "the 1988 period" are not read as the latest quarter
    assert value("the 1988 period") == "1988"
    assert value("the year-ago period") == "1988-Q3"
    with pytest.raises(AssertionError):
        read("the period")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("the nineties", "199"), ("the late eighties", "198"), ("the nineteen-sixties", "196")],
)
def test_decades_in_words(text: str, expected: str) -> None:
    assert read(text).value == expected


@pytest.mark.parametrize(
    ("text", "hour"),
    [("4 in the morning", 4), ("8 in the evening", 20), ("11 at night", 23), ("2 at night", 2)],
)
def test_clock_hour_with_part_of_day(text: str, hour: int) -> None:
    sem = read(text)
    assert (sem.type, sem.hour, sem.minute) == ("TIME", hour, 0)


def test_in_the_morning_is_the_story_day_part() -> None:
    found, sem = search("pod_rel", "Dealers placed heavy buy orders in the morning.")
    assert found == "the morning"
    assert sem is not None and (sem.type, sem.part, sem.rel) == ("TIME", "MO", "clock")
    # without "in"/"during" the bare "the morning" is still left alone
    _, sem = search("pod_rel", "He saw the morning papers.")
    assert sem is None


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Troops could be in the gulf for some time.", "some time"),
        ("They will live without power for a while.", "a while"),
        ("He stayed for quite some time.", "quite some time"),
    ],
)
def test_vague_span_after_for(sentence: str, found: str) -> None:
    text, sem = search("vague_span", sentence)
    assert text == found
    assert sem is not None and (sem.type, sem.value) == ("DURATION", "PXX")


def test_vague_span_needs_for_and_no_date_after() -> None:
    rx = dict(compiled())["vague_span"]
    assert rx.search("It will happen some time next year.") is None
    assert rx.search("He left for a while ago.") is None  # nonsense, but no duration


def test_prefixed_year() -> None:
    sem = read("post-1959")
    assert (sem.type, sem.year) == ("DATE", 1959)


def test_holiday_week_is_the_week_of_the_day() -> None:
    ref = Ref(dt.date(2000, 4, 17), "day", "doc")
    assert value("Easter week", ref=ref) == "2000-W16"
    assert value("Easter", ref=ref) == "2000-04-23"


def _at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.mark.parametrize(
    ("text", "word", "is_name"),
    [
        ("agents scanned the crowd at the annual March for Life on Capitol Hill", "March", True),
        ("started a series of ``Spring of Life'' demonstrations in 1992", "Spring", True),
        ("This is VOA Today.", "Today", True),
        ("He spoke in March for the first time.", "March", False),
        ("Prices rose in March of 1998.", "March", False),
        ("Today, he said, the talks resume.", "Today", False),
        ("He said. Today the talks resume.", "Today", False),
    ],
)
def test_names_are_not_times(text: str, word: str, is_name: bool) -> None:
    assert not_times.in_name(*_at(text, word), text) is is_name


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The poster showed Gary Cooper from the film High Noon.", "Noon", True),
        ("For the people of Poland, high noon comes today.", "noon", True),
        ("The vote was at noon on Friday.", "noon", False),
    ],
)
def test_idioms_are_not_times(text: str, word: str, expected: bool) -> None:
    assert not_times.idiom(*_at(text, word), text) is expected


def test_generic_compounds_and_kinds_of_year() -> None:
    text = "The quarter-to-quarter comparison was helped by lower costs."
    assert not_times.to_compound(*_at(text, "The quarter"), text)
    text = "It changed from a fiscal year to a calendar year in December."
    assert not_times.kind_of_year(*_at(text, "fiscal year"), text)
    text = "Sales rose in the fiscal year."
    assert not not_times.kind_of_year(*_at(text, "fiscal year"), text)


# --- fifth pass: offsets counted forward from a story time, quarters named without a year ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "three days later", "an hour later": TimeML tags the amount; "later" is a signal
        ("three days later", ("DURATION", "P3D")),
        ("an hour later", ("DURATION", "PT1H")),
        ("45 minutes later", ("DURATION", "PT45M")),
    ],
)
def test_units_later_are_amounts_of_time(text: str, expected: tuple[str, str]) -> None:
    sem = read(text)
    assert (sem.type, sem.value) == expected


def test_units_earlier_still_date_against_the_story() -> None:
    # "a year earlier" compares with a time the story named: a date, as before
    sem = read("two years earlier")
    assert (sem.type, sem.rel, sem.shift) == ("DATE", "discourse", -2)


def test_extent_of_units_later_leaves_the_signal_out() -> None:
    import spacy

    from newsgraph.pipeline.stages.times.recognition import find

    text = "Just over an hour later, he was declared dead."
    found = [(text[c.start : c.end], c.sem.type) for c in find(text, spacy.blank("en")(text))]
    assert found == [("an hour", "DURATION")]


JANUARY = Ref(dt.date(1998, 1, 26), "day", "doc")


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # in a January story "the fourth quarter" is the one just ended, reported now
        ("the fourth quarter", JANUARY, "1997-Q4"),
        ("fourth-quarter", JANUARY, "1997-Q4"),
        # a quarter that starts within half a year, or a year that is named, stays as it is
        ("the third quarter", JANUARY, "1998-Q3"),
        ("the first quarter", JANUARY, "1998-Q1"),
        ("this year's fourth quarter", JANUARY, "1998-Q4"),
        ("the fourth quarter", WSJ, "1989-Q4"),
    ],
)
def test_quarter_named_without_a_year(text: str, ref: Ref, expected: str) -> None:
    assert value(text, ref) == expected

"""Times stage, issue 11's value rules: reporting periods (a quarter named by its closing day,
spans of the year to date, fiscal quarters) and plans told in the past. Sentences are ours."""

from __future__ import annotations

from typing import Any

import pytest

from tests.pipeline.conftest import timex_values

pytestmark = pytest.mark.slow


def test_quarter_named_by_its_closing_day(times_pipeline: Any) -> None:
    # May-July: the second calendar quarter, not the last quarter completed before the article
    got = timex_values(
        times_pipeline,
        "In the quarter ended July 31, Lagonia Freight had a loss. Sales fell from a year earlier.",
        "1995-10-30",
    )
    assert ("the quarter", "1995-Q2") in got
    assert ("a year earlier", "1994-Q2") in got


def test_numbered_quarter_keeps_its_number(times_pipeline: Any) -> None:
    got = timex_values(
        times_pipeline,
        "Ostland Mills said profit fell in its fourth quarter ended Sept. 30.",
        "1995-10-30",
    )
    assert ("fourth quarter", "1995-Q4") in got


def test_year_to_date_span_makes_compared_period_a_year(times_pipeline: Any) -> None:
    got = timex_values(
        times_pipeline,
        "Carpathia Steel said third-quarter net rose to $5 million from $4 million a year "
        "earlier. For the nine months, it earned $12 million, compared with $9 million a year "
        "earlier.",
        "1995-10-26",
    )
    earlier = [v for t, v in got if t == "a year earlier"]
    assert earlier == ["1994-Q3", "1994"]


def test_fiscal_hyphenated_quarter(times_pipeline: Any) -> None:
    got = timex_values(
        times_pipeline,
        "Freedonia Tools earned $2 million for the fiscal-first quarter ended Sept. 30. "
        "It had a loss a year ago.",
        "1995-10-26",
    )
    assert ("the fiscal-first quarter", "1995-Q1") in got
    assert ("a year ago", "1994-Q1") in got


def test_plan_told_in_the_past_takes_the_nearest_day(times_pipeline: Any) -> None:
    # A Sunday story: the service was planned for yesterday, and called off
    got = timex_values(
        times_pipeline,
        "A memorial service planned at the University of Carpathia for Saturday was canceled.",
        "1999-10-24",
    )
    assert ("Saturday", "1999-10-23") in got


def test_plan_told_in_the_present_still_looks_ahead(times_pipeline: Any) -> None:
    got = timex_values(
        times_pipeline, "The vote in Lagonia is scheduled for Saturday.", "1999-10-24"
    )
    assert ("Saturday", "1999-10-30") in got


def test_plan_under_a_bare_participle_still_looks_ahead(times_pipeline: Any) -> None:
    # "paid" is a participle, not a past clause: the crop year still begins this August
    got = timex_values(
        times_pipeline,
        "The Ostland Grain Board advised the government to cut initial prices paid to farmers "
        "in the crop year beginning August 1.",
        "1987-03-04",
    )
    assert ("August 1", "1987-08-01") in got


def test_year_span_outside_a_quarter_story_keeps_the_anchor(times_pipeline: Any) -> None:
    # no quarter under discussion: "the first nine months" does not move the story's last date
    got = timex_values(
        times_pipeline,
        "Anna Weber joined Carpathia Bank on March 3, 1994. She trained there for the first "
        "nine months and left the following month.",
        "1995-10-26",
    )
    assert ("the following month", "1994-04") in got


FISCAL_STORY = (
    "Lagonia Air said net rose 33% in the {kind} quarter. For the quarter ended Sept. 30, it "
    "earned $5 million, up from $4 million a year earlier. During the quarter, it sold two planes."
)


def test_fiscal_quarter_named_again_keeps_its_number(times_pipeline: Any) -> None:
    # a company reporting its fiscal first quarter names it next by its closing day
    got = timex_values(times_pipeline, FISCAL_STORY.format(kind="fiscal first"), "1995-10-26")
    assert got.count(("the quarter", "1995-Q1")) == 2
    assert ("a year earlier", "1994-Q1") in got


def test_calendar_quarter_named_by_closing_day_without_fiscal(times_pipeline: Any) -> None:
    got = timex_values(times_pipeline, FISCAL_STORY.format(kind="third"), "1995-10-26")
    assert got.count(("the quarter", "1995-Q3")) == 2

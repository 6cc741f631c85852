"""Publication dates: ISO prefixes with precision; unambiguous feed forms outside seed files."""

from __future__ import annotations

import pytest

from newsgraph.errors import BadDateError, MissingDateError
from newsgraph.ingest.dates import parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024", ("2024", "year")),
        ("2024-09", ("2024-09", "month")),
        ("2024-09-17", ("2024-09-17", "day")),
        (" 2024-02-29 ", ("2024-02-29", "day")),
    ],
)
def test_iso_prefixes(value: str, expected: tuple[str, str]) -> None:
    assert parse_date(value, strict=True) == expected
    assert parse_date(value, strict=False) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-09-17T10:00:00Z", "2024-09-17"),
        ("2024-09-17T23:59:59.123+02:00", "2024-09-17"),
        ("2024-09-17 10:00", "2024-09-17"),
        ("2024/9/17", "2024-09-17"),
        ("17 Sep 2024", "2024-09-17"),
        ("17 September 2024", "2024-09-17"),
        ("Sep 17, 2024", "2024-09-17"),
        ("Sept. 17, 2024", "2024-09-17"),
        ("Tuesday, September 17, 2024", "2024-09-17"),
        ("Tue, 17 Sep 2024 10:00:00 +0000", "2024-09-17"),
    ],
)
def test_feed_forms_to_day(value: str, expected: str) -> None:
    assert parse_date(value, strict=False) == (expected, "day")


def test_month_name_and_year_is_month_precision() -> None:
    assert parse_date("September 2024", strict=False) == ("2024-09", "month")


@pytest.mark.parametrize("value", ["2024-09-17T10:00:00Z", "17 Sep 2024", "September 2024"])
def test_seed_files_take_only_iso(value: str) -> None:
    with pytest.raises(BadDateError):
        parse_date(value, strict=True)


@pytest.mark.parametrize(
    "value",
    [
        "2024-02-30",
        "2023-02-29",
        "2024-13",
        "2024-00",
        "0000",
        "30 Feb 2024",
        "09/10/2024",  # day/month or month/day
        "10.09.2024",
        "Monday, 17 Sep 2024",  # it was a Tuesday
        "Smarch 17, 2024",
        "yesterday",
        "2024-9-17",
    ],
)
def test_bad_dates(value: str) -> None:
    with pytest.raises(BadDateError):
        parse_date(value, strict=False)


def test_non_string_date_is_bad() -> None:
    with pytest.raises(BadDateError):
        parse_date(20240917, strict=False)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_missing(value: object) -> None:
    with pytest.raises(MissingDateError):
        parse_date(value)

"""Issue 11, dates: a claim or event is dated only by its own argument or adjunct; times of day are
never years; deadlines look ahead; arithmetic past the calendar never loses the document."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.model.records import Claim, DocResult, Event, Timex
from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.dating import date_for
from tests.conftest import make_doc

pytestmark = pytest.mark.slow

# A Tuesday: "Friday" is three days ahead, the last Friday four days back.
TUESDAY = "1987-03-17"


def _ctx(pipe: Any, text: str, date: str = TUESDAY) -> StageContext:
    document = make_doc(text, date)
    ctx = StageContext(document=document, doc=pipe.nlp(text), result=DocResult(doc=document))
    for spec in pipe.stages:
        spec.func(ctx)
    return ctx


def _timex(ctx: StageContext, text: str) -> Timex:
    found = [t for t in ctx.result.timexes if t.text == text]
    assert found, [t.text for t in ctx.result.timexes]
    return found[0]


def _date_of(ctx: StageContext, word: str) -> tuple[str | None, str]:
    at = ctx.document.text.index(word)
    tid, date = date_for(ctx, at, at + len(word))
    return tid, date.value


# --- times of day are never years ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The Ostland ministry issued a statement at 1100 EST.", "1100 EST", "1987-03-17T11:00"),
        ("Trading in Carpathia resumed at 0900 GMT.", "0900 GMT", "1987-03-17T09:00"),
        ("The Lagonian border reopened at 2330 local time.", "2330 local time", "1987-03-17T23:30"),
        ("The Ostland exchange opens at 0930 hrs.", "0930 hrs", "1987-03-17T09:30"),
    ],
)
def test_a_clock_time_without_colon_is_a_time_not_a_year(
    times_pipeline: Any, text: str, expr: str, value: str
) -> None:
    ctx = _ctx(times_pipeline, text)
    t = _timex(ctx, expr)
    assert (t.type, t.value) == ("TIME", value)
    assert not any(x.value in ("1100", "0900", "2330") for x in ctx.result.timexes)


def test_a_year_before_a_time_zone_word_is_still_a_clock_time(times_pipeline: Any) -> None:
    ctx = _ctx(times_pipeline, "Polls in Freedonia closed at 2000 GMT.")
    assert [(t.type, t.value) for t in ctx.result.timexes] == [("TIME", "1987-03-17T20:00")]


# --- deadlines look ahead ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Carpathia must answer the complaint by Friday, the regulator said.",
        "Ostland said it would announce the buyer by Friday.",
        "Lagonia Bank expects to complete the sale by Friday.",
    ],
)
def test_by_friday_in_a_tuesday_story_is_the_coming_friday(times_pipeline: Any, text: str) -> None:
    assert _timex(_ctx(times_pipeline, text), "Friday").value == "1987-03-20"


def test_by_friday_under_a_past_verb_is_the_past_friday(times_pipeline: Any) -> None:
    ctx = _ctx(times_pipeline, "Ostland had sold half its stake by Friday.")
    assert _timex(ctx, "Friday").value == "1987-03-13"


# --- out-of-range arithmetic -------------------------------------------------------------------


def test_a_count_of_weeks_past_the_calendar_is_left_unresolved(times_pipeline: Any) -> None:
    ctx = _ctx(times_pipeline, "Jobless claims in Ostland rose from 302,000 week ago.")
    t = _timex(ctx, "302,000 week ago")
    assert t.value.startswith("XXXX") and "unresolved" in t.flags
    assert any(f.kind == "unresolved" for f in ctx.result.flags)
    tid, value = _date_of(ctx, "rose")
    assert tid is None and value == TUESDAY


@pytest.mark.parametrize("date", ["0001-01-01", "0001-01", "0001", "9999-12-31", "9999-12", "9999"])
def test_article_dates_at_the_ends_of_the_calendar_keep_the_document(
    pipeline: Any, date: str
) -> None:
    text = (
        "Carpathia Corp said on Tuesday that claims rose to 310,000 from 302,000 week ago. "
        "Last week the Ostland minister said the talks would resume next month. "
        "He will step down by Friday, officials said. The truce began two years ago."
    )
    result = pipeline.extract(make_doc(text, date))
    assert result.timexes and result.claims
    for t in result.timexes:
        assert t.value  # every expression kept, placed or underspecified
    for rec in [*result.claims, *result.events]:
        assert rec.date is not None


# --- the dating rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Carpathia Corp sold 100 mln dlrs of debentures due April 15, 2007.", "sold"),
        ("Ostland Steel said it redeemed its notes due April 15, 2007.", "redeemed"),
        ("Profits at Lagonia Bank rose 12 pct compared with 1986.", "rose"),
        ("Exports from Freedonia were higher than in 1985, the ministry said.", "said"),
        ("Net income was up sharply compared with 1986, Lagonia Bank said.", "said"),
        ("The 1986 budget of Ostland was rejected by parliament.", "rejected"),
        ("Carpathia Corp raised its dividend to the level of 1985.", "raised"),
    ],
)
def test_a_number_elsewhere_in_the_sentence_does_not_date_the_act(
    times_pipeline: Any, text: str, trigger: str
) -> None:
    ctx = _ctx(times_pipeline, text)
    assert [t for t in ctx.result.timexes if t.type == "DATE"], "precondition: a date is tagged"
    tid, value = _date_of(ctx, trigger)
    assert tid is None and value == TUESDAY


@pytest.mark.parametrize(
    ("text", "trigger", "expr"),
    [
        ("The Ostland minister said on Monday that taxes would fall.", "said", "Monday"),
        ("The minister said at a news conference on Monday that taxes rose.", "said", "Monday"),
        ("The president on Monday denied any link to the cartel.", "denied", "Monday"),
        (
            "With sentencing scheduled for October 9, the Carpathian faces prison.",
            "sentencing",
            "October 9",
        ),
        ("The Lagonian envoy was arrested and charged on Monday.", "arrested", "Monday"),
        ("Carpathia redeemed its 1999 notes in February 1987.", "redeemed", "February 1987"),
    ],
)
def test_the_own_adjunct_dates_the_act(
    times_pipeline: Any, text: str, trigger: str, expr: str
) -> None:
    ctx = _ctx(times_pipeline, text)
    tid, _ = _date_of(ctx, trigger)
    assert tid == _timex(ctx, expr).id


def test_a_time_of_day_dates_the_statement_as_a_day_and_time(times_pipeline: Any) -> None:
    ctx = _ctx(times_pipeline, "The Ostland ministry issued a statement at 1100 EST.")
    tid, value = _date_of(ctx, "issued")
    assert tid is not None and value == "1987-03-17T11:00"


def test_claims_and_events_of_the_full_pipeline_follow_the_rule(pipeline: Any) -> None:
    text = (
        "Carpathia Corp said it sold 100 mln dlrs of debentures due April 15, 2007. "
        "Lagonia Bank said its profits rose 12 pct compared with 1986."
    )
    result = pipeline.extract(make_doc(text, TUESDAY))
    records: list[Claim | Event] = [*result.claims, *result.events]
    assert result.claims
    for rec in records:
        assert rec.date is not None
        assert rec.date.value == TUESDAY and rec.timex is None, rec

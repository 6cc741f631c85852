"""Underspecified TIMEX3 values are never shown to a person as dates: claims, events, timelines,
dossiers and the CLI show ``date_shown`` (the resolved date or range, else the article date
marked), while ``date`` keeps the raw value (no spaCy; hand-made results)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli
from newsgraph.model.records import Claim, DateRef, Document, Event, Timex
from newsgraph.query.claims import find_claims
from newsgraph.query.dates import date_shown, human_date
from newsgraph.query.dossier import dossier
from newsgraph.query.events import find_events
from newsgraph.query.timeline import timeline
from newsgraph.store import Store
from tests.store.builders import Builder, span

RAW = ("XXXX-WXX-4", "PRESENT_REF", "1987-03-18TMO", "XXXX-XX-XX")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1987-03-18", "1987-03-18"),
        ("1987-03", "1987-03"),
        ("1987", "1987"),
        ("1987-03-18TMO", "1987-03-18 morning"),
        ("1987-03-18T11:00", "1987-03-18 11:00"),
        ("1987-W12", "1987-03-16 to 1987-03-22"),
        ("1987-W12-WE", "1987-03-21 to 1987-03-22"),
        ("1987-Q1", "1987 Q1"),
        ("1987-H2", "second half of 1987"),
        ("1987-SU", "summer 1987"),
        ("198", "1980s"),
        ("1998-10-XX", "1998-10"),
        ("XXXX-WXX-4", None),
        ("XXXX-03-18", None),
        ("PRESENT_REF", None),
        ("PAST_REF", None),
        ("P3D", None),
        ("XXXX-WXX", None),
        (None, None),
    ],
)
def test_human_date(value: str | None, shown: str | None) -> None:
    assert human_date(value) == shown


def test_date_shown_marks_the_article_date() -> None:
    assert date_shown("XXXX-WXX-4", "1987-03-18", False) == "1987-03-18 (article date)"
    assert date_shown("PRESENT_REF", "1987-03-18", False) == "1987-03-18 (article date)"
    assert date_shown("1987-03-18", "1987-03-18", True) == "1987-03-18 (article date)"
    assert date_shown("1987-03-12", "1987-03-18", False) == "1987-03-12"


def _freedonia() -> list:  # type: ignore[type-arg]
    """One Freedonian story whose records carry raw values a person must not see as dates."""
    text = (
        "Rufus Firefly said on Thursday that Freedonia would sue Sylvania. "
        "Firefly said now is the time. "
        "Firefly attacked Sylvania in the morning. "
        "Firefly met Trentino last week."
    )
    b = Builder(Document("fff111", "1987-03-18", "day", text, title="Freedonia to sue"))
    b.mention("Rufus Firefly", "e1")
    b.mention("Sylvania", "e2", type="GPE")
    b.entity("e1", "Rufus Firefly")
    b.entity("e2", "Sylvania", type="GPE")
    values = [
        ("Thursday", "DATE", "XXXX-WXX-4", "day"),
        ("now", "DATE", "PRESENT_REF", "day"),
        ("in the morning", "TIME", "1987-03-18TMO", "part"),
        ("last week", "DATE", "1987-W11", "week"),
    ]
    for i, (words, kind, value, gran) in enumerate(values, start=1):
        b.result.timexes.append(Timex(f"t{i}", *span(text, words), words, kind, value, gran))
    sents = b.result.sentences
    for i, (cue, tid, value, gran) in enumerate(
        [("said", "t1", "XXXX-WXX-4", "day"), ("said", "t2", "PRESENT_REF", "day")], start=1
    ):
        c = span(text, cue, i - 1)
        b.result.claims.append(
            Claim(
                f"c{i}",
                "e1",
                *span(text, "Firefly", i - 1),
                cue,
                *c,
                c[1] + 1,
                sents[i - 1][1] - 1,
                "indirect",
                status="asserted",
                timex=tid,
                date=DateRef(value, gran),
            )
        )
    for i, (trigger, tid, value, gran) in enumerate(
        [("attacked", "t3", "1987-03-18TMO", "part"), ("met", "t4", "1987-W11", "week")], start=1
    ):
        b.result.events.append(
            Event(
                f"v{i}",
                "ASSAULT" if i == 1 else "CONSULT",
                None,
                "18" if i == 1 else "04",
                [],
                ["e1"],
                ["e2"] if i == 1 else [],
                *span(text, trigger),
                *sents[i + 1],
                timex=tid,
                date=DateRef(value, gran),
            )
        )
    return [b.result]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    path = tmp_path / "dates.duckdb"
    with Store(path) as store:
        store.write_batch(_freedonia(), [])
    yield str(path)


def test_queries_show_dates_a_person_can_read(db: str) -> None:
    with Store(db, read_only=True) as store:
        claims = {c.id: c for c in find_claims(store)}
        events = {e.id: e for e in find_events(store)}
        items = {(i.kind, i.record_id): i for i in timeline(store)}
        dos = dossier(store, "Rufus Firefly")
    # the raw value stays available ...
    assert claims["c1"].date == "XXXX-WXX-4" and claims["c2"].date == "PRESENT_REF"
    # ... and what is shown is the article date, marked, or the resolved date or range
    assert claims["c1"].date_shown == "1987-03-18 (article date)"
    assert claims["c2"].date_shown == "1987-03-18 (article date)"
    assert events["v1"].date_shown == "1987-03-18 morning"
    assert events["v2"].date_shown == "1987-03-09 to 1987-03-15"
    assert items[("claim", "c1")].date_shown == "1987-03-18 (article date)"
    assert items[("event", "v1")].date_shown == "1987-03-18 morning"
    assert {i.date_shown for i in dos.timeline} == {
        "1987-03-18 (article date)",
        "1987-03-18 morning",
        "1987-03-09 to 1987-03-15",
    }


@pytest.mark.parametrize(
    "args",
    [
        ["claims"],
        ["events"],
        ["show", "Rufus Firefly"],
        ["doc", "fff111"],
    ],
)
def test_cli_text_output_shows_no_raw_value(db: str, args: list[str]) -> None:
    res = CliRunner().invoke(cli, [*args, "--db", db])
    assert res.exit_code == 0, res.output
    shown = res.output
    if args[0] == "doc":
        # the article view lists each expression with its TIMEX3 value (a table headed VALUE);
        # the dates it gives claims and events come after it
        shown = shown.split("Claims")[-1]
        assert "1987-03-18 (article date)" in res.output or "1987-03-18 morning" in shown
    for raw in RAW:
        assert raw not in shown, (raw, res.output)


@pytest.mark.parametrize("command", ["claims", "events"])
def test_json_output_has_raw_and_shown_dates(db: str, command: str) -> None:
    res = CliRunner().invoke(cli, [command, "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in res.output.splitlines()]
    assert rows
    for r in rows:
        assert r["date"] and r["date_shown"]
        assert not any(raw in r["date_shown"] for raw in RAW)
    if command == "claims":
        assert {r["date"] for r in rows} == {"XXXX-WXX-4", "PRESENT_REF"}

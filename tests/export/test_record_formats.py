"""PLOVER, TimelineJS and ClaimReview exports: every record checked field by field against what
the format asks for, on the samples store; the filters keep only the records they should."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import ExportError, NotFoundError
from newsgraph.model.data import load_toml
from tests.export.conftest import export

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MODALITIES = {"occurred", "alleged", "scheduled", "hypothetical", "negated"}
ACTOR_KEYS = {"id", "name", "type", "text"}


def _jsonl(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


# --- PLOVER ----------------------------------------------------------------------------------
def check_plover(rec: dict[str, Any], types: dict[str, Any]) -> None:
    """The fields of a PLOVER record, typed as the format says."""
    assert rec["event"] in types
    assert rec["mode"] is None or isinstance(rec["mode"], str)
    assert isinstance(rec["context"], list) and all(isinstance(c, str) for c in rec["context"])
    for side in ("actor", "recipient"):
        assert isinstance(rec[side], list)
        for actor in rec[side]:
            assert set(actor) == ACTOR_KEYS and actor["name"]
    assert rec["actor"] or rec["recipient"]
    assert ISO.match(rec["date"])
    assert rec["date_resolution"] == {4: "year", 7: "month", 10: "day"}[len(rec["date"])]
    assert rec["dated_by"] in ("text", "article")
    assert rec["modality"] in MODALITIES
    assert rec["confidence"] is None or 0 <= rec["confidence"] <= 1
    assert rec["text"] and rec["trigger"] and rec["trigger"] in rec["text"]
    assert rec["doc_id"] and "url" in rec and ISO.match(rec["publication_date"])
    loc = rec["location"]
    if loc is not None:
        assert loc["name"] and {"lat", "lon", "country", "geonames_id"} <= set(loc)


def test_plover_records_are_complete(samples_db: str) -> None:
    types = load_toml("events_types.toml")["types"]
    code, out, err = export(samples_db, "-f", "plover", "--min-confidence", "0")
    assert code == 0, err
    records = _jsonl(out)
    assert len(records) >= 15
    for rec in records:
        check_plover(rec, types)
    assert len({r["id"] for r in records}) == len(records)
    # Places come with coordinates when the gazetteer knows them.
    assert any(r["location"] and r["location"]["lat"] is not None for r in records)
    # Named actors carry their canonical id and entity type.
    named = [a for r in records for a in r["actor"] + r["recipient"] if a["id"]]
    assert named and all(a["type"] for a in named)
    assert any(r["dated_by"] == "text" for r in records)


def test_plover_entity_filter_keeps_the_actors_events(samples_db: str) -> None:
    _, out, _ = export(samples_db, "-f", "plover", "--min-confidence", "0")
    everything = _jsonl(out)
    _, out, _ = export(samples_db, "-f", "plover", "--min-confidence", "0", "--entity", "Carvajal")
    hers = _jsonl(out)
    assert 0 < len(hers) < len(everything)
    for rec in hers:
        names = [a["name"] for a in rec["actor"] + rec["recipient"]]
        assert any("Carvajal" in n for n in names), names
    _, out, _ = export(samples_db, "-f", "plover", "--min-confidence", "0.9")
    assert all(r["confidence"] is None or r["confidence"] >= 0.9 for r in _jsonl(out))
    assert len(_jsonl(out)) < len(everything)


# --- TimelineJS ------------------------------------------------------------------------------
def check_slide(slide: dict[str, Any]) -> None:
    """A TimelineJS 3 slide: start_date with an integer year (month, day optional and in range),
    text with headline and HTML text, a unique id."""
    date = slide["start_date"]
    assert set(date) <= {"year", "month", "day"} and isinstance(date["year"], int)
    assert 1 <= date.get("month", 1) <= 12 and 1 <= date.get("day", 1) <= 31
    assert "day" not in date or "month" in date
    assert slide["text"]["headline"] and slide["text"]["text"].startswith("<p>")
    assert slide["group"] in ("event", "claim") and slide["unique_id"]
    assert slide["display_date"]


def test_timelinejs_is_the_actors_timeline(samples_db: str) -> None:
    code, out, err = export(samples_db, "-f", "timelinejs", "--entity", "Aldana Ferrer")
    assert code == 0, err
    doc = json.loads(out)
    assert set(doc) == {"title", "events"}
    assert doc["title"]["text"]["headline"] == "Rodrigo Aldana Ferrer"
    slides = doc["events"]
    assert len(slides) >= 10
    for slide in slides:
        check_slide(slide)
    assert len({s["unique_id"] for s in slides}) == len(slides)
    assert {s["group"] for s in slides} == {"event", "claim"}
    # A year-only or month-only date stays that precise; text is escaped HTML.
    assert any("day" not in s["start_date"] for s in slides)
    assert all("<script" not in s["text"]["text"] for s in slides)
    assert any("(article date)" in s["display_date"] for s in slides)


def test_timelinejs_needs_an_actor(samples_db: str) -> None:
    with pytest.raises(ExportError):
        export(samples_db, "-f", "timelinejs")
    with pytest.raises(NotFoundError):
        export(samples_db, "-f", "timelinejs", "--entity", "Nobody Of Freedonia")


def test_timelinejs_date_filter(samples_db: str) -> None:
    _, out, _ = export(samples_db, "-f", "timelinejs", "--entity", "Aldana Ferrer")
    everything = json.loads(out)["events"]
    _, out, _ = export(
        samples_db, "-f", "timelinejs", "--entity", "Aldana Ferrer", "--from", "2024"
    )
    late = json.loads(out)["events"]
    assert 0 < len(late) < len(everything)


# --- ClaimReview -----------------------------------------------------------------------------
def check_review(review: dict[str, Any]) -> None:
    """A schema.org ClaimReview of an extracted claim: no rating, marked unreviewed."""
    assert review["@type"] == "ClaimReview"
    assert not re.search(r'"\w*[rR]ating"\s*:', json.dumps(review))
    assert review["creativeWorkStatus"] == "Draft" and "not reviewed" in review["description"]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["text"] == review["claimReviewed"] != ""
    assert ISO.match(item["datePublished"])
    assert item["appearance"]["@type"] == "NewsArticle"
    assert ISO.match(item["appearance"]["datePublished"])
    if "author" in item:
        assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]


def test_claimreview_is_json_ld_without_invented_ratings(samples_db: str) -> None:
    code, out, err = export(samples_db, "-f", "claimreview", "--min-confidence", "0")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["@context"] == "https://schema.org"
    reviews = doc["@graph"]
    assert len(reviews) >= 50
    for review in reviews:
        check_review(review)
    assert any(r["itemReviewed"].get("author", {}).get("@type") == "Person" for r in reviews)
    # The article's url, when the input gave one, is where the claim appeared.
    assert any("url" in r["itemReviewed"]["appearance"] for r in reviews)


def test_claimreview_filters(samples_db: str) -> None:
    _, out, _ = export(samples_db, "-f", "claimreview", "--min-confidence", "0")
    everything = json.loads(out)["@graph"]
    _, out, _ = export(samples_db, "-f", "claimreview", "--min-confidence", "0", "-q", "comet")
    comet = json.loads(out)["@graph"]
    assert 0 < len(comet) < len(everything)
    assert len({r["itemReviewed"]["appearance"]["identifier"] for r in comet}) == 1
    _, out, _ = export(
        samples_db,
        "-f",
        "claimreview",
        "--min-confidence",
        "0",
        "--entity",
        "Ernesto Villalba Cruz",
    )
    his = json.loads(out)["@graph"]
    assert 0 < len(his) < len(everything)


def test_records_marked_wrong_are_not_exported(samples_db: str, tmp_path: Path) -> None:
    """A correction is never exported as a finding: an event marked wrong leaves the PLOVER and
    FtM exports, and is back once the mark is undone."""
    from newsgraph.app.decisions import mark_wrong, undo

    db = str(tmp_path / "wrong.duckdb")
    shutil.copy(samples_db, db)
    _, out, _ = export(db, "-f", "plover", "--min-confidence", "0")
    first = _jsonl(out)[0]["id"]
    doc_id, _, event_id = first.rpartition("-")
    decision = mark_wrong(db, "event", doc_id, event_id)
    _, out, _ = export(db, "-f", "plover", "--min-confidence", "0")
    assert first not in {r["id"] for r in _jsonl(out)}
    _, out, _ = export(db, "-f", "ftm", "--min-confidence", "0")
    assert f"ng-event-{first}" not in {r["id"] for r in _jsonl(out)}
    undo(db, decision["decision"])
    _, out, _ = export(db, "-f", "plover", "--min-confidence", "0")
    assert first in {r["id"] for r in _jsonl(out)}

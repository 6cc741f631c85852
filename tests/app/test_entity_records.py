"""``entity_records`` (each resolved actor's events and claims, written at resolution) and
``entity_mentions`` give the same timelines, counts and dossiers as following ``entity_links`` to
the records and mentions, after resolution, after a record is marked wrong (and the mark
undone), after a merge; they are not used while resolution is pending."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.app import resolve
from newsgraph.app.access import read_store
from newsgraph.app.decisions import mark_wrong, merge, undo
from newsgraph.query import dossier
from newsgraph.query.entities import find_entity
from newsgraph.query.timeline import timeline_counts, timeline_page
from newsgraph.store import Store, entity_records
from tests.store.builders import corpus


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "er.duckdb")
    with Store(path) as store:
        store.write_batch(corpus()[:2], [])
    resolve(path)
    return path


def _views(db: str, monkeypatch: pytest.MonkeyPatch, by_records: bool) -> dict[str, Any]:
    """Every actor's full timeline, pages of two items, and counts, read one way."""
    with read_store(db) as store:
        assert entity_records.usable(store.con)
    with monkeypatch.context() as m:
        if not by_records:
            m.setattr(entity_records, "usable", lambda _con: False)
        with read_store(db) as store:
            ids = [r[0] for r in store.con.execute("SELECT id FROM canonical_entities").fetchall()]
            out: dict[str, Any] = {}
            for i in ids:
                e = find_entity(store, i)
                out[i] = (
                    timeline_page(store, e, limit=None).to_dict(),
                    timeline_page(store, e, limit=2, offset=1).to_dict(),
                    timeline_page(store, e, "2000", "2100", kinds=("event",)).to_dict(),
                    timeline_counts(store, e),
                    dossier(store, i, with_timeline=False).to_dict(),
                )
    return out


def _same(db: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    new = _views(db, monkeypatch, by_records=True)
    assert new == _views(db, monkeypatch, by_records=False)
    return new


def _record_ids(views: dict[str, Any], actor: str) -> set[tuple[str, str, str]]:
    return {(i["kind"], i["doc_id"], i["record_id"]) for i in views[actor][0]["items"]}


def test_written_at_resolution_and_read_the_same(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    views = _same(db, monkeypatch)
    assert sum(v[0]["total"] for v in views.values()) > 0
    with read_store(db) as store:
        n = store.con.execute("SELECT count(*) FROM entity_records").fetchone()
    assert n is not None and n[0] > 0


def test_a_record_marked_wrong_leaves_and_comes_back(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with read_store(db) as store:
        actor = find_entity(store, "García Luna").id
    before = _same(db, monkeypatch)
    assert ("claim", "aaa111", "c1") in _record_ids(before, actor)
    out = mark_wrong(db, "claim", "aaa111", "c1")
    marked = _same(db, monkeypatch)
    assert ("claim", "aaa111", "c1") not in _record_ids(marked, actor)
    assert marked[actor][3]["claim"] == before[actor][3]["claim"] - 1
    undo(db, out["decision"])
    assert _same(db, monkeypatch) == before


def test_a_merge_rewrites_them(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db) as store:
        store.write_batch(corpus(), [])
    resolve(db)
    merge(db, "Maria Lopez", "Felipe Calderón")
    views = _same(db, monkeypatch)
    with read_store(db) as store:
        actor = find_entity(store, "Maria Lopez").id
        doc_ids = {
            r[0]
            for r in store.con.execute(
                "SELECT DISTINCT doc_id FROM entity_records WHERE canonical_id = ?", [actor]
            ).fetchall()
        }
    assert {i[1] for i in _record_ids(views, actor)} == doc_ids


def test_not_used_while_resolution_is_pending(db: str) -> None:
    with Store(db) as store:
        assert entity_records.usable(store.con)
        store.write_batch(corpus(), [])  # one new article
        assert not entity_records.usable(store.con)
    resolve(db)
    with read_store(db) as store:
        assert entity_records.usable(store.con)


def test_date_bounds_of_every_precision_read_the_same(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bounds at each item's year, month and day, from, to and both: the rows of
    ``entity_records`` (which pre-filter on the years' integer rank) give the raw rows' items."""

    def bounded(by_records: bool) -> dict[tuple[str, str | None, str | None], Any]:
        out: dict[tuple[str, str | None, str | None], Any] = {}
        with monkeypatch.context() as m:
            if not by_records:
                m.setattr(entity_records, "usable", lambda _con: False)
            with read_store(db) as store:
                rows = store.con.execute("SELECT id FROM canonical_entities").fetchall()
                for (i,) in rows:
                    e = find_entity(store, i)
                    dates = {
                        d["date"] for d in timeline_page(store, e, limit=None).to_dict()["items"]
                    }
                    cuts = {d[:n] for d in dates if d and d[:4].isdigit() for n in (4, 7, 10)}
                    cuts |= {"1900", "2999-12"}  # nothing after, nothing before
                    for c in sorted(cuts):
                        for lo, hi in ((c, None), (None, c), (c, c)):
                            page = timeline_page(store, e, lo, hi, limit=None).to_dict()
                            out[(i, lo, hi)] = (page, timeline_counts(store, e, lo, hi))
        return out

    new = bounded(True)
    assert new == bounded(False)
    assert any(v[0]["total"] for v in new.values())
    assert any(not v[0]["total"] for v in new.values())

"""The dossier read from the summary tables resolution writes (``store.entity_summary``) equals
the dossier computed from the raw entity rows and mentions, for every actor and every cut
(sources, articles), after resolution, merges, splits, undoing them, and an ingest that leaves
resolution pending (when the summary must not be read)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from newsgraph.app import resolve
from newsgraph.app.access import read_store
from newsgraph.app.decisions import mark_wrong, merge, split, undo
from newsgraph.model.records import Claim, DateRef, DocResult, Document, Event, Role
from newsgraph.query import dossier_summary
from newsgraph.query.claims import claims_page
from newsgraph.query.dossier import dossier
from newsgraph.query.events import events_page
from newsgraph.store import Store, entity_records, entity_summary
from tests.store.builders import Builder, span

# The module (``newsgraph.query.dossier`` the attribute is the function of that name).
dossier_module = importlib.import_module("newsgraph.query.dossier")

CUTS = [  # (max_sources, max_documents)
    (None, None),
    (1, 1),
    (0, 0),
    (2, 50),
]


def _baranek_2021() -> DocResult:
    text = (
        "Minister Ivo Baranek of Carpathia met Lena Voss in Lagonia. "
        "Baranek, 61, said the port of Lagonia would reopen. "
        "The minister of Carpathia later denied it."
    )
    b = Builder(Document("lat001", "2021-03-05", "day", text, title="Port to reopen"))
    b.mention("Ivo Baranek", "e1")
    b.mention("Baranek", "e1", nth=1)
    b.mention("Carpathia", "e2", type="GPE")
    b.mention("Lena Voss", "e3")
    b.mention("Lagonia", "e4", type="GPE")
    b.mention("Lagonia", "e4", type="GPE", nth=1)
    b.mention("The minister", "e1", kind="nominal")
    role = span(text, "Minister Ivo Baranek of Carpathia")
    age = span(text, "Baranek, 61")
    b.entity(
        "e1",
        "Ivo Baranek",
        aliases=["Baranek"],
        roles=[
            Role("Minister", of="e2", evidence_start=role[0], evidence_end=role[1]),
            Role("minister", of="e2"),  # restated in other words: one role, two sources
        ],
        attributes={"age": 61, "age_as_of": "2021-03-05", "age_evidence": list(age)},
    )
    b.entity("e2", "Carpathia", "GPE", attributes={"capital": "Lagonia"})
    b.entity("e3", "Lena Voss", roles=[Role("governor")])
    b.entity("e4", "Lagonia", "GPE")
    return b.result


def _baranek_2022(doc_id: str, age_as_of: str) -> DocResult:
    text = (
        "Former minister Ivo Baranek of Carpathia criticised Lena Voss, governor of Ostland. "
        "Baranek, 62, called the harbour deal a mistake."
    )
    b = Builder(Document(doc_id, "2022-07-01", "day", text, title="Baranek criticises Voss"))
    b.mention("Ivo Baranek", "e1")
    b.mention("Baranek", "e1", nth=1)
    b.mention("Carpathia", "e2", type="GPE")
    b.mention("Lena Voss", "e3")
    b.mention("Ostland", "e4", type="GPE")
    role = span(text, "Former minister Ivo Baranek")
    gov = span(text, "governor of Ostland")
    b.entity(
        "e1",
        "Ivo Baranek",
        aliases=["Baranek", "I. Baranek"],
        roles=[
            Role("MINISTER", of="e2", former=True, evidence_start=role[0], evidence_end=role[1])
        ],
        attributes={
            "age": {"value": 62, "as_of": age_as_of},
            "nationality": "Carpathian",
            "descriptions": ["former minister"],
        },
    )
    b.entity("e2", "Carpathia", "GPE", attributes={"capital": "Lagonia"})
    b.entity(
        "e3",
        "Lena Voss",
        roles=[Role("governor", of="e4", start="2020", evidence_start=gov[0], evidence_end=gov[1])],
    )
    b.entity("e4", "Ostland", "GPE")
    cue = span(text, "criticised")
    b.result.claims.append(
        Claim(
            "c1",
            "e1",
            *span(text, "Ivo Baranek"),
            "criticised",
            *cue,
            *span(text, "Lena Voss"),
            "indirect",
            status="alleged",
            targets=["e3", "e4"],
            date=DateRef("2022-06" if doc_id == "lat002" else "2022-07-01", "day"),
        )
    )
    sent = b.result.sentences[0]
    b.result.events += [
        Event(
            "v1",
            "ACCUSE",
            None,
            None,
            [],
            ["e1"],
            ["e3"],
            *cue,
            *sent,
            place="e4",
            date=DateRef("2022-07-01", "day"),
            modality="alleged",
            confidence=0.4,
        ),
        Event("v2", "AGREE", None, None, [], ["e3", "e1"], [], *cue, *sent, reciprocal=True),
    ]
    return b.result


def _voss_undated() -> DocResult:
    text = "Governor Lena Voss of Ostland opened the bridge. Voss thanked Ivo Baranek."
    b = Builder(Document("lat004", "", "", text, title=None))
    b.mention("Lena Voss", "e1")
    b.mention("Voss", "e1", nth=1)
    b.mention("Ostland", "e2", type="GPE")
    b.mention("Ivo Baranek", "e3")
    b.entity("e1", "Lena Voss", aliases=["Voss"], roles=[Role("Governor", of="e2")])
    b.entity("e2", "Ostland", "GPE")
    b.entity("e3", "Ivo Baranek", attributes={"age": 62})
    return b.result


def _articles() -> list[DocResult]:
    # Two articles of the same day: ties are broken the same way on both paths.
    return [
        _baranek_2021(),
        _baranek_2022("lat002", "2022"),
        _baranek_2022("lat003", "2022-07-01"),
        _voss_undated(),
    ]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "summary.duckdb")
    with Store(path) as store:
        store.write_batch(_articles(), [])
    resolve(path)
    return path


def _dossiers(db: str, monkeypatch: pytest.MonkeyPatch, summary: bool) -> dict[str, Any]:
    """Every actor's dossier under every cut, read one way."""
    with monkeypatch.context() as m:
        if summary:  # the raw rows must not be read
            m.setattr(dossier_module, "_facts", lambda *a: pytest.fail("read raw rows"))
        else:
            m.setattr(entity_summary, "usable", lambda _con: False)
        with read_store(db) as store:
            ids = [r[0] for r in store.con.execute("SELECT id FROM canonical_entities").fetchall()]
            out: dict[str, Any] = {}
            for i in sorted(ids):
                for s, d in CUTS:
                    out[f"{i} {s} {d}"] = dossier(
                        store, i, with_timeline=False, max_sources=s, max_documents=d
                    ).to_dict()
                out[i] = dossier(store, i).to_dict()
    return out


def _same(db: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    with read_store(db) as store:
        assert entity_summary.usable(store.con)
    new = _dossiers(db, monkeypatch, summary=True)
    assert new == _dossiers(db, monkeypatch, summary=False)
    return new


def _lists(db: str, monkeypatch: pytest.MonkeyPatch, by_records: bool) -> dict[str, Any]:
    """Claims and events of every actor (and pair of actors), read one way."""
    with monkeypatch.context() as m:
        if not by_records:
            m.setattr(entity_records, "lists_usable", lambda _con: False)
        with read_store(db) as store:
            ids = sorted(
                r[0] for r in store.con.execute("SELECT id FROM canonical_entities").fetchall()
            )
            out: dict[str, Any] = {}
            for i in ids:
                out[f"c {i}"] = [
                    claims_page(store, speaker=i).to_dict(),
                    claims_page(store, target=i, limit=1, offset=1).to_dict(),
                    claims_page(store, speaker=i, status="ALLEGED", date_from="2022-07").to_dict(),
                    *(claims_page(store, speaker=i, target=j).to_dict() for j in ids),
                ]
                out[f"e {i}"] = [
                    events_page(store, actor=i).to_dict(),
                    events_page(store, actor=i, limit=1, offset=1).to_dict(),
                    events_page(store, actor=i, type="accuse", modality="alleged").to_dict(),
                    events_page(store, actor=i, date_to="2021", min_confidence=0.5).to_dict(),
                ]
                # Bounds at each year, month and day the actor's records are dated by.
                dates = {
                    str(r["date"])
                    for r in events_page(store, actor=i).to_dict()["items"]
                    + claims_page(store, speaker=i).to_dict()["items"]
                    if r["date"] and str(r["date"])[:4].isdigit()
                }
                for c in sorted({d[:n] for d in dates for n in (4, 7, 10)} | {"1900"}):
                    out[f"bounds {i} {c}"] = [
                        page.to_dict()
                        for lo, hi in ((c, None), (None, c), (c, c))
                        for page in (
                            events_page(store, actor=i, date_from=lo, date_to=hi),
                            claims_page(store, speaker=i, date_from=lo, date_to=hi),
                        )
                    ]
    return out


def _same_lists(db: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    with read_store(db) as store:
        assert entity_records.lists_usable(store.con)
    new = _lists(db, monkeypatch, by_records=True)
    assert new == _lists(db, monkeypatch, by_records=False)
    return new


def test_claims_and_events_by_actor_read_the_same(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    views = _same_lists(db, monkeypatch)
    assert sum(len(v[0]["items"]) for k, v in views.items() if k.startswith("c ")) >= 2
    assert sum(v[0]["total"] for k, v in views.items() if k.startswith("e ")) >= 4
    mark_wrong(db, "claim", "lat002", "c1")
    merge(db, "Lena Voss", "Ostland")
    _same_lists(db, monkeypatch)


def _actor(views: dict[str, Any], name: str) -> dict[str, Any]:
    found = [v for k, v in views.items() if " " not in k and v["entity"]["name"] == name]
    assert len(found) == 1, name
    return found[0]


def test_written_at_resolution_and_read_the_same(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    views = _same(db, monkeypatch)
    baranek = _actor(views, "Ivo Baranek")
    (minister,) = [r for r in baranek["roles"] if r["title"].lower() == "minister"]
    assert minister["title"] == "Minister" and minister["of"] == "Carpathia"
    assert minister["n_sources"] == 4 and minister["former"]  # the latest article says former
    ages = {a["value"]: a["as_of"] for a in baranek["attributes"] if a["name"] == "age"}
    # 62 as of the undated article: a value that is not a date sorts after every date.
    assert ages == {61: "2021-03-05", 62: ""}
    assert baranek["n_docs"] == 4 and baranek["n_mentions"] == 8
    with read_store(db) as store:
        for table in entity_summary.TABLES:
            row = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            assert row is not None and row[0] > 0, table


def test_merge_split_and_undo_rewrite_it(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _same(db, monkeypatch)
    merged = merge(db, "Ivo Baranek", "Lena Voss")
    after_merge = _same(db, monkeypatch)
    one = after_merge[merged["entity_id"]]
    assert {r["title"].lower() for r in one["roles"]} >= {"minister", "governor"}
    undo(db, merged["decision"])
    assert _same(db, monkeypatch) == before
    cut = split(db, "Ivo Baranek", "I. Baranek")
    after_split = _same(db, monkeypatch)
    assert after_split[cut["entity_id"]]["n_docs"] < _actor(before, "Ivo Baranek")["n_docs"]
    undo(db, cut["decision"])
    assert _same(db, monkeypatch) == before


def test_not_read_while_resolution_is_pending(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db) as store:
        store.write_batch([_baranek_2022("lat005", "2023")], [])
        assert not entity_summary.usable(store.con)
        found = dossier_module.find_entity(store, "Ivo Baranek")
        assert not dossier_summary.usable(store, found)
        pending = dossier(store, "Ivo Baranek").to_dict()
    assert pending["n_docs"] == 4  # the new article is linked at the next resolution
    resolve(db)
    assert _actor(_same(db, monkeypatch), "Ivo Baranek")["n_docs"] == 5


def test_rebuild_of_some_actors_equals_a_full_rebuild(db: str) -> None:
    """``rebuild(con, ids)`` (what incremental resolution calls) rewrites those actors only."""

    def tables(con: Any) -> dict[str, list[Any]]:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}

    TABLES = ("entity_records", "entity_mentions", *entity_summary.TABLES)
    with Store(db) as store:
        full = tables(store.con)
        some = [r[0] for r in store.con.execute("SELECT id FROM canonical_entities").fetchall()][:2]
        for t in TABLES:
            store.con.execute(f"DELETE FROM {t} WHERE canonical_id = ?", [some[0]])
        from newsgraph.store import entity_records

        entity_records.rebuild(store.con, some)
        assert tables(store.con) == full


def test_a_rebuild_of_some_actors_on_an_older_table_rewrites_all(db: str) -> None:
    """Rows written by an older version (or none) cannot be patched per actor: all are rewritten."""
    from newsgraph.store import entity_records

    with Store(db) as store:
        con = store.con
        full = con.execute("SELECT count(*) FROM entity_records").fetchone()
        some = con.execute("SELECT min(id) FROM canonical_entities").fetchone()
        assert full is not None and some is not None
        con.execute("DELETE FROM entity_records")
        con.execute("DELETE FROM doc_actors")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'entity_records'")
        con.execute("UPDATE meta SET value = '0' WHERE key = 'entity_summary'")
        entity_records.rebuild(con, [some[0]])
        assert con.execute("SELECT count(*) FROM entity_records").fetchone() == full
        n = con.execute("SELECT count(DISTINCT canonical_id) FROM doc_actors").fetchone()
        ids = con.execute("SELECT count(*) FROM canonical_entities").fetchone()
        assert n is not None and ids is not None and n[0] > 1 and n[0] <= ids[0]
        assert entity_records.lists_usable(con) and entity_summary.usable(con)


def test_an_update_of_some_articles_rebuilds_the_same_attributes(db: str) -> None:
    """``rebuild(con, ids, docs)`` updates an actor's attribute rows from the stored ones and the
    statements of ``docs`` (recomputing the actor when its latest ``as_of`` is in ``docs``):
    with nothing changed, each article taken as the changed one leaves the table as it was."""
    query = "SELECT * FROM entity_attributes ORDER BY ALL"
    with Store(db) as store:
        con = store.con
        full = con.execute(query).fetchall()
        ids = [r[0] for r in con.execute("SELECT id FROM canonical_entities").fetchall()]
        docs = [r[0] for r in con.execute("SELECT DISTINCT doc_id FROM entity_links").fetchall()]
        assert full and any(len(r[6]) > 1 for r in full)  # some group has several statements
        for doc in docs:
            entity_summary.rebuild(con, ids, [doc])
            assert con.execute(query).fetchall() == full, doc
        # An article loses the statement of a group's latest ``as_of``: the group is recomputed.
        at = next(r[5] for r in full if r[3] > 1)
        con.execute(
            "UPDATE entities SET attributes = '{}' WHERE doc_id = ? AND id = ?", [at["d"], at["e"]]
        )
        entity_summary.rebuild(con, ids, [at["d"]])
        updated = con.execute(query).fetchall()
        entity_summary.rebuild(con)
        assert updated == con.execute(query).fetchall() != full
        # Every article changed: the stored rows (here with a statement twice) are not kept.
        fresh = con.execute(query).fetchall()
        con.execute("UPDATE entity_attributes SET sources = [sources[1]] || sources")
        entity_summary.rebuild(con, ids, docs)
        assert con.execute(query).fetchall() == fresh

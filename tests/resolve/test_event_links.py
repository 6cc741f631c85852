"""Cross-article event linking over a hand-filled store."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.resolve.events import link_events
from newsgraph.store import Store


def _event(
    con,
    doc: str,
    eid: str,
    etype: str,
    date: dict,
    src: list[str],
    tgt: list[str],
    modality: str = "occurred",
) -> None:  # type: ignore[no-untyped-def]
    con.execute(
        "INSERT INTO events (doc_id, id, type, mode, date, source, target, modality) "
        "VALUES (?, ?, ?, NULL, ?, ?, ?, ?)",
        [doc, eid, etype, json.dumps(date), json.dumps(src), json.dumps(tgt), modality],
    )


def test_same_event_in_two_articles_is_one_cluster(tmp_path: Path) -> None:
    with Store(tmp_path / "t.duckdb") as store:
        con = store.con
        for doc, date in (("d1", "2024-09-17"), ("d2", "2024-09-20"), ("d3", "2024-09-20")):
            con.execute(
                "INSERT INTO documents (id, date, date_precision, text, result, ingested_at) "
                "VALUES (?, ?, 'day', '', '{}', current_timestamp)",
                [doc, date],
            )
        for doc in ("d1", "d2", "d3"):
            con.execute(
                "INSERT INTO entity_links (doc_id, entity_id, canonical_id) "
                "VALUES (?, 'e1', 'C-GGL'), (?, 'e2', 'C-AMLO')",
                [doc, doc],
            )
        _event(
            con, "d1", "ev1", "SANCTION", {"value": "2023-02", "granularity": "month"}, [], ["e1"]
        )
        _event(
            con, "d2", "ev1", "SANCTION", {"value": "2023-02-21", "granularity": "day"}, [], ["e1"]
        )
        _event(
            con,
            "d3",
            "ev1",
            "SANCTION",
            {"value": "2024-10-09", "granularity": "day"},
            [],
            ["e1"],
            "scheduled",
        )
        _event(
            con,
            "d3",
            "ev2",
            "ACCUSE",
            {"value": "2024-09-20", "granularity": "day", "anchor": "doc"},
            ["e1"],
            ["e2"],
        )
        _event(
            con,
            "d1",
            "ev2",
            "ACCUSE",
            {"value": "2024-09-13", "granularity": "day"},
            ["e1"],
            ["e2"],
        )
        n = link_events(store)
        rows = {
            (d, e): c
            for d, e, c in con.execute(
                "SELECT doc_id, event_id, cluster_id FROM event_links"
            ).fetchall()
        }
        assert n == 3
        assert rows[("d1", "ev1")] == rows[("d2", "ev1")] != rows[("d3", "ev1")]
        assert rows[("d1", "ev2")] == rows[("d3", "ev2")]
        # Re-running gives the same cluster ids.
        link_events(store)
        again = {
            (d, e): c
            for d, e, c in con.execute(
                "SELECT doc_id, event_id, cluster_id FROM event_links"
            ).fetchall()
        }
        assert again == rows


def test_find_events_filters_by_type_date_and_reports_clusters(tmp_path: Path) -> None:
    from newsgraph.query.events import find_events

    with Store(tmp_path / "q.duckdb") as store:
        con = store.con
        for doc in ("d1", "d2"):
            con.execute(
                "INSERT INTO documents (id, date, date_precision, text, result, ingested_at) "
                "VALUES (?, '2024-09-17', 'day', 'He was convicted.', '{}', current_timestamp)",
                [doc],
            )
            con.execute(
                "INSERT INTO entity_links (doc_id, entity_id, canonical_id) VALUES (?, 'e1', 'C1')",
                [doc],
            )
            con.execute(
                "INSERT INTO entities (doc_id, id, name, type) "
                "VALUES (?, 'e1', 'Genaro García Luna', 'PERSON')",
                [doc],
            )
        _event(
            con, "d1", "ev1", "SANCTION", {"value": "2023-02", "granularity": "month"}, [], ["e1"]
        )
        _event(
            con, "d2", "ev1", "SANCTION", {"value": "2023-02", "granularity": "month"}, [], ["e1"]
        )
        con.execute(
            "UPDATE events SET timex = 't1', trigger_start = 7, trigger_end = 16, "
            "sentence_start = 0, sentence_end = 17"
        )
        link_events(store)
        rows = find_events(store, type="sanction", date_from="2023", date_to="2023-12")
        assert [r.targets for r in rows] == [["Genaro García Luna"], ["Genaro García Luna"]]
        assert rows[0].reports == 2 and rows[0].trigger == "convicted"
        assert find_events(store, type="ACCUSE") == []
        assert find_events(store, date_from="2024") == []

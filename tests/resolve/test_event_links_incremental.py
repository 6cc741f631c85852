"""Incremental event linking gives the same ``event_links`` as a full relink.

Synthetic stores (records we generate, no article text): articles arrive in batches; one store is
relinked incrementally after each batch, another in full, and their links must be equal. Then the
canonical actors change (a merge, a move) and events are marked wrong or un-marked, with the same
comparison. The node/bucket clustering is also checked against the plain definition (connected
groups of ``same_event`` over every pair of reports from different articles).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from newsgraph.resolve.events import LinkedEvent, clusters, link_events, same_event
from newsgraph.store import Store

TYPES = ("ASSAULT", "ACCUSE", "SANCTION")
MODES = (None, None, "arrest", "convict")
MODALITIES = ("occurred", "occurred", "alleged", "scheduled", "negated")
DOC_DATES = ("2023-02-21", "2023-02-25", "2023-03-02", "2023-03", "2023")
EVENT_DATES = ("2023", "2023-02", "2023-02-21", "2023-03", "2023-03-02", "2022-12-30")
CANONICALS = ("C-Ostland", "C-Lagonia", "C-Vell", "C-Brandt", "C-Quill")


def _doc(rng: random.Random, n: int) -> tuple[str, list[list[object]], list[list[object]], str]:
    """One synthetic article: its id, entity_links rows, events rows, date."""
    doc = f"d{n:04d}{rng.choice('abcdef')}"
    date = rng.choice(DOC_DATES)
    links = [[doc, f"e{k}", rng.choice(CANONICALS)] for k in range(1, 4)]
    events = []
    for k in range(rng.randint(0, 3)):
        timex = rng.random() < 0.4
        value = rng.choice(EVENT_DATES) if timex else date
        when = {"value": value} if rng.random() < 0.9 else {}
        src = rng.sample(["e1", "e2", "e3", "e4"], rng.randint(0, 2))  # e4 has no canonical
        tgt = rng.sample(["e1", "e2", "e3"], rng.randint(0, 1))
        events.append(
            [
                doc,
                f"v{k}",
                rng.choice(TYPES),
                rng.choice(MODES),
                json.dumps(when),
                json.dumps(src),
                json.dumps(tgt),
                rng.choice(MODALITIES),
                "t1" if timex else None,
            ]
        )
    return doc, links, events, date


def _add(stores: list[Store], docs: list[tuple[str, list, list, str]]) -> None:  # type: ignore[type-arg]
    for store in stores:
        for doc, links, events, date in docs:
            store.con.execute(
                "INSERT INTO documents (id, date, date_precision, text, result, ingested_at) "
                "VALUES (?, ?, 'day', '', '{}', current_timestamp)",
                [doc, date],
            )
            store.con.executemany(
                "INSERT INTO entity_links (doc_id, entity_id, canonical_id) VALUES (?, ?, ?)",
                links,
            )
            if events:
                store.con.executemany(
                    "INSERT INTO events (doc_id, id, type, mode, date, source, target, modality, "
                    "timex) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    events,
                )


def _links(store: Store) -> dict[tuple[str, str], tuple[str, str]]:
    sql = "SELECT doc_id, event_id, cluster_id, rule FROM event_links"
    rows = store.con.execute(sql).fetchall()
    out = {(d, e): (c, r) for d, e, c, r in rows}
    assert len(out) == len(rows), "one row per event"
    return out


def _both(stores: list[Store], sql: str, params: list[object] | None = None) -> None:
    for store in stores:
        store.con.execute(sql, params or [])


def test_incremental_batches_and_changes_match_a_full_relink(tmp_path: Path) -> None:
    rng = random.Random(15)
    with Store(tmp_path / "inc.duckdb") as inc, Store(tmp_path / "full.duckdb") as full:
        stores = [inc, full]
        n = 0
        for size in (1, 7, 30, 2, 25, 40):
            _add(stores, [_doc(rng, n + i) for i in range(size)])
            n += size
            link_events(inc, changed_canonicals=set())
            link_events(full)
            assert _links(inc) == _links(full)
        multi = sum(1 for _c, r in _links(full).values() if r != "single")
        assert multi > 20, "the synthetic store links events across articles"

        # A merge of two canonical actors, and an entity moved from one to another.
        _both(
            stores, "UPDATE entity_links SET canonical_id = 'C-Vell' WHERE canonical_id = 'C-Quill'"
        )
        moved = full.con.execute(
            "SELECT doc_id FROM entity_links WHERE canonical_id = 'C-Ostland' ORDER BY doc_id"
        ).fetchall()[:5]
        for (doc,) in moved:
            _both(
                stores,
                "UPDATE entity_links SET canonical_id = 'C-Freedonia' "
                "WHERE doc_id = ? AND canonical_id = 'C-Ostland'",
                [doc],
            )
        before = _links(inc)
        link_events(inc, changed_canonicals={"C-Vell", "C-Quill", "C-Ostland", "C-Freedonia"})
        link_events(full)
        assert _links(inc) == _links(full)
        assert _links(inc) != before, "the change relinked something"

        # Marked wrong, then one of them un-marked: links follow, without a full relink.
        linked = sorted(k for k, (_c, r) in _links(full).items() if r != "single")[:3]
        for i, (doc, ev) in enumerate(linked):
            _both(
                stores,
                "INSERT INTO decisions (id, kind, a, b, note, created_at) "
                "VALUES (?, 'wrong_event', ?, '', NULL, current_timestamp)",
                [f"w{i}", f"{doc}/{ev}"],
            )
        link_events(inc, changed_canonicals=set())
        link_events(full)
        assert _links(inc) == _links(full)
        assert not set(linked) & set(_links(inc))
        _both(stores, "DELETE FROM decisions WHERE id = 'w0'")
        link_events(inc, changed_canonicals=set())
        link_events(full)
        assert _links(inc) == _links(full) and linked[0] in _links(inc)


def test_an_unchanged_update_rewrites_nothing(tmp_path: Path) -> None:
    rng = random.Random(3)
    with Store(tmp_path / "s.duckdb") as store:
        _add([store], [_doc(rng, i) for i in range(30)])
        link_events(store)
        before = _links(store)
        store.con.execute("UPDATE event_links SET rule = 'kept'")
        link_events(store, changed_canonicals=set())
        assert {k: c for k, (c, _r) in _links(store).items()} == {
            k: c for k, (c, _r) in before.items()
        }
        assert {r for _c, r in _links(store).values()} == {"kept"}


def _event(doc: str, n: int, rng: random.Random) -> LinkedEvent:
    anchored = rng.random() < 0.6
    doc_date = rng.choice(DOC_DATES)
    return LinkedEvent(
        doc_id=doc,
        id=f"v{n}",
        type=rng.choice(TYPES[:2]),
        mode=rng.choice(MODES),
        modality=rng.choice(MODALITIES),
        date=None if rng.random() < 0.1 else (doc_date if anchored else rng.choice(EVENT_DATES)),
        doc_anchored=anchored,
        doc_date=doc_date,
        sources=frozenset(rng.sample(CANONICALS[:3], rng.randint(0, 2))),
        targets=frozenset(rng.sample(CANONICALS[2:], rng.randint(0, 1))),
    )


def _plain(events: list[LinkedEvent]) -> set[frozenset[tuple[str, str]]]:
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(events):
        for j in range(i):
            if a.doc_id != events[j].doc_id and same_event(a, events[j]):
                parent[find(i)] = find(j)
    groups: dict[int, set[tuple[str, str]]] = {}
    for i, ev in enumerate(events):
        groups.setdefault(find(i), set()).add(ev.key)
    return {frozenset(g) for g in groups.values()}


def test_clusters_are_the_connected_groups_of_same_event() -> None:
    for seed in range(40):
        rng = random.Random(seed)
        # Few articles, so that reports repeat within one article too.
        events = [_event(f"d{rng.randint(0, 12)}", n, rng) for n in range(rng.randint(5, 90))]
        got = {frozenset(ev.key for ev in group) for group in clusters(events)}
        assert got == _plain(events), seed

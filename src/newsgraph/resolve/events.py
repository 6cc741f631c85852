"""Cross-article event linking: the same real-world event reported by several articles becomes
one cluster in ``event_links``, so that counts are of events, not of reports.

Two reported events are linked when they have the same PLOVER type, compatible modes, the same
kind of modality (past, scheduled, hypothetical, negated), compatible dates (one date a prefix of
the other: "2023-02" and "2023-02-21"; a date that only fell back to the article date is
compatible with any date up to it) and they share a canonical actor (via ``entity_links``) with
no conflicting actor on the same side. Clusters are formed by union-find over candidate pairs
found through a (type, canonical actor) index, so work grows with the events per actor, not with
the square of all events. Cluster ids are derived from the earliest member, so they stay stable
across re-runs.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from newsgraph.model.data import modality_groups
from newsgraph.store import Store
from newsgraph.store.reader import json_value

MODALITY_GROUP = modality_groups()

RULE = "type+actor+date.v1"


@dataclass
class LinkedEvent:
    doc_id: str
    id: str
    type: str
    mode: str | None
    modality: str
    date: str | None
    doc_anchored: bool
    doc_date: str
    sources: frozenset[str]
    targets: frozenset[str]

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc_id, self.id)


def _loads(value: Any, default: Any) -> Any:
    return json_value(value, default)


def _load(store: Store) -> list[LinkedEvent]:
    canon: dict[tuple[str, str], str] = {
        (d, e): c
        for d, e, c in store.con.execute(
            "SELECT doc_id, entity_id, canonical_id FROM entity_links"
        ).fetchall()
    }
    rows = store.con.execute(
        "SELECT e.doc_id, e.id, e.type, e.mode, e.modality, e.date, e.source, e.target, d.date, "
        "e.timex "
        "FROM events e JOIN documents d ON d.id = e.doc_id "
        # An event a person marked wrong reports nothing (resolve.decisions, kind wrong_event).
        "WHERE NOT EXISTS (SELECT 1 FROM decisions w WHERE w.kind = 'wrong_event' "
        "AND w.a = e.doc_id || '/' || e.id) "
        "ORDER BY e.doc_id, e.id"
    ).fetchall()
    out = []
    for doc_id, eid, etype, mode, modality, date, src, tgt, doc_date, timex in rows:
        dref = _loads(date, {}) or {}

        def ids(value: Any, doc: str = doc_id) -> frozenset[str]:
            return frozenset(canon.get((doc, x), f"{doc}:{x}") for x in _loads(value, []) or [])

        out.append(
            LinkedEvent(
                doc_id=doc_id,
                id=eid,
                type=etype,
                mode=mode,
                modality=modality or "occurred",
                date=dref.get("value"),
                doc_anchored=timex is None,
                doc_date=str(doc_date or ""),
                sources=ids(src),
                targets=ids(tgt),
            )
        )
    return out


def _dates_compatible(a: LinkedEvent, b: LinkedEvent) -> bool:
    if a.date is None or b.date is None:
        return True
    if a.doc_anchored and b.doc_anchored:
        return True
    if a.doc_anchored:
        return b.date[: len(a.doc_date)] <= a.doc_date
    if b.doc_anchored:
        return a.date[: len(b.doc_date)] <= b.doc_date
    return a.date.startswith(b.date) or b.date.startswith(a.date)


def same_event(a: LinkedEvent, b: LinkedEvent) -> bool:
    """Whether two reported events are one real-world event (see the module docstring)."""
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode):
        return False
    if MODALITY_GROUP.get(a.modality) != MODALITY_GROUP.get(b.modality) or not _dates_compatible(
        a, b
    ):
        return False
    if a.sources and b.sources and not a.sources & b.sources:
        return False
    if a.targets and b.targets and not a.targets & b.targets:
        return False
    return bool(a.sources & b.sources or a.targets & b.targets)


def clusters(events: list[LinkedEvent]) -> list[list[LinkedEvent]]:
    """Groups of events that report the same event (singletons included)."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        for actor in ev.sources | ev.targets:
            index[(ev.type, actor)].append(i)
    for members in index.values():
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                if (
                    events[i].doc_id != events[j].doc_id
                    and find(i) != find(j)
                    and same_event(events[i], events[j])
                ):
                    parent[find(j)] = find(i)
    groups: dict[int, list[LinkedEvent]] = defaultdict(list)
    for i, ev in enumerate(events):
        groups[find(i)].append(ev)
    return list(groups.values())


def cluster_id(members: list[LinkedEvent]) -> str:
    first = min(m.key for m in members)
    return "evc_" + hashlib.sha1(f"{first[0]}/{first[1]}".encode()).hexdigest()[:12]


def link_events(store: Store) -> int:
    """Rebuild ``event_links`` from the stored events; returns the number of event clusters.

    The rows go in as one registered relation (``INSERT … SELECT``), not row by row: DuckDB's
    ``executemany`` costs about a millisecond a row, which made linking most of an ingest's
    rebuild on a large store."""
    groups = clusters(_load(store))
    cols: dict[str, list[str]] = {"doc_id": [], "event_id": [], "cluster_id": [], "rule": []}
    for members in groups:
        cid = cluster_id(members)
        rule = RULE if len(members) > 1 else "single"
        for m in members:
            cols["doc_id"].append(m.doc_id)
            cols["event_id"].append(m.id)
            cols["cluster_id"].append(cid)
            cols["rule"].append(rule)
    rows = {k: np.array(v, dtype=object) for k, v in cols.items()}
    with store.transaction() as con:
        con.execute("DELETE FROM event_links")
        if cols["doc_id"]:
            con.register("_ng_event_links", rows)
            try:
                con.execute(
                    "INSERT INTO event_links (doc_id, event_id, cluster_id, rule) "
                    "SELECT doc_id, event_id, cluster_id, rule FROM _ng_event_links"
                )
            finally:
                con.unregister("_ng_event_links")
    return len(groups)

"""Incremental resolution: recluster only the blocking components new evidence touches.

"New" is read from the data: doc-level entities without an ``entity_links`` row (a killed run
leaves its entities unlinked, and the next run picks them up), and merge/split decisions that
differ from those the links reflect (``resolve_decisions``). Then:

1. the new entities' articles are loaded whole and keyed (:mod:`newsgraph.resolve.blocking`);
2. the stored components sharing a key with them (one side owning it) or holding an anchor of a
   changed decision are looked up in ``resolve_keys``, and only their entities are loaded;
3. those entities and the new ones are clustered together (their components are recomputed: new
   entities join components, an undone merge splits one), with the other entities of their
   articles as story context (``outside``);
4. their links, canonical entities, index rows and ``entity_records`` are rewritten in one
   transaction, writing only the rows that differ from the stored ones.

Every rule looks only inside a component, and a component's label and canonical ids depend only
on its members, so the tables equal a full rebuild's. Memory holds the touched components only.
Returns None (the caller then rebuilds in full) when the store has no current index, when a link
points at a missing entity, or when an article is partly linked.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

import duckdb
import numpy as np

from newsgraph import faults
from newsgraph.resolve import index
from newsgraph.resolve.blocking import all_keys
from newsgraph.resolve.decisions import load_decisions, reanchor_wrong
from newsgraph.resolve.model import DocEntity, profile
from newsgraph.resolve.run import ResolveStats, by_doc, cluster, fill, load_entities, write
from newsgraph.store import entity_records


@contextlib.contextmanager
def _registered(con: duckdb.DuckDBPyConnection, name: str, data: Any) -> Iterator[str]:
    con.register(name, data)
    try:
        yield name
    finally:
        with contextlib.suppress(duckdb.Error):
            con.unregister(name)


def _pairs(rows: list[tuple[str, str]]) -> dict[str, Any]:
    obj: Any = object
    return {
        "doc_id": np.array([r[0] for r in rows], dtype=obj),
        "entity_id": np.array([r[1] for r in rows], dtype=obj),
    }


def resolve_incremental(con: duckdb.DuckDBPyConnection) -> ResolveStats | None:
    if not index.current(con):
        return None
    stale = con.execute(
        "SELECT count(*) FROM entity_links l ANTI JOIN entities e "
        "ON e.doc_id = l.doc_id AND e.id = l.entity_id"
    ).fetchone()
    if stale and stale[0]:
        return None
    stats = ResolveStats(mode="incremental")
    t0 = time.perf_counter()
    new_rows = con.execute(
        "SELECT e.doc_id, e.id FROM entities e ANTI JOIN entity_links l "
        "ON l.doc_id = e.doc_id AND l.entity_id = e.id"
    ).fetchall()
    new_docs = sorted({d for d, _ in new_rows})
    if new_docs:
        partly = con.execute(
            "SELECT count(*) FROM entity_links WHERE doc_id IN (SELECT unnest(?))", [new_docs]
        ).fetchone()
        if partly and partly[0]:
            return None
    reanchor_wrong(con)
    decisions = load_decisions(con)
    now = index.entity_decisions(decisions)
    before = index.applied_decisions(con)
    touched = {x for _, kind, a, b in now ^ before for x in ((a, b) if kind == "merge" else (a,))}
    arrived = {f"{d}/{e}" for d, e in new_rows}
    for _, kind, a, b in now:  # a merge whose anchor has just arrived joins the other's component
        if kind == "merge" and (a in arrived or b in arrived):
            touched.update((a, b))
    touched_anchors = sorted(touched - arrived)
    if not new_rows and not touched_anchors:
        stats.seconds = {"load": time.perf_counter() - t0, "cluster": 0.0, "write": 0.0}
        return stats

    # 1. the new entities, keyed
    with _registered(con, "_ng_new", _pairs(new_rows)) as sel:
        fresh = load_entities(con, sel) if new_rows else []
    profiles = [profile(e) for e in fresh]
    fresh_keys = all_keys(fresh, profiles, by_doc(fresh))

    # 2. the stored components they touch
    distinct: dict[int, bool] = {}
    for ks in fresh_keys:
        for k, own in ks.items():
            distinct[k] = distinct.get(k, False) or own
    labels: set[str] = set()
    if distinct:
        rows = {
            "key": np.array(list(distinct), dtype=np.int64),
            "own": np.array(list(distinct.values()), dtype=bool),
        }
        with _registered(con, "_ng_newkeys", rows):
            labels.update(
                str(r[0])
                for r in con.execute(
                    "SELECT DISTINCT k.component FROM resolve_keys k JOIN _ng_newkeys n "
                    "ON k.key = n.key WHERE k.own OR n.own"
                ).fetchall()
            )
    if touched_anchors:
        pairs = [tuple(a.rsplit("/", 1)) for a in touched_anchors if "/" in a]
        with _registered(con, "_ng_anchor", _pairs(pairs)):  # type: ignore[arg-type]
            labels.update(
                str(r[0])
                for r in con.execute(
                    "SELECT DISTINCT k.component FROM resolve_keys k JOIN _ng_anchor a "
                    "ON a.doc_id = k.doc_id AND a.entity_id = k.entity_id"
                ).fetchall()
            )
    comp_rows = {"component": np.array(sorted(labels), dtype=object)}
    with _registered(con, "_ng_comp", comp_rows) as comps:
        key_rows = con.execute(
            f"SELECT doc_id, entity_id, key, own FROM resolve_keys "
            f"WHERE component IN (SELECT component FROM {comps})"
        ).fetchall()
        old_keys: dict[tuple[str, str], dict[int, bool]] = {}
        for doc_id, eid, key, own in key_rows:
            ks = old_keys.setdefault((doc_id, eid), {})
            if key is not None:
                ks[int(key)] = bool(own)
        del key_rows
        old_sel = sorted(old_keys)
        with _registered(con, "_ng_old", _pairs(old_sel)) as osel:  # type: ignore[arg-type]
            old = load_entities(con, osel) if old_sel else []
        stats.new = len(fresh)

        # 3. cluster the touched components with the new entities
        merged = sorted(
            [(e, old_keys[(e.doc_id, e.entity_id)]) for e in old]
            + list(zip(fresh, fresh_keys, strict=True)),
            key=lambda x: (x[0].doc_id, x[0].entity_id),
        )
        entities = [e for e, _ in merged]
        keys = [k for _, k in merged]
        del merged, old, fresh, old_keys
        outside = _outside(con, entities)
        t1 = time.perf_counter()
        result = cluster(entities, decisions, keys, outside)
        t2 = time.perf_counter()

        # 4. write
        anchors = [(e.doc_id, e.entity_id) for e in entities]
        with _registered(con, "_ng_sel", _pairs(anchors)) as every:  # type: ignore[arg-type]
            con.execute("BEGIN TRANSACTION")
            try:
                changes = write(con, entities, result.canonicals, result.links, replace=every)
                stats.changed = changes.canonicals
                index.write(
                    con,
                    index.key_rows(
                        anchors,
                        [f"{anchors[c][0]}/{anchors[c][1]}" for c in result.comp],
                        result.keys,
                    ),
                    now,
                    replace_components=comps,
                )
                # Only the actors whose members changed, and the articles of those members.
                entity_records.rebuild(con, ids=stats.changed, docs=changes.docs)
                faults.point("resolve-written")
                con.execute("COMMIT")
            except duckdb.ConstraintException:
                # A canonical id already held outside these components: cannot happen while
                # every name a group may take is a blocking key; rebuild in full if it does.
                con.execute("ROLLBACK")
                return None
            except BaseException:
                con.execute("ROLLBACK")
                raise
    t3 = time.perf_counter()
    fill(stats, entities, result)
    stats.seconds = {"load": t1 - t0, "cluster": t2 - t1, "write": t3 - t2}
    return stats


def _outside(
    con: duckdb.DuckDBPyConnection, entities: list[DocEntity]
) -> dict[str, list[tuple[str, str]]]:
    """Per article of ``entities``, the (type, name) of its entities not among them."""
    anchors = [(e.doc_id, e.entity_id) for e in entities]
    docs = {"doc_id": np.array(sorted({e.doc_id for e in entities}), dtype=object)}
    out: dict[str, list[tuple[str, str]]] = {}
    with (
        _registered(con, "_ng_in", _pairs(anchors)),  # type: ignore[arg-type]
        _registered(con, "_ng_docs", docs),
    ):
        rows = con.execute(
            "SELECT e.doc_id, e.name, e.type FROM entities e "
            "SEMI JOIN _ng_docs d ON d.doc_id = e.doc_id "
            "ANTI JOIN _ng_in i ON i.doc_id = e.doc_id AND i.entity_id = e.id"
        ).fetchall()
    for doc_id, name, etype in rows:
        out.setdefault(doc_id, []).append((etype or "", name or ""))
    return out

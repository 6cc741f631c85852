"""Incremental resolution: recluster only the blocking components new evidence touches.

"New" is read from the data: doc-level entities without an ``entity_links`` row (a killed run
leaves its entities unlinked, and the next run picks them up), and merge/split decisions that
differ from those the links reflect (``resolve_decisions``). Then:

1. the new entities' articles are loaded whole and keyed (:mod:`newsgraph.resolve.blocking`);
2. the stored components sharing a key with them (one side owning it) or holding an anchor of a
   changed decision are looked up in ``resolve_keys``, and only their entities are loaded;
3. those entities and the new ones are clustered together, with the other entities of their
   articles as story context (``outside``); new entities join components, and when a decision
   changed the components are recomputed from the keys (an undone merge splits one), else each
   unit is one component (:func:`~newsgraph.resolve.components.unit_components`);
4. their links, canonical entities, index rows and ``entity_records`` are rewritten in one
   transaction, writing only the rows that differ from the stored ones.

Every rule looks only inside a component, and a component's label and canonical ids depend only
on its members, so the tables equal a full rebuild's. Memory holds the touched components only.
Returns None (the caller then rebuilds in full) when the store has no current index, when a link
points at a missing entity, or when an article is partly linked.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import duckdb
import numpy as np

from newsgraph import faults
from newsgraph.resolve import index, texts
from newsgraph.resolve.blocking import all_keys
from newsgraph.resolve.components import unit_components
from newsgraph.resolve.decisions import load_decisions, reanchor_wrong
from newsgraph.resolve.model import DocEntity, profile
from newsgraph.resolve.run import Changes, ResolveStats, by_doc, cluster, load_entities, write
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
    texts.fill(con)  # the text hashes of the articles ingested since (copies share one)
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

    # 2. the stored components they touch, in independent units
    units = _units(con, fresh, fresh_keys, touched_anchors, now)
    # With the decisions as the index reflects them, each unit is exactly one component: the
    # stored components it holds (their keys and decision edges are as when they were written)
    # joined by the new entities. Their components need not be recomputed from every key.
    exact = not touched
    stats.new = len(fresh)
    loaded = clustered = 0.0
    changes = Changes(set(), set())
    rules: Counter[str] = Counter()
    t1 = time.perf_counter()
    # 3. cluster the touched components with the new entities, a chunk of units at a time
    #    (memory holds one chunk), and 4. write them, all in one transaction
    con.execute("BEGIN TRANSACTION")
    try:
        for chunk in _chunks(con, units):
            c0 = time.perf_counter()
            labels = [x for unit_labels, _ in chunk for x in unit_labels]
            members = [i for _, unit_members in chunk for i in unit_members]
            entities, keys, stored = _load_chunk(
                con,
                labels,
                [fresh[i] for i in members],
                [fresh_keys[i] for i in members],
                with_keys=not exact,
            )
            anchors = [(e.doc_id, e.entity_id) for e in entities]
            comp = unit_components(anchors, stored, chunk, fresh) if exact else None
            outside = functools.partial(_outside, con, entities)
            c1 = time.perf_counter()
            result = cluster(entities, decisions, keys, outside, comp)
            c2 = time.perf_counter()
            loaded += c1 - c0
            clustered += c2 - c1
            comp_of = [f"{anchors[c][0]}/{anchors[c][1]}" for c in result.comp]
            # An entity's keys depend on its article only: its index rows change only when its
            # component label does (a new entity has none yet). Rows of an entity no longer
            # stored go too (never happens: articles are not deleted).
            was = [stored.pop(a, None) for a in anchors]
            moved = [i for i, label in enumerate(was) if label != comp_of[i]]
            if exact:  # the keys of the stored entities that moved, read only now
                found = index.stored_keys(con, [anchors[i] for i in moved if was[i] is not None])
                keys = [found.get(a, k) for a, k in zip(anchors, keys, strict=True)]
            with (
                _registered(con, "_ng_sel", _pairs(anchors)) as every,  # type: ignore[arg-type]
                _registered(
                    con,
                    "_ng_moved",
                    _pairs([anchors[i] for i in moved] + sorted(stored)),  # type: ignore[arg-type]
                ) as moved_rel,
            ):
                done = write(con, entities, result.canonicals, result.links, replace=every)
                index.write(
                    con,
                    index.key_rows(
                        [anchors[i] for i in moved],
                        [comp_of[i] for i in moved],
                        [keys[i] for i in moved],
                    ),
                    now,
                    replace_entities=moved_rel,
                )
            changes.canonicals.update(done.canonicals)
            changes.docs.update(done.docs)
            stats.entities += len(entities)
            stats.canonical += len(result.canonicals)
            stats.linked += sum(len(c.members) for c in result.canonicals if len(c.members) > 1)
            stats.decisions += result.decisions
            stats.components += len(set(result.comp))
            rules.update(link.rule if link else "seed" for link in result.links)
            del entities, keys, result, outside, comp
        if not stats.entities:  # nothing to recluster: still record the decisions seen
            index.write_decisions(con, now)
        stats.changed = changes.canonicals
        # Only the actors whose members changed, and the articles of those members.
        entity_records.rebuild(con, ids=changes.canonicals, docs=changes.docs)
        faults.point("resolve-written")
        con.execute("COMMIT")
    except duckdb.ConstraintException:
        # A canonical id already held outside these components: cannot happen while every name
        # a group may take is a blocking key; rebuild in full if it does.
        con.execute("ROLLBACK")
        return None
    except BaseException:
        con.execute("ROLLBACK")
        raise
    t3 = time.perf_counter()
    stats.rules = dict(rules)
    write_s = t3 - t1 - loaded - clustered
    stats.seconds = {"load": t1 - t0 + loaded, "cluster": clustered, "write": write_s}
    return stats


# Doc-level entities reclustered at a time: units (components joined by the new entities) are
# packed into chunks of about this size, so memory holds one chunk, not every touched component.
CHUNK = 40_000


def _units(
    con: duckdb.DuckDBPyConnection,
    fresh: list[DocEntity],
    fresh_keys: list[dict[int, bool]],
    touched_anchors: list[str],
    now: set[tuple[str, str, str, str]],
) -> list[tuple[list[str], list[int]]]:
    """The stored components to recluster and the new entities, grouped into units that
    cluster independently: (component labels, indices into ``fresh``) each. A new entity joins
    the components it shares a key with (one side owning it) and the new entities it shares a
    key with; a merge decision joins its anchors' units. Units may be larger than the
    components they will form (they are recomputed), never smaller."""
    parent: dict[tuple[str, Any], tuple[str, Any]] = {}

    def find(x: tuple[str, Any]) -> tuple[str, Any]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: tuple[str, Any], b: tuple[str, Any]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    holders: dict[int, list[int]] = {}
    owned: set[int] = set()
    for i, ks in enumerate(fresh_keys):
        find(("F", i))
        for k, own in ks.items():
            holders.setdefault(k, []).append(i)
            if own:
                owned.add(k)
    for k in owned:  # new entities sharing a key one of them owns
        first = holders[k][0]
        for j in holders[k][1:]:
            union(("F", first), ("F", j))
    if holders:
        rows = {
            "key": np.array(list(holders), dtype=np.int64),
            "own": np.array([k in owned for k in holders], dtype=bool),
        }
        with _registered(con, "_ng_newkeys", rows):
            found = con.execute(
                "SELECT k.key, k.component, bool_or(k.own) FROM resolve_keys k "
                "JOIN _ng_newkeys n ON k.key = n.key WHERE k.own OR n.own GROUP BY ALL"
            ).fetchall()
        for key, label, stored_own in found:
            for i in holders[int(key)]:
                if stored_own or fresh_keys[i][int(key)]:
                    union(("F", i), ("L", str(label)))
    where: dict[str, tuple[str, Any]] = {e.key: ("F", i) for i, e in enumerate(fresh)}
    wanted = set(touched_anchors)
    for _, kind, a, b in now:
        if kind == "merge":
            wanted.update((a, b))
    pairs = [tuple(x.rsplit("/", 1)) for x in sorted(wanted - set(where)) if "/" in x]
    if pairs:
        with _registered(con, "_ng_anchor", _pairs(pairs)):  # type: ignore[arg-type]
            for d, e, label in con.execute(
                "SELECT DISTINCT k.doc_id, k.entity_id, k.component FROM resolve_keys k "
                "JOIN _ng_anchor a ON a.doc_id = k.doc_id AND a.entity_id = k.entity_id"
            ).fetchall():
                where[f"{d}/{e}"] = ("L", str(label))
    for x in touched_anchors:  # a changed decision reclusters its anchor's component
        if x in where:
            find(where[x])
    for _, kind, a, b in now:  # both anchors are new or in touched components, or in one
        if kind == "merge" and where.get(a) in parent and where.get(b) in parent:
            union(where[a], where[b])
    groups: dict[tuple[str, Any], tuple[list[str], list[int]]] = {}
    for node in sorted(parent, key=lambda n: (n[0], str(n[1]))):
        labels, members = groups.setdefault(find(node), ([], []))
        if node[0] == "L":
            labels.append(str(node[1]))
        else:
            members.append(int(node[1]))
    return sorted(groups.values(), key=lambda u: (u[0][:1], u[1][:1]))


def _chunks(
    con: duckdb.DuckDBPyConnection, units: list[tuple[list[str], list[int]]]
) -> Iterator[list[tuple[list[str], list[int]]]]:
    """Units packed into chunks of about :data:`CHUNK` doc-level entities (a larger unit is a
    chunk of its own)."""
    labels = sorted({x for u, _ in units for x in u})
    sizes: dict[str, int] = {}
    if labels:
        with _registered(con, "_ng_comp", {"component": np.array(labels, dtype=object)}):
            sizes = {
                str(c): int(n)
                for c, n in con.execute(
                    "SELECT component, count(*) FROM resolve_keys WHERE key IS NULL AND "
                    "component IN (SELECT component FROM _ng_comp) GROUP BY ALL"
                ).fetchall()
            }
    chunk: list[tuple[list[str], list[int]]] = []
    size = 0
    for unit_labels, members in units:
        n = sum(sizes.get(x, 0) for x in unit_labels) + len(members)
        if size and size + n > CHUNK:
            yield chunk
            chunk, size = [], 0
        chunk.append((unit_labels, members))
        size += n
    if chunk:
        yield chunk


def _load_chunk(
    con: duckdb.DuckDBPyConnection,
    labels: list[str],
    fresh: list[DocEntity],
    fresh_keys: list[dict[int, bool]],
    *,
    with_keys: bool = True,
) -> tuple[list[DocEntity], list[dict[int, bool]], dict[tuple[str, str], str]]:
    """The stored entities of the components ``labels`` with their keys, and the new ones,
    sorted by anchor; and the component each indexed entity of ``labels`` is stored in.
    Without ``with_keys`` a stored entity's keys are left empty (not read)."""
    comp_rows = {"component": np.array(sorted(labels), dtype=object)}
    old_keys: dict[tuple[str, str], dict[int, bool]] = {}
    stored: dict[tuple[str, str], str] = {}
    old: list[DocEntity] = []
    if labels:
        with _registered(con, "_ng_comp", comp_rows) as comps:
            if with_keys:
                # One row per entity (its keys as lists): a popular component has ~5 keys per
                # entity.
                key_rows = con.execute(
                    "SELECT doc_id, entity_id, any_value(component) FILTER (key IS NULL), "
                    "list((key, coalesce(own, false))) FILTER (key IS NOT NULL) "
                    f"FROM resolve_keys WHERE component IN (SELECT component FROM {comps}) "
                    "GROUP BY doc_id, entity_id"
                ).fetchall()
            else:  # every indexed entity has one row without a key, naming its component
                key_rows = con.execute(
                    "SELECT doc_id, entity_id, component, NULL FROM resolve_keys "
                    f"WHERE key IS NULL AND component IN (SELECT component FROM {comps})"
                ).fetchall()
        for doc_id, eid, component, ks in key_rows:
            if component is not None:
                stored[(doc_id, eid)] = component
            old_keys[(doc_id, eid)] = dict(ks) if ks else {}
        del key_rows
        old_sel = sorted(old_keys)
        with _registered(con, "_ng_old", _pairs(old_sel)) as osel:  # type: ignore[arg-type]
            old = load_entities(con, osel) if old_sel else []
    merged = sorted(
        [(e, old_keys[(e.doc_id, e.entity_id)]) for e in old]
        + list(zip(fresh, fresh_keys, strict=True)),
        key=lambda x: (x[0].doc_id, x[0].entity_id),
    )
    return [e for e, _ in merged], [k for _, k in merged], stored


def _outside(
    con: duckdb.DuckDBPyConnection, entities: list[DocEntity], wanted: set[str]
) -> dict[str, list[tuple[str, str]]]:
    """Per article of ``wanted`` (articles of ``entities``), the (type, name) of its entities
    not among ``entities``. Story context asks for it, only when it has choices to settle, and
    only for the articles of the groups it compares."""
    if not wanted:
        return {}
    anchors = [(e.doc_id, e.entity_id) for e in entities if e.doc_id in wanted]
    docs = {"doc_id": np.array(sorted(wanted), dtype=object)}
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

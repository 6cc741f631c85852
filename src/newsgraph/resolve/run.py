"""``resolve_store``: canonical_entities, entity_links and entity_records from the store.

Two paths give the same tables (``tests/resolve/test_incremental.py``):

* **full** (:func:`resolve_full`, ``newsgraph resolve --full``): reads every doc-level entity with
  its aliases and name-mention texts, clusters them (:mod:`newsgraph.resolve.cluster`), replays the
  user's decisions (:mod:`newsgraph.resolve.decisions`) and replaces the tables and the blocking
  index (:mod:`newsgraph.resolve.index`) in one transaction;
* **incremental** (:mod:`newsgraph.resolve.incremental`, every ingest and plain ``resolve``): only
  the blocking components that new entities (those without a link) or changed decisions touch.

Both cluster by components (:mod:`newsgraph.resolve.components`): every rule looks only inside
one, so a component's result does not depend on what else is in the store.
"""

from __future__ import annotations

import contextlib
import gc
import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

import duckdb
import numpy as np

from newsgraph import faults
from newsgraph.resolve import index, texts
from newsgraph.resolve.blocking import all_keys
from newsgraph.resolve.canonical import build
from newsgraph.resolve.cluster import Clusterer, Outside
from newsgraph.resolve.components import components
from newsgraph.resolve.decisions import (
    Decision,
    Partition,
    apply_decisions,
    load_decisions,
    reanchor_wrong,
)
from newsgraph.resolve.model import Canonical, DocEntity, Link, Profile, profile
from newsgraph.resolve.normalize import rules
from newsgraph.store import entity_records
from newsgraph.store.sync import sync


class HasConnection(Protocol):
    @property
    def con(self) -> duckdb.DuckDBPyConnection: ...


@dataclass
class ResolveStats:
    entities: int = 0  # doc-level entities (re)clustered
    canonical: int = 0  # canonical entities written
    linked: int = 0  # of those, doc-level entities sharing their canonical entity with another
    decisions: int = 0  # user decisions that changed the result
    rules: dict[str, int] = field(default_factory=dict)  # entity_links written, per rule
    seconds: dict[str, float] = field(default_factory=dict)  # load / cluster / write
    mode: str = "full"  # full | incremental
    new: int = 0  # doc-level entities that had no link
    components: int = 0  # blocking components recomputed
    # Canonical ids whose members changed: created, grown, shrunk, split or removed (what event
    # linking and entity_records need to redo).
    changed: set[str] = field(default_factory=set)


_SELECT = (
    "SELECT e.doc_id, e.id, e.name, e.type, CAST(e.aliases AS VARCHAR), "
    "CAST(e.attributes AS VARCHAR), h.hash FROM entities e {join} "
    "LEFT JOIN resolve_texts h ON h.doc_id = e.doc_id ORDER BY e.doc_id, e.id"
)
_MENTIONS = (
    "SELECT m.doc_id, m.entity, m.text, m.kind, count(*) FROM mentions m {join} "
    "WHERE m.entity IS NOT NULL GROUP BY ALL "
    "ORDER BY m.doc_id, m.entity, min(m.start), m.text, m.kind"
)


@lru_cache(maxsize=100_000)
def _aliases(text: str) -> tuple[str, ...]:
    """The string aliases of a JSON list (cached: the same lists recur in thousands of rows)."""
    return tuple(a for a in json.loads(text) if isinstance(a, str))


@lru_cache(maxsize=100_000)
def _attributes(text: str) -> dict[str, Any]:
    """A JSON object of attributes, decoded once per distinct text (a popular place's
    attributes recur in thousands of rows). Shared between entities: resolution only reads it."""
    value: dict[str, Any] = json.loads(text)
    return value


def load_entities(con: duckdb.DuckDBPyConnection, selection: str | None = None) -> list[DocEntity]:
    """Doc-level entities (all, or those of the registered relation ``selection`` with columns
    ``doc_id, entity_id``) with the name-mention texts (and counts) linked to each, sorted by
    ``doc_id, entity_id``. Forms keep the order of their first mention in the article. Each
    carries its article's text hash from ``resolve_texts``, which the caller has filled
    (:func:`newsgraph.resolve.texts.fill`)."""
    if selection is None:
        join = mjoin = ""
    else:
        join = f"JOIN {selection} s ON s.doc_id = e.doc_id AND s.entity_id = e.id"
        mjoin = f"JOIN {selection} s ON s.doc_id = m.doc_id AND s.entity_id = m.entity"
    rows = con.execute(_SELECT.format(join=join)).fetchall()
    entities: list[DocEntity] = []
    found: dict[tuple[str, str], DocEntity] = {}
    for doc_id, eid, name, etype, aliases, attrs, doc_hash in rows:
        e = DocEntity(
            doc_id=doc_id,
            entity_id=eid,
            name=name or "",
            type=etype or "",
            aliases=list(_aliases(aliases)) if aliases and aliases != "[]" else [],
            attributes=_attributes(attrs) if attrs and attrs != "{}" else {},
            doc_hash=doc_hash or "",
        )
        entities.append(e)
        found[(doc_id, eid)] = e
    name_kinds = rules().name_kinds
    for doc_id, eid, text, kind, n in con.execute(_MENTIONS.format(join=mjoin)).fetchall():
        owner = found.get((doc_id, eid))
        if owner is None:
            continue
        owner.n_mentions += n
        if text and (kind is None or kind in name_kinds):
            owner.forms[text] = owner.forms.get(text, 0) + n
    return entities


def resolve_store(store: HasConnection, *, full: bool = False) -> ResolveStats:
    """Resolve the store's doc-level entities: incrementally (only what new entities or changed
    decisions touch) unless ``full`` or the store has no current blocking index."""
    return resolve_connection(store.con, full=full)


def resolve_connection(con: duckdb.DuckDBPyConnection, *, full: bool = False) -> ResolveStats:
    with without_cycle_collection():
        if not full:
            from newsgraph.resolve.incremental import resolve_incremental

            stats = resolve_incremental(con)
            if stats is not None:
                return stats
        return resolve_full(con)


@contextlib.contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cyclic garbage collector paused while resolving, then as it was.

    Resolution allocates hundreds of thousands of long-lived objects (doc-level entities, their
    rows, forms and profiles: ~143,000 entities when 100 articles join the popular components
    at 100,000 articles), and each 700 allocations start a collection that, as the heap grows,
    walks all of them again: ~1.7 of ~12 CPU s of that update. What resolution frees is freed by
    reference counting; the few cycles it leaves wait for the next collection after it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def by_doc(entities: Sequence[DocEntity]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, e in enumerate(entities):
        out.setdefault(e.doc_id, []).append(i)
    return out


def decision_edges(
    entities: Sequence[DocEntity], decisions: Sequence[Decision]
) -> list[tuple[int, int]]:
    """Pairs of entity indices a merge decision joins (anchors both present)."""
    where = {e.key: i for i, e in enumerate(entities)}
    out = []
    for d in decisions:
        if d.kind == "merge" and d.a in where and d.b in where:
            out.append((where[d.a], where[d.b]))
    return out


class Changes(NamedTuple):
    """What a write changed: canonical ids that gained or lost members, and the articles of
    those members (the rows of ``entity_records`` that depend on the links are per article)."""

    canonicals: set[str]
    docs: set[str]


@dataclass
class Clustered:
    """The result of clustering a set of whole components."""

    profiles: list[Profile]
    keys: list[dict[int, bool]]
    comp: list[int]
    canonicals: list[Canonical]
    links: list[Link | None]
    decisions: int


def cluster(
    entities: Sequence[DocEntity],
    decisions: Sequence[Decision],
    keys: list[dict[int, bool]] | None = None,
    outside: Outside | None = None,
    comp: list[int] | None = None,
) -> Clustered:
    """Cluster ``entities`` (whole components, sorted by anchor) and replay ``decisions``.
    ``keys`` are computed when not given (they need whole articles). ``comp``: the component
    number of each entity when the caller knows it (incremental resolution, from the stored
    components; ``keys`` are then not read); else computed from ``keys`` and ``decisions``."""
    profiles = [profile(e) for e in entities]
    if comp is None:
        if keys is None:
            keys = all_keys(entities, profiles, by_doc(entities))
        comp = components(len(entities), keys, decision_edges(entities, decisions))
    elif keys is None:
        keys = []
    clusterer = Clusterer(entities, comp, outside, profiles=profiles)
    uf = clusterer.run()
    partition = Partition(uf.groups(), uf.links)
    applied = apply_decisions(partition, entities, decisions)
    canonicals = build(entities, profiles, partition.groups)
    return Clustered(profiles, keys, comp, canonicals, partition.links, applied)


def resolve_full(con: duckdb.DuckDBPyConnection) -> ResolveStats:
    """Recluster every doc-level entity and rewrite the canonical tables and the index."""
    stats = ResolveStats(mode="full")
    t0 = time.perf_counter()
    texts.fill(con)
    entities = load_entities(con)
    reanchor_wrong(con)
    decisions = load_decisions(con)
    t1 = time.perf_counter()
    result = cluster(entities, decisions)
    t2 = time.perf_counter()
    con.execute("BEGIN TRANSACTION")
    try:
        stats.changed = write(
            con, entities, result.canonicals, result.links, replace=None
        ).canonicals
        anchors = [(e.doc_id, e.entity_id) for e in entities]
        labels = [f"{anchors[c][0]}/{anchors[c][1]}" for c in result.comp]
        index.write(
            con,
            index.key_rows(anchors, labels, result.keys),
            index.entity_decisions(decisions),
            replace_entities=None,
        )
        entity_records.rebuild(con)
        faults.point("resolve-written")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    t3 = time.perf_counter()
    fill(stats, entities, result)
    stats.new = stats.entities
    stats.seconds = {"load": t1 - t0, "cluster": t2 - t1, "write": t3 - t2}
    return stats


def fill(stats: ResolveStats, entities: Sequence[DocEntity], result: Clustered) -> None:
    stats.entities = len(entities)
    stats.canonical = len(result.canonicals)
    stats.linked = sum(len(c.members) for c in result.canonicals if len(c.members) > 1)
    stats.decisions = result.decisions
    stats.components = len(set(result.comp))
    stats.rules = dict(Counter(link.rule if link else "seed" for link in result.links))


def write(
    con: duckdb.DuckDBPyConnection,
    entities: Sequence[DocEntity],
    canonicals: list[Canonical],
    links: list[Link | None],
    *,
    replace: str | None,
) -> Changes:
    """Write the links and canonical entities of ``entities`` (inside a transaction), replacing
    every row (``replace`` None) or those of the entities of the registered relation ``replace``
    (``doc_id, entity_id``) and of the canonical entities they were linked to: then only the
    rows that differ (:func:`newsgraph.store.sync.sync`). Returns the canonical ids whose members
    changed and the articles of those members."""
    canonical_of = [""] * len(entities)
    for c in canonicals:
        for m in c.members:
            canonical_of[m] = c.id
    obj: Any = object
    link_rows = {
        "doc_id": np.array([e.doc_id for e in entities], dtype=obj),
        "entity_id": np.array([e.entity_id for e in entities], dtype=obj),
        "canonical_id": np.array(canonical_of, dtype=obj),
        "rule": np.array([lk.rule if lk else "seed" for lk in links], dtype=obj),
        "evidence": np.array(
            [lk.evidence if lk else "first of its group" for lk in links], dtype=obj
        ),
    }
    canon_rows = {
        "id": np.array([c.id for c in canonicals], dtype=obj),
        "name": np.array([c.name for c in canonicals], dtype=obj),
        "type": np.array([c.type for c in canonicals], dtype=obj),
        "aliases": np.array(
            [json.dumps(c.aliases, ensure_ascii=False) for c in canonicals], dtype=obj
        ),
        "n_mentions": np.array([c.n_mentions for c in canonicals], dtype=np.int64),
        "n_docs": np.array([c.n_docs for c in canonicals], dtype=np.int64),
        "attributes": np.array(
            [json.dumps(c.attributes, ensure_ascii=False) for c in canonicals], dtype=obj
        ),
    }
    if replace is None:
        old = "SELECT doc_id, entity_id, canonical_id FROM entity_links"
    else:
        old = (
            "SELECT l.doc_id, l.entity_id, l.canonical_id FROM entity_links l "
            f"JOIN {replace} s ON s.doc_id = l.doc_id AND s.entity_id = l.entity_id"
        )
    try:
        con.register("_ng_links", link_rows)
        con.register("_ng_canon", canon_rows)
        moved = con.execute(
            f"WITH old AS ({old}), "
            "new AS (SELECT doc_id, entity_id, canonical_id FROM _ng_links) "
            "SELECT DISTINCT canonical_id, doc_id FROM "
            "((SELECT * FROM old EXCEPT SELECT * FROM new) "
            "UNION ALL (SELECT * FROM new EXCEPT SELECT * FROM old))"
        ).fetchall()
        changed = Changes({str(c) for c, _ in moved}, {str(d) for _, d in moved})
        link_query = (
            "SELECT doc_id, entity_id, canonical_id, rule, evidence FROM _ng_links"
            if entities
            else "SELECT * FROM entity_links LIMIT 0"
        )
        canon_query = (
            "SELECT id, name, type, aliases::JSON, n_mentions, n_docs, attributes::JSON "
            "FROM _ng_canon"
            if canonicals
            else "SELECT * FROM canonical_entities LIMIT 0"
        )
        if replace is None:
            con.execute("DELETE FROM entity_links")
            con.execute("DELETE FROM canonical_entities")
            if entities:
                con.execute(f"INSERT INTO entity_links {link_query} ORDER BY canonical_id")
            if canonicals:
                con.execute(f"INSERT INTO canonical_entities {canon_query}")
        else:
            # Only the rows that differ: an update leaves most of a component as it was.
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _ng_old_canon AS SELECT DISTINCT l.canonical_id "
                f"FROM entity_links l JOIN {replace} s ON s.doc_id = l.doc_id "
                "AND s.entity_id = l.entity_id"
            )
            try:
                sync(
                    con,
                    "canonical_entities",
                    canon_query,
                    "id IN (SELECT canonical_id FROM _ng_old_canon)",
                    distinct=True,
                )
            finally:
                con.execute("DROP TABLE IF EXISTS _ng_old_canon")
            sync(
                con,
                "entity_links",
                link_query,
                f"EXISTS (SELECT 1 FROM {replace} s WHERE s.doc_id = entity_links.doc_id "
                "AND s.entity_id = entity_links.entity_id)",
                order="canonical_id",  # an actor's links in few row groups
                distinct=True,
            )
    finally:
        for view in ("_ng_links", "_ng_canon"):
            with contextlib.suppress(duckdb.Error):
                con.unregister(view)
    return changed

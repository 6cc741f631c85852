"""``resolve_store``: rebuild canonical_entities, entity_links and entity_records from the store.

Reads every doc-level entity with its aliases and name-mention texts, clusters them
(:mod:`newsgraph.resolve.cluster`), replays the user's decisions
(:mod:`newsgraph.resolve.decisions`) and replaces both tables in one transaction. It is a full
rebuild: cheap enough for 100,000 articles (see ``benchmarks/resolve_scale.py``) and it needs no
bookkeeping to stay correct when earlier clusters should change because of new articles.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

import duckdb
import numpy as np

from newsgraph import faults
from newsgraph.resolve.canonical import build
from newsgraph.resolve.cluster import Clusterer
from newsgraph.resolve.decisions import (
    Partition,
    apply_decisions,
    load_decisions,
    reanchor_wrong,
)
from newsgraph.resolve.model import Canonical, DocEntity, Link
from newsgraph.resolve.normalize import rules
from newsgraph.store import entity_records


class HasConnection(Protocol):
    @property
    def con(self) -> duckdb.DuckDBPyConnection: ...


@dataclass
class ResolveStats:
    entities: int = 0  # doc-level entities read
    canonical: int = 0  # canonical entities written
    linked: int = 0  # doc-level entities that share their canonical entity with another
    decisions: int = 0  # user decisions that changed the result
    rules: dict[str, int] = field(default_factory=dict)  # entity_links per rule
    seconds: dict[str, float] = field(default_factory=dict)  # load / cluster / write


def load_entities(con: duckdb.DuckDBPyConnection) -> list[DocEntity]:
    """Doc-level entities with the name-mention texts (and counts) linked to each."""
    rows = con.execute(
        "SELECT doc_id, id, name, type, CAST(aliases AS VARCHAR), CAST(attributes AS VARCHAR) "
        "FROM entities ORDER BY doc_id, id"
    ).fetchall()
    entities: list[DocEntity] = []
    index: dict[tuple[str, str], DocEntity] = {}
    for doc_id, eid, name, etype, aliases, attrs in rows:
        e = DocEntity(
            doc_id=doc_id,
            entity_id=eid,
            name=name or "",
            type=etype or "",
            aliases=[a for a in json.loads(aliases) if isinstance(a, str)]
            if aliases and aliases != "[]"
            else [],
            attributes=json.loads(attrs) if attrs and attrs != "{}" else {},
        )
        entities.append(e)
        index[(doc_id, eid)] = e
    name_kinds = rules().name_kinds
    mrows = con.execute(
        "SELECT doc_id, entity, text, kind, count(*) FROM mentions "
        "WHERE entity IS NOT NULL GROUP BY ALL"
    ).fetchall()
    for doc_id, eid, text, kind, n in mrows:
        found = index.get((doc_id, eid))
        if found is None:
            continue
        found.n_mentions += n
        if text and (kind is None or kind in name_kinds):
            found.forms[text] = found.forms.get(text, 0) + n
    return entities


def resolve_store(store: HasConnection) -> ResolveStats:
    """Recluster every doc-level entity of ``store`` and rewrite the canonical tables."""
    return resolve_connection(store.con)


def resolve_connection(con: duckdb.DuckDBPyConnection) -> ResolveStats:
    stats = ResolveStats()
    t0 = time.perf_counter()
    entities = load_entities(con)
    reanchor_wrong(con)
    decisions = load_decisions(con)
    t1 = time.perf_counter()
    clusterer = Clusterer(entities)
    uf = clusterer.run()
    partition = Partition(uf.groups(), uf.links)
    stats.decisions = apply_decisions(partition, entities, decisions)
    canonicals = build(entities, clusterer.profiles, partition.groups)
    t2 = time.perf_counter()
    write(con, entities, canonicals, partition.links)
    t3 = time.perf_counter()
    stats.entities = len(entities)
    stats.canonical = len(canonicals)
    stats.linked = sum(len(c.members) for c in canonicals if len(c.members) > 1)
    stats.rules = dict(Counter(link.rule if link else "seed" for link in partition.links))
    stats.seconds = {"load": t1 - t0, "cluster": t2 - t1, "write": t3 - t2}
    return stats


def write(
    con: duckdb.DuckDBPyConnection,
    entities: list[DocEntity],
    canonicals: list[Canonical],
    links: list[Link | None],
) -> None:
    """Replace canonical_entities, entity_links and entity_records in one transaction."""
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
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM entity_links")
        con.execute("DELETE FROM canonical_entities")
        if entities:
            con.register("_ng_links", link_rows)
            con.execute(
                "INSERT INTO entity_links (doc_id, entity_id, canonical_id, rule, evidence) "
                "SELECT doc_id, entity_id, canonical_id, rule, evidence FROM _ng_links "
                "ORDER BY canonical_id"  # an actor's links in few row groups
            )
            con.register("_ng_canon", canon_rows)
            con.execute(
                "INSERT INTO canonical_entities "
                "(id, name, type, aliases, n_mentions, n_docs, attributes) "
                "SELECT id, name, type, aliases::JSON, n_mentions, n_docs, attributes::JSON "
                "FROM _ng_canon"
            )
        entity_records.rebuild(con)
        faults.point("resolve-written")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for view in ("_ng_links", "_ng_canon"):
            with contextlib.suppress(duckdb.Error):
                con.unregister(view)

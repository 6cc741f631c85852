"""The blocking index kept in the store, so incremental resolution finds what new articles touch.

* ``resolve_keys(doc_id, entity_id, component, key, own)``: one row per blocking key of every
  resolved doc-level entity (``key`` a 64-bit hash, see :mod:`newsgraph.resolve.blocking`), plus
  one row with ``key`` NULL so that every resolved entity has its component;
* ``resolve_decisions(id, kind, a, b)``: the merge and split decisions the links reflect, so a
  decision added or undone re-resolves its components;
* ``meta.resolve_index``: the index version (:data:`blocking.VERSION` and a hash of the resolution
  word lists and settings). Another value (an older store, edited rules) means a full rebuild.

All three are written in the transaction that writes the links: a killed run leaves them as they
were, consistent with the links, and "new" entities are simply those without a link.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import duckdb
import numpy as np

from newsgraph.model.data import DATA_DIR
from newsgraph.resolve.blocking import VERSION
from newsgraph.resolve.decisions import Decision
from newsgraph.store.sync import sync_keyed

KEYS_DDL = """CREATE TABLE IF NOT EXISTS resolve_keys (
    doc_id VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    component VARCHAR NOT NULL,
    key BIGINT,
    own BOOLEAN
)"""
DECISIONS_DDL = """CREATE TABLE IF NOT EXISTS resolve_decisions (
    id VARCHAR, kind VARCHAR, a VARCHAR, b VARCHAR
)"""
META_KEY = "resolve_index"


@lru_cache(maxsize=1)
def version() -> str:
    """The blocking version and a digest of the resolution data files (``resolve_*``)."""
    digest = hashlib.sha1(VERSION.encode())
    for item in sorted(DATA_DIR.glob("resolve_*")):
        digest.update(item.name.encode())
        digest.update(item.read_bytes())
    return digest.hexdigest()[:16]


def current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store's index was written by this version (else resolve in full)."""
    try:
        row = con.execute("SELECT value FROM meta WHERE key = ?", [META_KEY]).fetchone()
    except duckdb.CatalogException:  # no meta table (never an interrupt: that must propagate)
        return False
    return row is not None and row[0] == version()


def applied_decisions(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str, str, str]]:
    con.execute(DECISIONS_DDL)
    return {
        (str(i), str(k), str(a), str(b))
        for i, k, a, b in con.execute("SELECT id, kind, a, b FROM resolve_decisions").fetchall()
    }


def entity_decisions(decisions: Sequence[Decision]) -> set[tuple[str, str, str, str]]:
    return {(d.id, d.kind, d.a, d.b) for d in decisions if d.kind in ("merge", "split")}


def write(
    con: duckdb.DuckDBPyConnection,
    rows: dict[str, Any],
    decisions: set[tuple[str, str, str, str]],
    *,
    replace_entities: str | None,
) -> None:
    """Write key rows (``doc_id, entity_id, component, key, own`` arrays), deleting first every
    row (``replace_entities`` None) or the rows of the entities of that registered relation
    (``doc_id, entity_id``); record ``decisions`` and the version. Call inside the links'
    transaction."""
    con.execute(KEYS_DDL)
    con.execute(DECISIONS_DDL)
    con.register("_ng_keys", rows)
    try:
        new = (
            "SELECT doc_id, entity_id, component, CASE WHEN member THEN NULL ELSE key END, own "
            "FROM _ng_keys"
        )
        if replace_entities is None:
            con.execute("DELETE FROM resolve_keys")
            if len(rows["doc_id"]):
                con.execute(f"INSERT INTO resolve_keys {new} ORDER BY component")
        else:
            # Only the entities whose rows change: most of a touched component stays. A stored
            # entity's keys depend on its article alone, so its rows change in ``component``
            # only (a merge relabels it): updated in place, they leave no deleted copy in the
            # file (``store.sync.sync_keyed``). One row per (entity, key); NULL: membership.
            sync_keyed(
                con,
                "resolve_keys",
                new,
                ("doc_id", "entity_id", "key"),
                f"EXISTS (SELECT 1 FROM {replace_entities} s "
                "WHERE s.doc_id = resolve_keys.doc_id AND s.entity_id = resolve_keys.entity_id)",
                order="component",
            )
    finally:
        con.unregister("_ng_keys")
    write_decisions(con, decisions)


def write_decisions(
    con: duckdb.DuckDBPyConnection, decisions: set[tuple[str, str, str, str]]
) -> None:
    """Record the merge and split decisions the links now reflect, and the index version."""
    con.execute(DECISIONS_DDL)
    con.execute("DELETE FROM resolve_decisions")
    if decisions:
        con.executemany("INSERT INTO resolve_decisions VALUES (?, ?, ?, ?)", sorted(decisions))
    con.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [META_KEY, version()],
    )


def key_rows(
    anchors: Sequence[tuple[str, str]],
    labels: Sequence[str],
    keys: Sequence[dict[int, bool]],
) -> dict[str, Any]:
    """Column arrays for :func:`write`: each entity's keys and its NULL-key membership row."""
    doc: list[str] = []
    ent: list[str] = []
    comp: list[str] = []
    key: list[int] = []
    own: list[bool] = []
    member: list[bool] = []
    for (d, e), label, ks in zip(anchors, labels, keys, strict=True):
        for n, (k, o) in enumerate(((0, False), *ks.items())):
            doc.append(d)
            ent.append(e)
            comp.append(label)
            key.append(k)
            own.append(o)
            member.append(n == 0)
    obj: Any = object
    return {
        "doc_id": np.array(doc, dtype=obj),
        "entity_id": np.array(ent, dtype=obj),
        "component": np.array(comp, dtype=obj),
        "key": np.array(key, dtype=np.int64),
        "own": np.array(own, dtype=bool),
        "member": np.array(member, dtype=bool),
    }


def stored_keys(
    con: duckdb.DuckDBPyConnection, wanted: list[tuple[str, str]]
) -> dict[tuple[str, str], dict[int, bool]]:
    """The stored keys of the indexed entities ``wanted`` (``doc_id, entity_id``): an entity's
    keys depend only on its article, so they are still its keys. An entity without keys is
    absent."""
    found: dict[tuple[str, str], dict[int, bool]] = {}
    if not wanted:
        return found
    obj: Any = object
    con.register(
        "_ng_want",
        {
            "doc_id": np.array([d for d, _ in wanted], dtype=obj),
            "entity_id": np.array([e for _, e in wanted], dtype=obj),
        },
    )
    try:
        for doc_id, eid, ks in con.execute(
            "SELECT k.doc_id, k.entity_id, list((k.key, coalesce(k.own, false))) "
            "FROM resolve_keys k JOIN _ng_want s ON s.doc_id = k.doc_id "
            "AND s.entity_id = k.entity_id WHERE k.key IS NOT NULL GROUP BY ALL"
        ).fetchall():
            found[(doc_id, eid)] = dict(ks)
    finally:
        con.unregister("_ng_want")
    return found

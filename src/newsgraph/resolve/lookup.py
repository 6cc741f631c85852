"""The doc-level members of a canonical entity and the anchors decisions point at. (Finding an
entity by what a person typed is :func:`newsgraph.app.lookup.find_entity`, for every surface.)"""

from __future__ import annotations

import json

import duckdb

from newsgraph.errors import NotFoundError
from newsgraph.resolve.decisions import known_by
from newsgraph.resolve.model import DocEntity


def members(con: duckdb.DuckDBPyConnection, canonical_id: str) -> list[DocEntity]:
    """Doc-level entities of a canonical entity, most-mentioned first."""
    rows = con.execute(
        "SELECT e.doc_id, e.id, e.name, e.type, CAST(e.aliases AS VARCHAR) "
        "FROM entity_links l JOIN entities e ON e.doc_id = l.doc_id AND e.id = l.entity_id "
        "WHERE l.canonical_id = ?",
        [canonical_id],
    ).fetchall()
    out = {
        (r[0], r[1]): DocEntity(r[0], r[1], r[2] or "", r[3] or "", json.loads(r[4] or "[]"))
        for r in rows
    }
    mrows = con.execute(
        "SELECT m.doc_id, m.entity, m.text, count(*) FROM mentions m "
        "JOIN entity_links l ON l.doc_id = m.doc_id AND l.entity_id = m.entity "
        "WHERE l.canonical_id = ? GROUP BY ALL",
        [canonical_id],
    ).fetchall()
    for doc_id, eid, text, n in mrows:
        e = out.get((doc_id, eid))
        if e is not None:
            e.n_mentions += n
            e.forms[text] = e.forms.get(text, 0) + n
    return sorted(out.values(), key=lambda e: (-e.n_mentions, e.doc_id, e.entity_id))


def anchor(
    con: duckdb.DuckDBPyConnection, canonical_id: str, *, not_alias: str | None = None
) -> str:
    """A ``doc_id/entity_id`` anchor for a canonical entity: its most-mentioned member (one not
    known by ``not_alias`` when given, so that it stays on the kept side of a split)."""
    for e in members(con, canonical_id):
        if not_alias is None or not known_by(e, not_alias):
            return e.key
    if not_alias is not None:
        raise NotFoundError(
            f"every article of {canonical_id} knows it as {not_alias!r}: nothing would remain",
            hint="split by an alias that only some articles use",
        )
    raise NotFoundError(f"{canonical_id} has no doc-level entities")

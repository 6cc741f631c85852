"""What an :class:`~newsgraph.export.registry.ExportFilter` selects, for the network and FtM
writers: the documents in scope (entity, dates, search) and the least confidence per record kind.

The filters mean the same in every format: ``entity`` keeps the articles that mention the actor,
``date_from``/``date_to`` bound the article's date, ``query`` keeps the articles a full-text
search finds, ``min_confidence`` leaves out less sure events and claims (None: the config's
``query.min_event_confidence`` / ``query.min_claim_confidence``, as the read commands).
"""

from __future__ import annotations

from newsgraph.export.registry import ExportFilter
from newsgraph.query.common import UNNEST_STRINGS, json_param
from newsgraph.query.entities import find_entity, members
from newsgraph.query.network_sql import range_sql
from newsgraph.query.search import search
from newsgraph.store import Store

# A search keeps at most this many articles (best first); an export is not a search page.
SEARCH_LIMIT = 1_000_000


def confidences(flt: ExportFilter) -> dict[str, float]:
    """The least confidence per kind ("event", "claim") the filter asks for."""
    if flt.min_confidence is not None:
        return {"event": flt.min_confidence, "claim": flt.min_confidence}
    from newsgraph.config import load_config

    q = load_config().query
    return {"event": q.min_event_confidence, "claim": q.min_claim_confidence}


def doc_scope(store: Store, flt: ExportFilter) -> list[str] | None:
    """Ids of the documents the filter keeps, sorted; None when it keeps every document."""
    if not (flt.entity or flt.date_from or flt.date_to or flt.query):
        return None
    where: list[str] = []
    params: dict[str, object] = {}
    if flt.date_from or flt.date_to:
        where.append(range_sql("date", flt.date_from, flt.date_to, params, "d"))
    ids: set[str] | None = None
    if flt.entity:
        ids = {d for d, _ in members(store, find_entity(store, flt.entity))}
    if flt.query:
        found = {h.id for h in search(store, flt.query, limit=SEARCH_LIMIT).hits}
        ids = found if ids is None else ids & found
    sql = "SELECT id FROM documents"
    if where:
        sql += " WHERE " + " AND ".join(where)
    if ids is not None:
        sql += (" AND " if where else " WHERE ") + f"id IN {UNNEST_STRINGS.replace('?', '$ids')}"
        params["ids"] = json_param(sorted(ids))
    rows = store.con.execute(sql + " ORDER BY id", params).fetchall()
    return [r[0] for r in rows]

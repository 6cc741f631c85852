"""Who is near an actor in the network: the pairs query under a spec's filters, and the
breadth-first reach (``depth`` hops, strongest ties first) both the bounded network and the
streams start from."""

from __future__ import annotations

from collections.abc import Sequence

from newsgraph.query.entities import resolved
from newsgraph.query.network_model import NetworkSpec
from newsgraph.query.network_sql import PairsQuery, edges_sql, ensure_fold
from newsgraph.store import Store, entity_records, entity_summary


def pairs_query(
    store: Store,
    spec: NetworkSpec,
    touching: Sequence[str] | None = None,
    among: tuple[Sequence[str], int] | None = None,
) -> PairsQuery:
    """The pairs under ``spec``'s filters; ``touching``: only articles mentioning one of these
    actors; ``among = (actors, k)``: only records in which ``k`` of these actors take part, when
    ``entity_records`` can tell (else ``touching`` the actors: the same edges, more work)."""
    is_resolved = resolved(store)
    if not is_resolved:
        ensure_fold(store.con)
    by_records = among is not None and is_resolved and entity_records.usable(store.con)
    if among is not None and not by_records:
        touching = among[0]
    q = PairsQuery(
        resolved=is_resolved,
        min_confidence=spec.min_confidence,
        kinds=spec.kinds,
        event_types=spec.event_types,
        date_from=spec.date_from,
        date_to=spec.date_to,
        date_basis=spec.date_basis,
        doc_ids=spec.doc_ids,
        touching=touching,
        among=among[0] if among is not None and by_records else None,
        among_min=among[1] if among is not None else 1,
        links_by_article=by_records and entity_summary.usable(store.con),
    )
    q.candidate_docs(store.con)
    return q


def reach(store: Store, center: str, spec: NetworkSpec) -> dict[str, int]:
    """Actors within ``spec.depth`` hops of ``center`` (``{id: depth}``), nearest first and, at
    one depth, the most strongly tied first; neighbours of a type not kept are not followed."""
    depth_of = {center: 0}
    frontier = [center]
    for level in range(1, spec.depth + 1):
        if not frontier:
            break
        q = pairs_query(store, spec, among=(frontier, 1))
        sql = edges_sql(
            q, min_weight=spec.min_weight, node_types=(), scope=None, support_limit=0, light=True
        )
        q.params["frontier"] = frontier
        types = ""
        if spec.node_types:
            q.params["node_types"] = [t.upper() for t in spec.node_types]
            types = (
                " AND other IN (SELECT id FROM node_info WHERE upper(type) IN "
                "(SELECT unnest($node_types::VARCHAR[])))"
            )
        rows = store.con.execute(
            sql + ",\nnear AS (SELECT CASE WHEN src IN (SELECT unnest($frontier::VARCHAR[])) "
            "THEN tgt ELSE src END AS other, weight FROM edges "
            "WHERE src IN (SELECT unnest($frontier::VARCHAR[])) "
            "OR tgt IN (SELECT unnest($frontier::VARCHAR[])))\n"
            f"SELECT other, sum(weight) AS w FROM near WHERE true{types} "
            "GROUP BY other ORDER BY w DESC, other",
            q.params,
        ).fetchall()
        frontier = []
        for other, _w in rows:
            if other not in depth_of:
                depth_of[other] = level
                frontier.append(other)
    return depth_of

"""Claims and events by actor read from ``entity_records`` (written at resolution, see
:mod:`newsgraph.store.entity_records`) instead of following ``entity_links`` to every record of
the actor's articles: the actor's rows only (a few row groups), already tagged with how the actor
takes part (``roles``), the record's own date and its rank, so the list is filtered, ordered and
cut in SQL over them. :func:`newsgraph.query.claims.claims_page` and
:func:`newsgraph.query.events.events_page` use it for resolved actors when the table is current,
and give the same pages as the path through the links (``tests/app/test_entity_summary.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsgraph.query.entities import EntitySummary
from newsgraph.query.page import date_range_sql, keys_page, year_bounds_sql
from newsgraph.query.wrong import WRONG_KIND
from newsgraph.store import Store, entity_records


def usable(store: Store, actors: Sequence[EntitySummary | None]) -> bool:
    """Whether the actors' records can be read from ``entity_records``: every one resolved (at
    least one given) and the table current with the columns these lists read."""
    given = [a for a in actors if a is not None]
    return bool(given) and all(a.resolved for a in given) and entity_records.lists_usable(store.con)


def relation(
    kind: str, actors: Sequence[tuple[EntitySummary, tuple[str, ...]]]
) -> tuple[str, list[Any]]:
    """``FROM`` text (without the keyword) of the records of ``kind`` in which each actor takes
    one of its roles, as ``er0`` (the first actor's rows, joined to the others' on the record),
    less the records marked wrong; and its parameters."""
    parts: list[str] = []
    params: list[Any] = []
    for i, (actor, roles) in enumerate(actors):
        cond = (
            f"er{i}.canonical_id = ? AND er{i}.kind = '{kind}' "
            f"AND list_has_any(er{i}.roles, ?::VARCHAR[])"
        )
        if i == 0:
            parts.append(
                f"(SELECT * FROM entity_records er{i} WHERE {cond}) er0 "
                "ANTI JOIN (SELECT a FROM decisions WHERE kind = "
                f"'{WRONG_KIND[kind]}') wrong ON wrong.a = er0.doc_id || '/' || er0.id"
            )
        else:
            parts.append(
                f"JOIN entity_records er{i} ON er{i}.doc_id = er0.doc_id AND er{i}.id = er0.id "
                f"AND {cond}"
            )
        params += [actor.id, list(roles)]
    return " ".join(parts), params


def page_keys(
    store: Store,
    rel: str,
    params: list[Any],
    where: list[str],
    *,
    date_from: str | None,
    date_to: str | None,
    min_confidence: float | None,
    order: str,
    limit: int | None,
    offset: int,
) -> tuple[list[tuple[str, str]], int]:
    """The ``(doc_id, record id)`` keys of one page of ``rel`` (from :func:`relation`) under the
    list's own conditions ``where`` plus the filters every list shares (confidence, the record's
    own date), in ``order``; and the total."""
    conds = list(where)
    if min_confidence is not None:
        conds.append("(er0.confidence IS NULL OR er0.confidence >= ?)")
        params.append(min_confidence)
    years, year_params = year_bounds_sql("er0.own_rank", date_from, date_to)
    conds += years
    params += year_params
    cond, p = date_range_sql("er0.own_date", date_from, date_to)
    conds.append(cond)
    params += p
    rows, total = keys_page(
        store,
        "er0.doc_id, er0.id",
        f"FROM {rel} WHERE {' AND '.join(conds)}",
        order,
        params,
        limit,
        offset,
    )
    return [(str(r[0]), str(r[1])) for r in rows], total

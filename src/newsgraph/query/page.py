"""One page of a long list, and the SQL pieces paginated reads share.

Every list a surface shows (actors, documents, claims, events, timeline items, search hits,
failures) is read as a :class:`Page`: the items of one ``limit``/``offset`` window plus the
``total`` that match the filters, so the API, the pages and the CLI page the same way. Filters,
ordering and the window are pushed into SQL (see :func:`date_order_sql`, :func:`date_range_sql`),
so a store of 100,000 articles is never read whole to show twenty rows.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from newsgraph.query.entities import EntitySummary
from newsgraph.store import Store

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000


@dataclass
class Page(Generic[T]):
    """``items`` of the window ``[offset, offset + limit)`` of a list of ``total`` matches
    (``limit`` None: the whole list from ``offset``)."""

    items: list[T]
    total: int
    limit: int | None
    offset: int = 0
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. a search's method and note

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.extra,
            "items": [_as_dict(i) for i in self.items],
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }


def _as_dict(item: Any) -> Any:
    to_dict = getattr(item, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    return item


def window(items: Sequence[T], limit: int | None, offset: int) -> Page[T]:
    """A page cut from a list already filtered and sorted in Python."""
    offset = max(offset, 0)
    end = None if limit is None else offset + max(limit, 0)
    return Page(list(items[offset:end]), len(items), limit, offset)


def limit_sql(limit: int | None, offset: int) -> tuple[str, list[Any]]:
    """`` LIMIT ? OFFSET ?`` (no limit when None) and its parameters."""
    if limit is None:
        return " OFFSET ?", [max(offset, 0)]
    return " LIMIT ? OFFSET ?", [max(limit, 0), max(offset, 0)]


def keys_page(
    store: Store,
    keys: str,
    base: str,
    order: str,
    params: list[Any],
    limit: int | None,
    offset: int,
) -> tuple[list[tuple[Any, ...]], int]:
    """The ``keys`` columns (e.g. ``"c.doc_id, c.id"``) of one ``limit``/``offset`` window of the
    rows ``base`` (``FROM … WHERE …``, with ``params``) selects in ``order``, and how many rows
    match in all. A short last page tells the total by itself; a plain count runs only when
    the page is full or empty past the start.

    Not one query with ``count(*) OVER ()`` riding on each row: on DuckDB 1.4 that window over
    a selective filter raised an internal error now and then under parallel load ("Attempted
    to access index 0 within vector of size 0" in the window's source state), and an internal
    error can leave the connection unusable for the server.
    """
    lim, lim_params = limit_sql(limit, offset)
    rows = store.con.execute(
        f"SELECT {keys} {base} ORDER BY {order}{lim}", params + lim_params
    ).fetchall()
    start = max(offset, 0)
    short = limit is None or len(rows) < max(limit, 0)
    if short and (rows or start == 0):
        return [tuple(r) for r in rows], start + len(rows)
    row = store.con.execute(f"SELECT count(*) {base}", params).fetchone()
    return [tuple(r) for r in rows], int(row[0]) if row else 0


# The ISO prefix of a date value ('2023', '2023-02', '2024-09-13'; '' when it names no date):
# what ``query.common.date_key`` sorts by and ``in_range`` compares.
def iso_prefix_sql(expr: str) -> str:
    return f"regexp_extract(coalesce({expr}, ''), '^\\d{{4}}(-\\d{{2}})?(-\\d{{2}})?')"


def date_order_sql(expr: str) -> str:
    """ORDER BY terms equal to :func:`newsgraph.query.common.date_key` of the value ``expr``:
    dates first by year, month, day (missing parts as 0), values that are not dates last."""
    p = iso_prefix_sql(expr)
    return (
        f"({p} = ''), coalesce(TRY_CAST(substr({p}, 1, 4) AS INTEGER), 9999), "
        f"coalesce(TRY_CAST(substr({p}, 6, 2) AS INTEGER), CASE WHEN {p} = '' THEN 99 ELSE 0 END), "
        f"coalesce(TRY_CAST(substr({p}, 9, 2) AS INTEGER), CASE WHEN {p} = '' THEN 99 ELSE 0 END)"
    )


def date_range_sql(expr: str, start: str | None, end: str | None) -> tuple[str, list[Any]]:
    """A condition equal to :func:`newsgraph.query.common.in_range` of ``expr`` (inclusive ISO
    prefixes of any precision), and its parameters; ``("true", [])`` without bounds."""
    if not start and not end:
        return "true", []
    p = iso_prefix_sql(expr)
    cond, params = [f"{p} <> ''"], []
    if start:
        cond.append(f"{p} >= substr(?, 1, length({p}))")
        params.append(start)
    if end:
        cond.append(f"substr({p}, 1, length(?)) <= ?")
        params += [end, end]
    return "(" + " AND ".join(cond) + ")", params


def year_bounds_sql(rank: str, start: str | None, end: str | None) -> tuple[list[str], list[Any]]:
    """Conditions on an integer date rank column (``store.entity_records.date_rank_sql`` of the
    same value: ``YYYYMMDD``, missing parts 0) keeping the years ``start``/``end`` allow. They
    are implied by :func:`date_range_sql` of that value (which only lets dates through), and
    cheap enough to spare it — a regular expression per row — the rows of other years."""
    conds: list[str] = []
    params: list[Any] = []
    if start and start[:4].isdigit():
        conds.append(f"{rank} >= ?")
        params.append(int(start[:4]) * 10000)
    if end and end[:4].isdigit():
        conds.append(f"{rank} < ?")
        params.append((int(end[:4]) + 1) * 10000)
    return conds, params


def members_sql(store: Store, entity: EntitySummary) -> tuple[str, list[Any]]:
    """A relation ``(d, es)``: per document, the doc-level entity ids the actor stands for
    (``es`` a list), to join record tables on ``d = doc_id`` and test ``list_has_any``."""
    if entity.resolved:
        return (
            "(SELECT doc_id AS d, list(entity_id) AS es FROM entity_links "
            "WHERE canonical_id = ? GROUP BY doc_id)",
            [entity.id],
        )
    from newsgraph.query.entities import members

    pairs = [{"d": d, "e": e} for d, e in members(store, entity)]
    return (
        "(SELECT d, list(e) AS es FROM (SELECT unnest(from_json(?::JSON, "
        '\'[{"d": "VARCHAR", "e": "VARCHAR"}]\'), recursive := true)) GROUP BY d)',
        [json.dumps(pairs)],
    )


def ids_json(values: Iterable[str]) -> str:
    return json.dumps(sorted(set(values)), ensure_ascii=False)

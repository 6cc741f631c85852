"""What a store holds, in numbers: articles, actors, records, failures and the dates covered."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.query.common import Record
from newsgraph.query.entities import resolved
from newsgraph.store import Store


@dataclass
class StoreStats(Record):
    documents: int
    entities: int  # canonical (cross-document) actors; doc-level entities before resolution
    resolved: bool  # whether cross-document resolution has run
    mentions: int
    claims: int
    events: int
    failures: int
    decisions: int
    first_date: str | None
    last_date: str | None
    sources: dict[str, int] = field(default_factory=dict)  # articles per source (top 20)


def store_stats(store: Store) -> StoreStats:
    """Counts of everything the store holds (each a ``count(*)``: cheap at any size)."""
    is_resolved = resolved(store)
    span = store.con.execute("SELECT min(date), max(date) FROM documents").fetchone()
    sources = store.con.execute(
        "SELECT source, count(*) AS n FROM documents WHERE source IS NOT NULL "
        "GROUP BY source ORDER BY n DESC, source LIMIT 20"
    ).fetchall()
    return StoreStats(
        documents=store.count("documents"),
        entities=store.count("canonical_entities" if is_resolved else "entities"),
        resolved=is_resolved,
        mentions=store.count("mentions"),
        claims=store.count("claims"),
        events=store.count("events"),
        failures=store.count("failures"),
        decisions=store.count("decisions"),
        first_date=span[0] if span else None,
        last_date=span[1] if span else None,
        sources={str(s): int(n) for s, n in sources},
    )

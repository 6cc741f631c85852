"""A resolved actor's dossier read from the summary tables resolution writes.

:mod:`newsgraph.store.entity_summary` groups the actor's role and attribute statements by their
exact text at resolution; here the groups whose folded keys agree are merged as
:func:`newsgraph.query.dossier._roles` and ``_attributes`` merge statements (the first statement
gives the wording, the latest article gives ``former`` and the dates, the latest ``as_of`` wins,
ties broken by the (article, entity, index) order the raw rows are read in), the kept sources of
each item are the latest ``max_sources`` of its groups' latest ``max_sources`` (cut in SQL), and
only their articles are read. Names, counts and the latest articles come from ``entity_docs`` and
``entity_names``. The result equals the dossier computed from the raw rows.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from newsgraph.query.common import (
    UNNEST_STRINGS,
    DocInfo,
    date_key,
    fold,
    json_param,
    load_docs,
    loads,
)
from newsgraph.query.dossier_records import (
    AttributeItem,
    DocRef,
    Dossier,
    RoleItem,
    name_counts,
    source_of,
)
from newsgraph.query.entities import EntitySummary, members
from newsgraph.query.timeline import TimelineItem, collect
from newsgraph.store import Store, entity_summary

# A statement's place in the order the raw rows are read: (doc_id, entity id, index).
Order = tuple[str, str, int]
# A kept source: (date rank, doc_id, entity id, index, evidence start, evidence end).
Cited = tuple[int, str, str, int, Any, Any]


def usable(store: Store, entity: EntitySummary) -> bool:
    """Whether this actor's dossier can be read from the summary tables."""
    return entity.resolved and entity_summary.usable(store.con)


@dataclass
class Summary:
    """What the dossier shows of the actor, before its sources are read."""

    names: list[tuple[str, str, int]]  # (text, kind, count) of the mentions
    name_rows: list[tuple[str, Any]]  # (name, aliases) in the order they first appear
    documents: list[tuple[str, str, str | None, int]]  # (id, date, title, mentions)
    n_docs: int
    n_mentions: int
    roles: list[_Merged] = field(default_factory=list)
    attributes: list[_Merged] = field(default_factory=list)


@dataclass
class _Merged:
    """One role or attribute value merged over its groups."""

    key: tuple[str, ...]
    first: Order
    fields: dict[str, Any]  # title/of/org or name/value, from the first statement
    n: int = 0
    latest: tuple[Any, ...] = ()  # roles: (rank, doc, entity, index, former, start, end)
    as_of: tuple[Any, ...] = ()  # attributes: (rank, (doc, entity, index), as_of)
    sources: list[Cited] = field(default_factory=list)


def read(
    store: Store, entity: EntitySummary, max_sources: int | None, max_documents: int | None
) -> Summary:
    """The actor's names, counts, latest ``max_documents`` articles (None: all) and merged
    roles and attributes with their latest ``max_sources`` sources each (None: all)."""
    con = store.con
    row = con.execute(
        "SELECT count(*), count(doc_rank), coalesce(sum(n), 0) FROM entity_docs "
        "WHERE canonical_id = ?",
        [entity.id],
    ).fetchone()
    n_all, n_stored, n_mentions = (int(x) for x in row) if row else (0, 0, 0)
    limit = "" if max_documents is None else f" LIMIT {max(int(max_documents), 0)}"
    counts = dict(
        con.execute(
            "SELECT doc_id, n FROM entity_docs WHERE canonical_id = ? AND doc_rank IS NOT NULL "
            f"ORDER BY doc_rank DESC, doc_id DESC{limit}",
            [entity.id],
        ).fetchall()
    )
    # The articles' dates and titles by their ids (an index lookup; a join scans them all).
    docs = con.execute(
        f"SELECT id, date, title FROM documents WHERE id IN {UNNEST_STRINGS}",
        [json_param(counts)],
    ).fetchall()
    docs = [(r[0], r[1], r[2], counts[r[0]]) for r in docs]
    documents = sorted(
        ((r[0], r[1], r[2], int(r[3])) for r in docs), key=lambda r: (date_key(r[1]), r[0])
    )
    names: list[tuple[str, str, int]] = []
    name_rows: list[tuple[str, Any, tuple[str, str]]] = []
    for source, text, kind, aliases, n, first in con.execute(
        "SELECT source, text, kind, aliases, n, first_at FROM entity_names WHERE canonical_id = ?",
        [entity.id],
    ).fetchall():
        if source == "mention":
            names.append((text, kind, int(n)))
        else:
            name_rows.append((text, aliases, (first["d"], first["e"])))
    name_rows.sort(key=lambda r: r[2])
    cut = "sources" if max_sources is None else _last("sources", max_sources)
    return Summary(
        names=names,
        name_rows=[(r[0], r[1]) for r in name_rows],
        documents=documents,
        n_docs=n_stored if max_documents is None else n_all,
        n_mentions=n_mentions,
        roles=_merge_roles(
            con.execute(
                f'SELECT title, "of", org, n, first_at, latest, {cut} FROM entity_roles '
                "WHERE canonical_id = ?",
                [entity.id],
            ).fetchall(),
            max_sources,
        ),
        attributes=_merge_attributes(
            con.execute(
                f"SELECT name, value, n, first_at, as_of_at, {cut} FROM entity_attributes "
                "WHERE canonical_id = ?",
                [entity.id],
            ).fetchall(),
            max_sources,
        ),
    )


def _last(col: str, n: int) -> str:
    """SQL: the last ``n`` items of the list ``col`` (none when ``n`` is 0)."""
    n = max(int(n), 0)
    if n == 0:
        return f"{col}[1:0]"
    return f"{col}[greatest(len({col}) - {n} + 1, 1):]"


def _order(s: dict[str, Any]) -> Order:
    return (s["d"], s["e"], int(s["i"]))


def _cited(sources: list[dict[str, Any]]) -> list[Cited]:
    return [(int(s["r"]), s["d"], s["e"], int(s["i"]), s["s"], s["t"]) for s in sources]


def _keep(merged: _Merged, max_sources: int | None) -> None:
    merged.sources.sort(key=lambda c: c[:4])
    if max_sources is not None:
        merged.sources = merged.sources[-max_sources:] if max_sources > 0 else []


def _merge_roles(rows: list[tuple[Any, ...]], max_sources: int | None) -> list[_Merged]:
    """Groups merged by (folded title, of, org), in the order their first statements come."""
    rows = sorted(rows, key=lambda r: _order(r[4]))
    merged: dict[tuple[str, ...], _Merged] = {}
    for title, of, org, n, first, latest, sources in rows:
        key = (fold(title), fold(of or ""), fold(org or ""))
        item = merged.get(key)
        if item is None:
            fields = {"title": title, "of": of, "org": org}
            item = merged[key] = _Merged(key, _order(first), fields)
        item.n += int(n)
        at = (int(latest["r"]), *_order(latest))
        if not item.latest or at >= item.latest[:4]:
            item.latest = (*at, bool(latest["former"]), latest["start"], latest["end"])
        item.sources += _cited(sources)
    for item in merged.values():
        _keep(item, max_sources)
    return list(merged.values())


def _merge_attributes(rows: list[tuple[Any, ...]], max_sources: int | None) -> list[_Merged]:
    """Groups merged by (key, value as the dossier compares values), in first-statement order."""
    rows = sorted(rows, key=lambda r: _order(r[3]))
    merged: dict[tuple[str, ...], _Merged] = {}
    for name, value, n, first, as_of_at, sources in rows:
        parsed = loads(value)
        ident = (name, json.dumps(parsed, sort_keys=True, ensure_ascii=False, default=str))
        item = merged.get(ident)
        if item is None:
            item = merged[ident] = _Merged(ident, _order(first), {"name": name, "value": parsed})
        item.n += int(n)
        at = (-int(as_of_at["r"]), _order(as_of_at), as_of_at["as_of"])
        if not item.as_of or at[:2] < item.as_of[:2]:
            item.as_of = at
        item.sources += _cited(sources)
    for item in merged.values():
        _keep(item, max_sources)
    return list(merged.values())


def dossier(
    store: Store,
    entity: EntitySummary,
    *,
    min_confidence: Mapping[str, float] | None,
    with_timeline: bool,
    max_sources: int | None,
    max_documents: int | None,
) -> Dossier:
    """:func:`newsgraph.query.dossier.dossier` of a resolved actor, from the summary tables."""
    summary = read(store, entity, max_sources, max_documents)
    # The articles the kept sources come from, read in full (their sentences are quoted).
    docs = load_docs(
        store, {c[1] for item in [*summary.roles, *summary.attributes] for c in item.sources}
    )
    timeline: list[TimelineItem] = []
    if with_timeline:
        pairs = members(store, entity)
        if pairs:
            timeline = collect(store, pairs, {"event", "claim"}, min_confidence)
        timeline.sort(key=TimelineItem.sort_key)
    forms: Counter[tuple[str, str]] = Counter()
    for text, kind, n in summary.names:
        forms[(text, kind)] += n
    roles = [_role(item, docs) for item in summary.roles]
    roles.sort(key=lambda i: (-i.n_sources, i.former, fold(i.title)))
    attributes = [_attribute(item, docs) for item in summary.attributes]
    attributes.sort(key=lambda a: (a.name, tuple(-x for x in date_key(a.as_of))))
    return Dossier(
        entity=entity,
        names=name_counts(summary.name_rows, forms),
        roles=roles,
        attributes=attributes,
        timeline=timeline,
        documents=[DocRef(i, date, title, n) for i, date, title, n in summary.documents],
        n_mentions=summary.n_mentions,
        n_docs=summary.n_docs,
    )


def _sources(item: _Merged, docs: dict[str, DocInfo]) -> list[Any]:
    return [source_of(docs[c[1]], c[4], c[5]) for c in item.sources if c[1] in docs]


def _role(item: _Merged, docs: dict[str, DocInfo]) -> RoleItem:
    f = item.fields
    out = RoleItem(title=f["title"], of=f["of"], org=f["org"], former=bool(item.latest[4]))
    out.start, out.end = item.latest[5], item.latest[6]
    out.sources, out.n_sources = _sources(item, docs), item.n
    return out


def _attribute(item: _Merged, docs: dict[str, DocInfo]) -> AttributeItem:
    out = AttributeItem(item.fields["name"], item.fields["value"], item.as_of[2])
    out.sources, out.n_sources = _sources(item, docs), item.n
    return out

"""An actor's dossier: names, roles and attributes with their sources, a dated timeline of the
events and claims the actor takes part in, and the articles that mention them.

Everything shown points back to an article (id, date, title) and the sentence that supports it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsgraph.query import dossier_summary
from newsgraph.query.common import (
    UNNEST_STRINGS,
    DocInfo,
    date_key,
    dict_rows,
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
from newsgraph.query.entities import EntitySummary, canonical_names, find_entity, members
from newsgraph.query.page import date_order_sql
from newsgraph.query.timeline import TimelineItem, collect
from newsgraph.store import Store, entity_records

# Attribute keys that qualify another key ("age_as_of" dates "age"), not values of their own.
_QUALIFIERS = ("_as_of", "_evidence")


def dossier(
    store: Store,
    entity_id: str,
    *,
    min_confidence: Mapping[str, float] | None = None,
    with_timeline: bool = True,
    max_sources: int | None = None,
    max_documents: int | None = None,
) -> Dossier:
    """The dossier of the actor ``entity_id`` (an id, name or alias; see ``find_entity``); its
    timeline leaves out events and claims below ``min_confidence[kind]``. Without
    ``with_timeline`` the timeline is empty (a surface that pages it reads it apart).
    ``max_sources`` keeps the latest that many sources of each role and attribute (each item's
    ``n_sources`` counts them all), and only their articles are read in full. ``max_documents``
    keeps the latest that many articles in ``documents`` (``n_docs`` counts them all), chosen in
    SQL, so a frequent actor's thousands of article headers are not read."""
    entity = find_entity(store, entity_id)
    if dossier_summary.usable(store, entity):  # summarised at resolution
        return dossier_summary.dossier(
            store,
            entity,
            min_confidence=min_confidence,
            with_timeline=with_timeline,
            max_sources=max_sources,
            max_documents=max_documents,
        )
    pairs = members(store, entity)
    doc_ids = sorted({d for d, _ in pairs})
    facts = _facts(store, pairs, entity)
    stating = facts.stating
    # Actor names for roles "of" or "org" another entity (ids in the row): only those articles.
    naming = {
        r["doc_id"]
        for r in stating
        for role in loads(r["roles"], []) or []
        if isinstance(role, dict) and (role.get("of") or role.get("org"))
    }
    names = canonical_names(store, sorted(naming))
    listed: set[str] | None = None  # the articles ``documents`` shows (None: all)
    if max_documents is not None:
        listed = set(_latest(store, doc_ids, max_documents))
    if with_timeline and max_sources is None and listed is None:
        docs = load_docs(store, doc_ids)
    else:
        heads = doc_ids if listed is None else sorted(listed | {r["doc_id"] for r in stating})
        docs = {d: DocInfo(d, date, title, "", ()) for d, date, title in _doc_heads(store, heads)}
        if max_sources is None:
            docs.update(load_docs(store, {r["doc_id"] for r in stating}))
        else:  # which articles the kept sources come from: read only those in full
            cited = [i.sources for i in _roles(stating, docs, names)]
            cited += [i.sources for i in _attributes(stating, docs)]
            docs.update(load_docs(store, {s.doc_id for c in cited for s in c[-max_sources:]}))
    timeline = (
        collect(store, pairs, {"event", "claim"}, min_confidence) if pairs and with_timeline else []
    )
    timeline.sort(key=TimelineItem.sort_key)
    per_doc = facts.per_doc
    documents = sorted(
        (
            DocRef(d.id, d.date, d.title, per_doc.get(d.id, 0))
            for d in docs.values()
            if listed is None or d.id in listed
        ),
        key=lambda r: (date_key(r.date), r.id),
    )
    roles = _roles(stating, docs, names)
    attributes = _attributes(stating, docs)
    items: list[RoleItem | AttributeItem] = [*roles, *attributes]
    for item in items:
        item.n_sources = len(item.sources)
        if max_sources is not None:
            item.sources = item.sources[-max_sources:] if max_sources else []
    return Dossier(
        entity=entity,
        names=name_counts(facts.name_rows, facts.forms),
        roles=roles,
        attributes=attributes,
        timeline=timeline,
        documents=documents,
        n_mentions=sum(per_doc.values()),
        n_docs=len(docs) if listed is None else len(doc_ids),
    )


def _states_something(row: dict[str, Any]) -> bool:
    """Whether a doc-level entity row states a role or an attribute (whose source is quoted)."""
    return bool(loads(row["roles"], []) or loads(row["attributes"], {}))


def _latest(store: Store, doc_ids: list[str], n: int) -> list[str]:
    """The ids of the ``n`` latest of the documents, in the order of ``date_key`` (then id)."""
    if not doc_ids or n <= 0:
        return []
    rows = store.con.execute(
        f"SELECT id FROM documents WHERE id IN {UNNEST_STRINGS} "
        f"ORDER BY {date_order_sql('date')}, id",
        [json_param(doc_ids)],
    ).fetchall()
    return [r[0] for r in rows][-n:]


def _doc_heads(store: Store, doc_ids: list[str]) -> list[tuple[str, str, str | None]]:
    """``(id, date, title)`` of the documents, without reading their text."""
    if not doc_ids:
        return []
    rows = store.con.execute(
        f"SELECT id, date, title FROM documents WHERE id IN {UNNEST_STRINGS}",
        [json_param(doc_ids)],
    ).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


def _entity_rows(
    store: Store, pairs: list[tuple[str, str]], entity: EntitySummary
) -> list[dict[str, Any]]:
    if not pairs:
        return []
    if entity.resolved:  # joined in SQL: a frequent actor's articles hold many other entities
        return dict_rows(
            store,
            "SELECT e.doc_id, e.id, e.name, e.aliases, e.roles, e.attributes FROM entities e "
            "JOIN entity_links l ON l.doc_id = e.doc_id AND l.entity_id = e.id "
            "WHERE l.canonical_id = ? ORDER BY e.doc_id, e.id",
            [entity.id],
        )
    wanted = set(pairs)
    rows = dict_rows(
        store,
        "SELECT doc_id, id, name, aliases, roles, attributes FROM entities "
        f"WHERE doc_id IN {UNNEST_STRINGS} ORDER BY doc_id, id",
        [json_param({d for d, _ in pairs})],
    )
    return [r for r in rows if (r["doc_id"], r["id"]) in wanted]


def _mention_rows(
    store: Store, pairs: list[tuple[str, str]], entity: EntitySummary
) -> list[tuple[str, str, str]]:
    if not pairs:
        return []
    if entity.resolved:
        rows = store.con.execute(
            "SELECT m.doc_id, m.text, m.kind FROM mentions m JOIN entity_links l "
            "ON l.doc_id = m.doc_id AND l.entity_id = m.entity WHERE l.canonical_id = ?",
            [entity.id],
        ).fetchall()
        return [(r[0], r[1], r[2] or "name") for r in rows]
    wanted = set(pairs)
    rows = store.con.execute(
        "SELECT doc_id, entity, text, kind FROM mentions "
        f"WHERE doc_id IN {UNNEST_STRINGS} AND entity IS NOT NULL",
        [json_param({d for d, _ in pairs})],
    ).fetchall()
    return [(r[0], r[2], r[3] or "name") for r in rows if (r[0], r[1]) in wanted]


@dataclass
class _Facts:
    """What the dossier reads of the actor's doc-level entities and mentions."""

    stating: list[dict[str, Any]]  # entity rows stating a role or an attribute, by (doc, id)
    name_rows: list[tuple[str, Any]]  # (name, aliases) in the order the entity rows first give it
    forms: Counter[tuple[str, str]]  # (mention text, kind) -> occurrences
    per_doc: Counter[str]  # doc_id -> mentions of the actor


# Entity rows whose roles and attributes are both empty state nothing (the rest are checked
# in Python by ``_states_something``).
_MAY_STATE = (
    "(coalesce(CAST(e.roles AS VARCHAR), '[]') <> '[]' "
    "OR coalesce(CAST(e.attributes AS VARCHAR), '{}') <> '{}')"
)


def _facts(store: Store, pairs: list[tuple[str, str]], entity: EntitySummary) -> _Facts:
    """For a resolved actor aggregated in SQL (a frequent one has ~23,000 entity rows and
    twice as many mentions: only the rows that state something come back whole)."""
    if not pairs or not entity.resolved:
        rows = _entity_rows(store, pairs, entity)
        mentions = _mention_rows(store, pairs, entity)
        return _Facts(
            [r for r in rows if _states_something(r)],
            [(r["name"], r["aliases"]) for r in rows],
            Counter((text, kind) for _d, text, kind in mentions),
            Counter(d for d, _text, _kind in mentions),
        )
    link = "JOIN entity_links l ON l.doc_id = e.doc_id AND l.entity_id = e.id"
    stating = dict_rows(
        store,
        "SELECT e.doc_id, e.id, e.name, e.aliases, e.roles, e.attributes FROM entities e "
        f"{link} WHERE l.canonical_id = ? AND {_MAY_STATE} ORDER BY e.doc_id, e.id",
        [entity.id],
    )
    name_rows = store.con.execute(
        f"SELECT e.name, CAST(e.aliases AS VARCHAR) FROM entities e {link} "
        "WHERE l.canonical_id = ? GROUP BY ALL ORDER BY min([e.doc_id, e.id])",
        [entity.id],
    ).fetchall()
    mentions_sql = (
        "SELECT doc_id, text, kind, n FROM entity_mentions WHERE canonical_id = ?"
        if entity_records.usable(store.con)
        else "SELECT m.doc_id, m.text, coalesce(m.kind, 'name'), count(*) FROM mentions m "
        "JOIN entity_links l ON l.doc_id = m.doc_id AND l.entity_id = m.entity "
        "WHERE l.canonical_id = ? GROUP BY ALL"
    )
    forms: Counter[tuple[str, str]] = Counter()
    per_doc: Counter[str] = Counter()
    for d, text, kind, n in store.con.execute(mentions_sql, [entity.id]).fetchall():
        forms[(text, kind)] += int(n)
        per_doc[d] += int(n)
    return _Facts(
        [r for r in stating if _states_something(r)],
        [(r[0], r[1]) for r in name_rows],
        forms,
        per_doc,
    )


def _roles(
    entity_rows: list[dict[str, Any]],
    docs: dict[str, DocInfo],
    names: dict[tuple[str, str], tuple[str, str]],
) -> list[RoleItem]:
    """Roles merged across articles by (title, of, org); each keeps every supporting source.
    ``former`` and the dates come from the most recent article that states the role."""
    merged: dict[tuple[str, str, str], RoleItem] = {}
    latest: dict[tuple[str, str, str], tuple[int, int, int, int]] = {}
    for r in entity_rows:
        doc = docs.get(r["doc_id"])
        if doc is None:
            continue
        for role in loads(r["roles"], []) or []:
            if not isinstance(role, dict) or not role.get("title"):
                continue
            of = names.get((doc.id, str(role.get("of"))), (None, role.get("of")))[1]
            org = names.get((doc.id, str(role.get("org"))), (None, role.get("org")))[1]
            key = (fold(role["title"]), fold(of or ""), fold(org or ""))
            item = merged.get(key)
            if item is None:
                item = merged[key] = RoleItem(title=role["title"], of=of, org=org)
            when = date_key(doc.date)
            if key not in latest or when >= latest[key]:
                latest[key] = when
                item.former = bool(role.get("former"))
                item.start, item.end = role.get("start"), role.get("end")
            item.sources.append(
                source_of(doc, role.get("evidence_start"), role.get("evidence_end"))
            )
    items = list(merged.values())
    for item in items:
        item.sources.sort(key=lambda s: (date_key(s.doc_date), s.doc_id))
    items.sort(key=lambda i: (-len(i.sources), i.former, fold(i.title)))
    return items


def _attributes(entity_rows: list[dict[str, Any]], docs: dict[str, DocInfo]) -> list[AttributeItem]:
    """Attribute values with the articles stating them, e.g. age 56 as of 2024-09-17; equal
    values from several articles are one item with several sources."""
    merged: dict[tuple[str, str], AttributeItem] = {}
    for r in entity_rows:
        doc = docs.get(r["doc_id"])
        attrs = loads(r["attributes"], {}) or {}
        if doc is None or not isinstance(attrs, dict):
            continue
        for key, value in attrs.items():
            if key.endswith(_QUALIFIERS):
                continue
            as_of = attrs.get(f"{key}_as_of")
            evidence = attrs.get(f"{key}_evidence")
            if isinstance(value, dict) and "value" in value:
                as_of = value.get("as_of", as_of)
                evidence = value.get("evidence", evidence)
                value = value["value"]
            ev = evidence if isinstance(evidence, list) and len(evidence) == 2 else [None, None]
            as_of = str(as_of) if as_of else doc.date
            ident = (key, json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))
            item = merged.get(ident)
            if item is None:
                item = merged[ident] = AttributeItem(key, value, as_of)
            elif date_key(as_of) > date_key(item.as_of):
                item.as_of = as_of
            item.sources.append(source_of(doc, ev[0], ev[1]))
    out = list(merged.values())
    for item in out:
        item.sources.sort(key=lambda s: (date_key(s.doc_date), s.doc_id))
    out.sort(key=lambda a: (a.name, tuple(-x for x in date_key(a.as_of))))
    return out

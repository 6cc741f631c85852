"""Actors in the store: listing them by mentions and finding one by name, alias or id.

Actors are the canonical (cross-document) entities written by ``newsgraph.resolve``. Before resolve
has run (or when it is absent) the store still has doc-level entities; they are grouped by folded
name and type, under ids of the form ``TYPE/folded name``, so every read command works either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.errors import AmbiguousNameError, NotFoundError
from newsgraph.model.names import SQL_DROPPED, fold_name
from newsgraph.query.common import Record, alias_counts, fold, is_empty, unique
from newsgraph.store import Store, entity_summary


@dataclass
class EntitySummary(Record):
    """One actor: canonical when ``resolved``, else a group of same-named doc-level entities."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    n_mentions: int = 0
    n_docs: int = 0
    resolved: bool = True
    entity_id: str = ""  # ``id`` under the key every record uses for a canonical entity

    def __post_init__(self) -> None:
        self.entity_id = self.entity_id or self.id


def resolved(store: Store) -> bool:
    """Whether cross-document resolution has filled ``canonical_entities``."""
    return not is_empty(store, "canonical_entities")


def list_entities(
    store: Store, type: str | None = None, limit: int | None = 50, query: str | None = None
) -> list[EntitySummary]:
    """Actors sorted by mentions (then documents, then name); ``query`` keeps those whose name or
    an alias contains it (accent- and case-insensitive)."""
    return entities_window(store, type=type, query=query, limit=limit)[0]


def entities_window(
    store: Store,
    *,
    type: str | None = None,
    query: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> tuple[list[EntitySummary], int]:
    """The actors of :func:`list_entities` in ``[offset, offset + limit)`` and how many match."""
    q = fold_name(query or "")
    like = max(q.split(), key=len) if q else None
    offset = max(offset, 0)
    if resolved(store) and not q:
        # Sorted, counted and cut in SQL: a large store has far more actors than anyone lists.
        top = None if limit is None else offset + max(limit, 0)
        entities = _canonical(store, type, top=top)
        entities.sort(key=lambda e: (-e.n_mentions, -e.n_docs, fold(e.name), e.id))
        entities = entities[offset:]
        sql = "SELECT count(*) FROM canonical_entities"
        row = store.con.execute(
            sql + (" WHERE upper(type) = upper(?)" if type else ""), [type] if type else []
        ).fetchone()
        return entities, int(row[0]) if row else 0
    if resolved(store):
        entities = _canonical(store, type, like=like)
    else:
        entities = _grouped(store, type, like=like)
    if q:
        entities = [e for e in entities if any(q in fold_name(n) for n in [e.name, *e.aliases])]
    entities.sort(key=lambda e: (-e.n_mentions, -e.n_docs, fold(e.name), e.id))
    end = None if limit is None else offset + max(limit, 0)
    return entities[offset:end], len(entities)


def find_entity(store: Store, name_or_id: str) -> EntitySummary:
    """The actor with this id, else whose name folds to ``name_or_id``, else whose alias does,
    else whose name contains all its words. Raises :class:`NotFoundError` or
    :class:`AmbiguousNameError` (listing the candidates). Names are folded by
    :func:`~newsgraph.model.names.fold_name`, as resolution folds them ("US" finds "U.S.").
    Every surface finds actors with this one function (through ``newsgraph.app.lookup``)."""
    target = fold_name(name_or_id)
    if not target:
        raise NotFoundError(f"no entity named {name_or_id!r}")
    load = _canonical if resolved(store) else _grouped
    for e in load(store, None, by_id=name_or_id):
        if e.id == name_or_id:
            return e
    # Prefilter in SQL on the query's longest word; the exact comparison is on folded names.
    everyone = load(store, None, like=max(target.split(), key=len))
    words = set(target.split())
    tiers = [
        [e for e in everyone if fold_name(e.name) == target],
        [e for e in everyone if any(fold_name(a) == target for a in e.aliases)],
        [e for e in everyone if words <= set(fold_name(e.name).split())],
        [e for e in everyone if any(words <= set(fold_name(a).split()) for a in e.aliases)],
    ]
    for found in tiers:
        if len(found) == 1:
            return found[0]
        if found:
            found.sort(key=lambda e: (-e.n_mentions, e.id))
            options = "; ".join(
                f"{e.id} ({e.name}, {e.type}, {e.n_mentions} mentions)" for e in found[:10]
            )
            more = f" and {len(found) - 10} more" if len(found) > 10 else ""
            raise AmbiguousNameError(f"{name_or_id!r} names several entities: {options}{more}")
    raise NotFoundError(f"no entity named {name_or_id!r}")


def members(store: Store, entity: EntitySummary) -> list[tuple[str, str]]:
    """``(doc_id, entity_id)`` of the doc-level entities an actor stands for."""
    if entity.resolved:
        rows = store.con.execute(
            "SELECT doc_id, entity_id FROM entity_links WHERE canonical_id = ? "
            "ORDER BY doc_id, entity_id",
            [entity.id],
        ).fetchall()
        return [(r[0], r[1]) for r in rows]
    type_, _, key = entity.id.partition("/")
    rows = store.con.execute(
        "SELECT doc_id, id, name FROM entities WHERE type = ? ORDER BY doc_id, id", [type_]
    ).fetchall()
    return [(r[0], r[1]) for r in rows if fold(r[2] or "") == key]


def canonical_names(store: Store, doc_ids: list[str]) -> dict[tuple[str, str], tuple[str, str]]:
    """``(doc_id, entity_id) -> (actor id, actor name)`` for entities of these documents."""
    from newsgraph.query.common import UNNEST_STRINGS, json_param

    if not doc_ids:
        return {}
    out: dict[tuple[str, str], tuple[str, str]] = {}
    if resolved(store) and entity_summary.usable(store.con):  # indexed by article
        rows = store.con.execute(
            f"SELECT doc_id, entity_id, canonical_id, name FROM doc_actors "
            f"WHERE doc_id IN {UNNEST_STRINGS}",
            [json_param(doc_ids)],
        ).fetchall()
        out = {(d, e): (c, n) for d, e, c, n in rows}
    elif resolved(store):
        # Two lookups, not a join: joining builds a hash table of every canonical entity.
        links = store.con.execute(
            "SELECT doc_id, entity_id, canonical_id FROM entity_links "
            f"WHERE doc_id IN {UNNEST_STRINGS}",
            [json_param(doc_ids)],
        ).fetchall()
        actor_names = dict(
            store.con.execute(
                f"SELECT id, name FROM canonical_entities WHERE id IN {UNNEST_STRINGS}",
                [json_param({r[2] for r in links})],
            ).fetchall()
        )
        out = {(d, e): (c, actor_names[c]) for d, e, c in links if c in actor_names}
    # Entities no actor stands for are named by type and folded name. Their keys first: a name
    # fetched by row from its compressed column costs ~0.04 ms, and resolved articles rarely
    # have an entity without a link.
    keys = store.con.execute(
        f"SELECT doc_id, id FROM entities WHERE doc_id IN {UNNEST_STRINGS}", [json_param(doc_ids)]
    ).fetchall()
    unlinked = sorted({d for d, e in keys if (d, e) not in out})
    if not unlinked:
        return out
    rows = store.con.execute(
        f"SELECT doc_id, id, name, type FROM entities WHERE doc_id IN {UNNEST_STRINGS}",
        [json_param(unlinked)],
    ).fetchall()
    for doc_id, eid, name, type_ in rows:
        out.setdefault((doc_id, eid), (f"{type_}/{fold(name or '')}", name or eid))
    return out


def _canonical(
    store: Store,
    type: str | None,
    *,
    like: str | None = None,
    by_id: str | None = None,
    top: int | None = None,
) -> list[EntitySummary]:
    sql = "SELECT id, name, type, aliases, n_mentions, n_docs FROM canonical_entities WHERE true"
    params: list[object] = []
    if type:
        sql += " AND upper(type) = upper(?)"
        params.append(type)
    if by_id is not None:
        sql += " AND id = ?"
        params.append(by_id)
    if like:
        sql += (
            " AND regexp_replace(strip_accents(lower(name || ' ' || "
            "coalesce(CAST(aliases AS VARCHAR), ''))), ?, '', 'g') LIKE ?"
        )
        params += [SQL_DROPPED, f"%{like}%"]
    if top is not None:
        sql += " ORDER BY n_mentions DESC, n_docs DESC, strip_accents(lower(name)), id LIMIT ?"
        params.append(max(top, 0))
    out = []
    for id_, name, type_, aliases, n_mentions, n_docs in store.con.execute(sql, params).fetchall():
        names = [a for a, _ in alias_counts(aliases)]
        out.append(
            EntitySummary(
                id=id_,
                name=name,
                type=type_ or "",
                aliases=[a for a in unique(names) if fold(a) != fold(name)],
                n_mentions=int(n_mentions or 0),
                n_docs=int(n_docs or 0),
            )
        )
    return out


def _grouped(
    store: Store, type: str | None, *, like: str | None = None, by_id: str | None = None
) -> list[EntitySummary]:
    """Doc-level entities grouped by (type, folded name), with their mention counts."""
    sql = (
        "SELECT e.doc_id, e.name, e.type, CAST(e.aliases AS VARCHAR), coalesce(m.n, 0) "
        "FROM entities e LEFT JOIN (SELECT doc_id, entity, count(*) AS n FROM mentions "
        "GROUP BY doc_id, entity) m ON m.doc_id = e.doc_id AND m.entity = e.id WHERE true"
    )
    params: list[object] = []
    if by_id is not None:
        type, _, key = by_id.partition("/")
        like = max(key.split(), key=len) if key.strip() else None
    if type:
        sql += " AND upper(e.type) = upper(?)"
        params.append(type)
    if like:
        # Whole groups must be kept: a group's members share the folded name, so filtering on
        # the name alone keeps or drops a group entirely.
        sql += " AND regexp_replace(strip_accents(lower(e.name)), ?, '', 'g') LIKE ?"
        params += [SQL_DROPPED, f"%{like}%"]
    groups: dict[str, EntitySummary] = {}
    docs: dict[str, set[str]] = {}
    names: dict[str, dict[str, int]] = {}
    for doc_id, name, type_, aliases, n in store.con.execute(sql, params).fetchall():
        key = f"{type_}/{fold(name or '')}"
        g = groups.get(key)
        if g is None:
            g = groups[key] = EntitySummary(id=key, name=name, type=type_, resolved=False)
        g.n_mentions += int(n or 0)
        docs.setdefault(key, set()).add(doc_id)
        forms = names.setdefault(key, {})
        forms[name] = forms.get(name, 0) + int(n or 0) + 1
        for a, _ in alias_counts(aliases):
            forms.setdefault(a, 0)
    for key, g in groups.items():
        ranked = sorted(names[key], key=lambda a: (-names[key][a], -len(a), a))
        g.name = ranked[0]
        g.aliases = [a for a in unique(ranked) if fold(a) != fold(g.name)]
        g.n_docs = len(docs[key])
    return list(groups.values())

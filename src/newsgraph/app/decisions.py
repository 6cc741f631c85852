"""Corrections: the user's decisions as use cases every surface calls (CLI, API, pages).

* :func:`merge` — two actors are one; :func:`split` — the articles that call an actor by an alias
  mean someone else; :func:`mark_wrong` — a claim or an event is not what the article says;
  :func:`undo` — forget a decision; :func:`list_decisions` — what was decided, in words.

Decisions live in the store's ``decisions`` table (:mod:`newsgraph.resolve.decisions`), anchored to
things that never change once stored (a doc-level entity ``doc_id/entity_id``, a record's
``doc_id/record_id`` and its span), and every resolution replays them, so they survive re-ingest
and re-resolution. A merge or split (or its undo) resolves the store again at once, so the store
shows the judgement (and after an undo is as it was before it). Records marked wrong are left out of
every read except the document view, which flags them (:mod:`newsgraph.query.wrong`).

Every write opens the store through :func:`newsgraph.app.access.write_store`, so a correction made
while an ingest runs waits for the ingest's current batch instead of failing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Literal

import duckdb

from newsgraph.app.access import write_store
from newsgraph.app.lookup import find_canonical
from newsgraph.app.resolution import canonical_of, run_resolution
from newsgraph.errors import AmbiguousNameError, NotFoundError, SameEntityError
from newsgraph.query.common import Record
from newsgraph.resolve.decisions import (
    KINDS,
    WRONG_TABLES,
    Decision,
    add_decision,
    delete_decision,
    get_decision,
    known_by,
    record_span,
)
from newsgraph.resolve.lookup import anchor, members
from newsgraph.store import Store

log = logging.getLogger(__name__)

RecordKind = Literal["claim", "event"]
_WRONG_KIND = {"claim": "wrong_claim", "event": "wrong_event"}
_SNIPPET = 120


@dataclass
class DecisionView(Record):
    """One decision as a person reads it. ``refers`` says what it is about, structured per kind:

    * merge: ``{"entities": [{"anchor", "entity", "name", "anchor_name"}, …]}``
      (``entity``/``name``: the canonical actor that anchor belongs to now; ``anchor_name``: the
      name in that article);
    * split: ``{"entity": {…same keys…}, "alias": alias}``;
    * wrong_claim / wrong_event: ``{"doc_id", "record_id", "title", "summary"}``.

    ``applied`` is whether the store shows the decision now (False when the articles it is about
    are gone, or a later decision undid its effect)."""

    id: str
    kind: str
    created_at: str
    note: str | None
    text: str
    applied: bool
    refers: dict[str, Any] = field(default_factory=dict)


@dataclass
class DecisionPage(Record):
    total: int
    limit: int
    offset: int
    items: list[DecisionView] = field(default_factory=list)


# --- reading ----------------------------------------------------------------------------------
def list_decisions(
    store: Store, *, limit: int = 50, offset: int = 0, kind: str | None = None
) -> DecisionPage:
    """Decisions, newest first, ``limit`` from ``offset``, with the total; of one ``kind`` when
    given (one of :data:`KINDS`, else ``ValueError``)."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
    row = store.con.execute(f"SELECT count(*) FROM decisions {where}", params).fetchone()
    total = int(row[0]) if row else 0
    rows = store.con.execute(
        f"SELECT id, kind, a, b, note, created_at FROM decisions {where} "
        "ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
        [*params, max(limit, 0), max(offset, 0)],
    ).fetchall()
    items = [describe(store, Decision(*r)) for r in rows]
    return DecisionPage(total=total, limit=limit, offset=offset, items=items)


def show_decision(store: Store, decision_id: str) -> DecisionView:
    found = get_decision(store.con, decision_id)
    if found is None:
        raise NotFoundError(
            f"no decision {decision_id!r}", hint="list them with 'newsgraph decisions'"
        )
    return describe(store, found)


def describe(store: Store, d: Decision) -> DecisionView:
    """What decision ``d`` refers to, in words and structured (see :class:`DecisionView`)."""
    con = store.con
    created = d.created_at.isoformat(timespec="seconds")
    if d.kind == "merge":
        ea, eb = _entity_ref(con, d.a), _entity_ref(con, d.b)
        text = f"merge {ea['anchor_name']!r} with {eb['anchor_name']!r}"
        applied = bool(ea["entity"]) and ea["entity"] == eb["entity"]
        refers: dict[str, Any] = {"entities": [ea, eb]}
    elif d.kind == "split":
        ea = _entity_ref(con, d.a)
        text = f"split {d.b!r} from {ea['name'] or ea['anchor_name']!r}"
        applied = bool(ea["entity"]) and not any(
            known_by(m, d.b) for m in members(con, str(ea["entity"])) if m.key != d.a
        )
        refers = {"entity": ea, "alias": d.b}
    else:
        refers, applied = _record_ref(con, d)
        what = "claim" if d.kind == "wrong_claim" else "event"
        text = f"{what} {d.a} is wrong: {refers['summary']}"
    return DecisionView(
        id=d.id,
        kind=d.kind,
        created_at=created,
        note=d.note,
        text=text,
        applied=applied,
        refers=refers,
    )


def _entity_ref(con: duckdb.DuckDBPyConnection, key: str) -> dict[str, Any]:
    doc_id, _, entity_id = key.rpartition("/")
    row = con.execute(
        "SELECT e.name, l.canonical_id, c.name FROM entities e "
        "LEFT JOIN entity_links l ON l.doc_id = e.doc_id AND l.entity_id = e.id "
        "LEFT JOIN canonical_entities c ON c.id = l.canonical_id "
        "WHERE e.doc_id = ? AND e.id = ?",
        [doc_id, entity_id],
    ).fetchone()
    if row is None:
        return {"anchor": key, "anchor_name": key, "entity": None, "name": None}
    return {"anchor": key, "anchor_name": row[0] or key, "entity": row[1], "name": row[2]}


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1].rsplit(" ", 1)[0] + "…"


def _record_ref(con: duckdb.DuckDBPyConnection, d: Decision) -> tuple[dict[str, Any], bool]:
    doc_id, _, record_id = d.a.rpartition("/")
    ref: dict[str, Any] = {"doc_id": doc_id, "record_id": record_id, "title": None}
    doc = con.execute("SELECT title, text FROM documents WHERE id = ?", [doc_id]).fetchone()
    text = str(doc[1]) if doc else ""
    ref["title"] = doc[0] if doc else None
    if d.kind == "wrong_claim":
        row = con.execute(
            "SELECT c.speaker_start, c.speaker_end, c.cue, c.content_start, c.content_end, e.name "
            "FROM claims c LEFT JOIN entities e ON e.doc_id = c.doc_id AND e.id = c.speaker "
            "WHERE c.doc_id = ? AND c.id = ?",
            [doc_id, record_id],
        ).fetchone()
        if row is None:
            ref["summary"] = "(the claim is no longer in the store)"
            return ref, False
        ss, se, cue, ks, ke, name = row
        speaker = name or (text[ss:se] if ss is not None and se is not None else "someone")
        content = text[ks:ke] if ks is not None and ke is not None else ""
        ref["summary"] = f"{speaker} {cue or 'said'} “{_snippet(content)}”"
        return ref, True
    row = con.execute(
        "SELECT type, mode, trigger_start, trigger_end, sentence_start, sentence_end "
        "FROM events WHERE doc_id = ? AND id = ?",
        [doc_id, record_id],
    ).fetchone()
    if row is None:
        ref["summary"] = "(the event is no longer in the store)"
        return ref, False
    etype, mode, ts, te, ss, se = row
    label = f"{etype}/{mode}" if mode else str(etype)
    trigger = text[ts:te] if ts is not None and te is not None else ""
    sentence = text[ss:se] if ss is not None and se is not None else ""
    ref["summary"] = f"{label} “{trigger}” in “{_snippet(sentence)}”"
    return ref, True


# --- deciding ---------------------------------------------------------------------------------
def merge(db: str, a: str, b: str, note: str | None = None) -> dict[str, Any]:
    """Judge the entities ``a`` and ``b`` (ids or names) to be one actor. Returns ``decision``,
    ``kind``, the merged ``entity_id`` and ``name``, and ``text`` (what was decided, in words).
    Raises :class:`SameEntityError` when they already are one entity."""
    with write_store(db, refresh_index=False) as store:
        con = store.con
        ea, eb = find_canonical(store, a), find_canonical(store, b)
        if ea.id == eb.id:
            raise SameEntityError(f"{a!r} and {b!r} are already one entity ({ea.id})")
        text = f"merge {ea.name!r} ({ea.id}) with {eb.name!r} ({eb.id})"
        decision = add_decision(con, "merge", anchor(con, ea.id), anchor(con, eb.id), note or text)
        run_resolution(store)
        merged = find_canonical(store, canonical_of(store, decision.a))
    return {
        "decision": decision.id,
        "kind": "merge",
        "entity_id": merged.id,
        "name": merged.name,
        "text": text,
    }


def split(db: str, entity: str, alias: str, note: str | None = None) -> dict[str, Any]:
    """Detach from ``entity`` (id or name) the doc-level entities known by ``alias`` into their
    own canonical entity. Returns ``decision``, ``kind``, the kept ``entity_id``, ``alias``, the
    entity's former ``name`` and ``text`` (what was decided, in words)."""
    with write_store(db, refresh_index=False) as store:
        con = store.con
        found = find_canonical(store, entity)
        text = f"split {alias!r} from {found.name!r} ({found.id})"
        decision = add_decision(
            con, "split", anchor(con, found.id, not_alias=alias), alias, note or text
        )
        run_resolution(store)
        kept = canonical_of(store, decision.a)
    return {
        "decision": decision.id,
        "kind": "split",
        "entity_id": kept,
        "alias": alias,
        "name": found.name,
        "text": text,
    }


def find_document_id(store: Store, ref: str) -> str:
    """The id of the document ``ref`` names: its id, or the only id starting with it."""
    prefix = ref.strip()
    if not prefix:
        raise NotFoundError("no document id given")
    rows = store.con.execute(
        "SELECT id FROM documents WHERE id = ? OR starts_with(id, ?) ORDER BY id = ? DESC, id "
        "LIMIT 6",
        [prefix, prefix, prefix],
    ).fetchall()
    if not rows:
        raise NotFoundError(f"no document with id {ref!r}")
    if rows[0][0] != prefix and len(rows) > 1:
        raise AmbiguousNameError(
            f"{ref!r} starts several document ids: {', '.join(r[0] for r in rows[:5])}",
            hint="give more characters of the id",
        )
    return str(rows[0][0])


def mark_wrong(
    db: str, what: RecordKind, doc: str, record_id: str, note: str | None = None
) -> dict[str, Any]:
    """Mark the claim or event ``record_id`` of document ``doc`` (id or unique prefix) wrong: it
    is left out of lists, timelines and dossiers from now on, and flagged in the document view.
    Returns ``decision``, ``kind``, ``doc_id``, ``record_id`` and ``text``. Marking it again
    keeps one decision."""
    if what not in _WRONG_KIND:
        raise ValueError(f"what must be 'claim' or 'event', not {what!r}")
    kind = _WRONG_KIND[what]
    with write_store(db, refresh_index=False) as store:
        doc_id = find_document_id(store, doc)
        try:
            span = record_span(store.con, WRONG_TABLES[kind], doc_id, record_id)
        except KeyError:
            raise NotFoundError(
                f"document {doc_id} has no {what} {record_id!r}",
                hint=f"the ids are in 'newsgraph doc {doc_id[:12]} --json' ({what}s[].id)",
            ) from None
        d = add_decision(store.con, kind, f"{doc_id}/{record_id}", span, note)
        if kind == "wrong_event":
            _relink_events(store)
        view = describe(store, d)
    return {
        "decision": d.id,
        "kind": kind,
        "doc_id": doc_id,
        "record_id": record_id,
        "text": view.text,
    }


def _relink_events(store: Store) -> None:
    """Link events across articles again: an event marked wrong reports nothing, so the
    report counts of the events it was linked with change. Only the clusters the marked (or
    un-marked) event touches are relinked: no canonical actor changed."""
    from newsgraph.resolve.events import link_events

    link_events(store, changed_canonicals=set())


def undo(db: str, decision_id: str) -> dict[str, Any]:
    """Forget decision ``decision_id``. A merge or split is undone by resolving again, so the
    actors are as they were before it (unless a later decision says otherwise); a record marked
    wrong is shown again. Returns ``decision``, ``kind`` and ``text`` (what was undone)."""
    with write_store(db, refresh_index=False) as store:
        found = get_decision(store.con, decision_id)
        if found is None:
            raise NotFoundError(
                f"no decision {decision_id!r}", hint="list them with 'newsgraph decisions'"
            )
        text = describe(store, found).text
        delete_decision(store.con, decision_id)
        if found.kind in ("merge", "split"):
            run_resolution(store)
        elif found.kind == "wrong_event":
            _relink_events(store)
    return {"decision": found.id, "kind": found.kind, "text": f"undone: {text}"}

"""``ftm``: FollowTheMoney entities as JSON lines, the format Aleph and the ``ftm`` tools read
(``ftm validate``, ``ftm aggregate``, ``ftm export-gexf`` …). What each record becomes is in
:mod:`newsgraph.export.ftm_map`; the filters select as for every format
(:mod:`newsgraph.export.select`: about an actor, the articles that mention it, and of their
events and claims those it takes part in). Actors come first (every entity an article or a link
refers to is written before it), then each article with its Documentation, Event and UnknownLink
entities, article by article, read from the store in pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from followthemoney.proxy import EntityProxy

from newsgraph.export.ftm_map import (
    Actor,
    ArticleInfo,
    ClaimInfo,
    EventInfo,
    actor_entity,
    article_entity,
    claim_entities,
    documentation,
    event_entities,
)
from newsgraph.export.registry import Exporter, ExportFilter, ExportStats, register
from newsgraph.export.select import select
from newsgraph.query.common import alias_names, loads
from newsgraph.query.entities import resolved
from newsgraph.query.network_sql import PairsQuery, ensure_fold
from newsgraph.query.wrong import not_wrong

if TYPE_CHECKING:
    from newsgraph.store import Store

PAGE = 200  # articles read at once


def _scope_sql(docs: list[str] | None, col: str = "doc_id") -> str:
    return "true" if docs is None else f"{col} IN (SELECT unnest($docs::VARCHAR[]))"


class _Export:
    """One export run: the store, the scope and what has been written so far."""

    def __init__(self, store: Store, flt: ExportFilter) -> None:
        self.store = store
        self.sel = select(store, flt)
        self.docs = sorted(self.sel.doc_ids) if self.sel.doc_ids is not None else None
        self.q = PairsQuery(resolved=resolved(store))
        if not self.q.resolved:
            ensure_fold(store.con)
        self.actors: dict[str, Actor] = {}  # node id -> exported actor
        self.names: dict[str, str] = {}  # FtM id -> name, for event names
        self.counts: dict[str, int] = {}

    def _params(self, **more: Any) -> dict[str, Any]:
        out = dict(more)
        if self.docs is not None:
            out["docs"] = self.docs
        return out

    def _acting(self) -> set[str]:
        """Actors that are a source or target of an event, or a speaker or target of a claim (not
        of one a person marked wrong: a wrong record makes nobody an actor)."""
        where = _scope_sql(self.docs, "x.doc_id")
        ok_event, ok_claim = not_wrong("event"), not_wrong("claim")
        rows = self.store.con.execute(
            f"WITH node_of AS ({self.q.node_of()}), x AS ("
            "SELECT doc_id, unnest(from_json(source, '[\"VARCHAR\"]')) AS ent FROM events "
            f"WHERE {ok_event} "
            "UNION ALL SELECT doc_id, unnest(from_json(target, '[\"VARCHAR\"]')) FROM events "
            f"WHERE {ok_event} "
            "UNION ALL SELECT doc_id, speaker FROM claims "
            f"WHERE speaker IS NOT NULL AND {ok_claim} "
            "UNION ALL SELECT doc_id, unnest(from_json(targets, '[\"VARCHAR\"]')) FROM claims "
            f"WHERE {ok_claim}) "
            "SELECT DISTINCT n.node FROM x JOIN node_of n "
            f"ON n.doc_id = x.doc_id AND n.entity_id = x.ent WHERE {where}",
            self._params(),
        ).fetchall()
        return {r[0] for r in rows}

    def actor_entities(self) -> Iterator[EntityProxy]:
        acting = self._acting()
        extra = (
            "c.aliases, c.attributes"
            if self.q.resolved
            else "NULL::JSON AS aliases, NULL::JSON AS attributes"
        )
        join = "LEFT JOIN canonical_entities c ON c.id = i.id" if self.q.resolved else ""
        rows = self._stream(
            f"WITH node_of AS ({self.q.node_of()}), node_info AS ({self.q.node_info()}), "
            f"used AS (SELECT DISTINCT node FROM node_of WHERE {_scope_sql(self.docs)}) "
            f"SELECT i.id, i.name, i.type, {extra} FROM used u JOIN node_info i ON i.id = u.node "
            f"{join} ORDER BY i.id",
            1000,
        )
        for page in rows:
            for node, name, type_, aliases, attributes in page:
                proxy = actor_entity(
                    node,
                    name or node,
                    type_ or "",
                    node in acting,
                    alias_names(aliases),
                    loads(attributes, {}) or {},
                )
                if proxy is None or proxy.id is None:
                    continue
                self.actors[node] = Actor(proxy.id, proxy.schema.name)
                self.names[proxy.id] = name or node
                yield proxy

    def _stream(self, sql: str, size: int) -> Iterator[list[tuple[Any, ...]]]:
        """Pages of ``sql``'s rows from a cursor of its own, so that the queries each page
        runs on the store's connection do not end the stream."""
        cur = self.store.con.cursor()
        try:
            if not self.q.resolved:
                ensure_fold(cur)
            cur.execute(sql, self._params())
            while rows := cur.fetchmany(size):
                yield rows
        finally:
            cur.close()

    def _doc_ids(self) -> Iterator[list[str]]:
        sql = f"SELECT id FROM documents WHERE {_scope_sql(self.docs, 'id')} ORDER BY id"
        for rows in self._stream(sql, PAGE):
            yield [r[0] for r in rows]

    def article_entities(self) -> Iterator[EntityProxy]:
        for page in self._doc_ids():
            yield from self._page(page)

    def _page(self, ids: list[str]) -> Iterator[EntityProxy]:
        con, p = self.store.con, {"ids": ids}
        inside = "doc_id IN (SELECT unnest($ids::VARCHAR[]))"
        links: dict[str, dict[str, str]] = {}
        for doc_id, eid, node in con.execute(
            f"WITH node_of AS ({self.q.node_of()}) SELECT doc_id, entity_id, node FROM node_of "
            f"WHERE {inside}",
            p,
        ).fetchall():
            links.setdefault(doc_id, {})[eid] = node
        events: dict[str, list[tuple[Any, ...]]] = {}
        least = self.sel.min_event
        for row in con.execute(
            "SELECT doc_id, id, type, mode, coalesce(modality, 'occurred'), "
            "json_extract_string(date, '$.value'), source, target, coalesce(reciprocal, false), "
            "place, sentence_start, sentence_end, confidence FROM events "
            f"WHERE {inside} AND {not_wrong('event')} "
            "AND (confidence IS NULL OR confidence >= $least) ORDER BY doc_id, id",
            {**p, "least": least if least is not None else 0.0},
        ).fetchall():
            events.setdefault(row[0], []).append(row)
        claims: dict[str, list[tuple[Any, ...]]] = {}
        least = self.sel.min_claim
        for row in con.execute(
            "SELECT doc_id, id, speaker, cue, coalesce(status, 'asserted'), "
            "json_extract_string(date, '$.value'), targets, content_start, content_end, "
            "least(coalesce(speaker_start, cue_start), cue_start, content_start), "
            "greatest(coalesce(speaker_end, cue_end), cue_end, content_end), confidence "
            f"FROM claims WHERE {inside} AND {not_wrong('claim')} AND speaker IS NOT NULL "
            "AND (confidence IS NULL OR confidence >= $least) ORDER BY doc_id, id",
            {**p, "least": least if least is not None else 0.0},
        ).fetchall():
            claims.setdefault(row[0], []).append(row)
        for doc_id, date, title, url, source, text in con.execute(
            "SELECT id, date, title, url, source, text FROM documents "
            "WHERE id IN (SELECT unnest($ids::VARCHAR[])) ORDER BY id",
            p,
        ).fetchall():
            a = ArticleInfo(doc_id, date, title, url, source, text)
            yield article_entity(a)
            yield from self._records(a, links.get(doc_id, {}), events, claims)

    def _records(
        self,
        a: ArticleInfo,
        local: dict[str, str],
        events: dict[str, list[tuple[Any, ...]]],
        claims: dict[str, list[tuple[Any, ...]]],
    ) -> Iterator[EntityProxy]:
        def actors(ids: Any) -> list[Actor]:
            out = []
            for eid in loads(ids, []) or []:
                actor = self.actors.get(local.get(str(eid), ""))
                if actor is not None and actor not in out:
                    out.append(actor)
            return out

        for node in sorted(set(local.values())):
            actor = self.actors.get(node)
            if actor is not None:
                yield documentation(a, actor, "mentioned", actor.id.removeprefix("ng-"))
        for row in events.get(a.doc_id, []):
            _d, eid, type_, mode, modality, date, src, tgt, recip, place, ss, se, conf = row
            if not self.sel.involves(a.doc_id, [*(loads(src, []) or []), *(loads(tgt, []) or [])]):
                continue
            place_actor = self.actors.get(local.get(place or "", ""))
            place_name = self.names.get(place_actor.id) if place_actor else None
            info = EventInfo(
                a.doc_id,
                eid,
                type_,
                mode,
                modality,
                date,
                a.sentence(ss, se),
                actors(src),
                actors(tgt),
                bool(recip),
                place_name,
                conf,
            )
            yield from event_entities(a, info, self.names)
        for row in claims.get(a.doc_id, []):
            _d, cid, spk, cue, status, date, tgts, ks, ke, lo, hi, conf = row
            if not self.sel.involves(a.doc_id, [spk, *(loads(tgts, []) or [])]):
                continue
            speaker = self.actors.get(local.get(spk, ""))
            if speaker is None:
                self.counts["claims_without_speaker"] = (
                    self.counts.get("claims_without_speaker", 0) + 1
                )
                continue
            info_c = ClaimInfo(
                a.doc_id,
                cid,
                cue or "",
                status,
                date,
                a.text[ks:ke] if ks is not None and ke is not None else "",
                a.sentence(lo, hi),
                speaker,
                actors(tgts),
                conf,
            )
            yield from claim_entities(a, info_c)


def write(store: Store, flt: ExportFilter, out: BinaryIO | Path) -> ExportStats:
    if isinstance(out, Path):
        with out.open("wb") as fh:
            return write(store, flt, fh)
    run = _Export(store, flt)
    counts: dict[str, int] = {}
    for source in (run.actor_entities(), run.article_entities()):
        for proxy in source:
            counts[proxy.schema.name] = counts.get(proxy.schema.name, 0) + 1
            line = json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True)
            out.write(line.encode("utf-8") + b"\n")
    counts.update(run.counts)
    return ExportStats(dict(sorted(counts.items())))


register(
    Exporter(
        name="ftm",
        extension=".ftm.json",
        media_type="application/x-ndjson",
        description="FollowTheMoney entities, one JSON per line (Aleph; ftm validate/aggregate)",
        write=write,
    )
)

"""Events and claims of the selected documents, a page of documents at a time, with what the
record formats (PLOVER, TimelineJS, ClaimReview) write about them: the article (date, url,
title, text), each actor's name, type and canonical id, places with their coordinates.

Documents are read in id order, :data:`PAGE` at a time, so memory holds one page whatever the
size of the store. Events and claims a person marked wrong, or below the selection's least
confidence, are dropped here, and,
when the export is about one actor, those it takes no part in (an event's source or target, a
claim's speaker or target).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from newsgraph.export.select import Selection
from newsgraph.query.common import UNNEST_STRINGS, DocInfo, dict_rows, json_param, loads
from newsgraph.query.wrong import not_wrong
from newsgraph.store import Store

PAGE = 200  # documents read at once

_DATE = ("year", "month", "day")


@dataclass(frozen=True)
class Actor:
    """An actor as an export names it: its canonical id (or ``doc_id/entity_id`` before
    resolution, or None for an unnamed one), its name and entity type, the words of the article."""

    id: str | None
    name: str
    type: str | None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "text": self.text}


@dataclass
class Article:
    """One selected document with its events and claims (rows with JSON columns decoded)."""

    id: str
    date: str
    date_precision: str
    title: str | None
    url: str | None
    source: str | None
    text: str
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    mentions: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    sentences: tuple[tuple[int, int], ...] = ()

    def span(self, start: int | None, end: int | None) -> str:
        """The article's words between two offsets, spaces folded."""
        if start is None or end is None:
            return ""
        return " ".join(self.text[start:end].split())

    def sentence(self, start: int, end: int) -> str:
        """The whole sentence(s) covering ``[start, end)``."""
        info = DocInfo(self.id, self.date, self.title, self.text, self.sentences)
        s, e = info.sentence_span(start, end)
        return self.span(min(s, start), max(e, end))

    def claim_sentence(self, claim: dict[str, Any]) -> str:
        """The sentence(s) holding a claim's speaker, cue and content."""
        starts = [claim.get(k) for k in ("speaker_start", "cue_start", "content_start")]
        ends = [claim.get(k) for k in ("speaker_end", "cue_end", "content_end")]
        return self.sentence(
            min(x for x in starts if x is not None), max(x for x in ends if x is not None)
        )

    def actor(self, ref: str | None, words: str | None = None) -> Actor:
        """The actor a doc-level entity (or mention) id stands for; ``words``: the article's."""
        if ref and ref in self.entities:
            e = self.entities[ref]
            return Actor(e["canonical_id"] or f"{self.id}/{ref}", e["name"], e["type"], words)
        if ref and ref in self.mentions:
            m = self.mentions[ref]
            return Actor(None, m["text"], m["type"], words or m["text"])
        return Actor(None, words or ref or "", None, words)

    def event_actors(self, event: dict[str, Any], role: str) -> list[Actor]:
        """The sources (``role="source"``) or targets of an event: each entity once, then the
        actors the text names without an entity (``arguments``)."""
        out: list[Actor] = []
        seen: set[str] = set()
        words = {
            a.get("entity"): a.get("text")
            for a in event.get("arguments") or []
            if a.get("role") == role and a.get("entity")
        }
        for ref in event.get(role if role == "source" else "target") or []:
            if ref not in seen:
                seen.add(ref)
                out.append(self.actor(ref, words.get(ref)))
        for a in event.get("arguments") or []:
            if a.get("role") == role and not a.get("entity"):
                key = " ".join(str(a.get("text") or "").lower().split())
                if key and key not in seen:
                    seen.add(key)
                    out.append(Actor(None, str(a.get("text")), None, str(a.get("text"))))
        return out

    def place(self, ref: str | None) -> dict[str, Any] | None:
        """An event's place: name, canonical id, country, GeoNames id, coordinates when known."""
        if not ref or ref not in self.entities:
            return None
        e = self.entities[ref]
        attrs = e["attributes"] or {}
        return {
            "id": e["canonical_id"] or f"{self.id}/{ref}",
            "name": e["name"],
            "type": e["type"],
            "country": attrs.get("country"),
            "geonames_id": attrs.get("geonames_id"),
            "lat": attrs.get("lat"),
            "lon": attrs.get("lon"),
        }


def calendar_date(value: str | None) -> tuple[str, str] | None:
    """The ISO calendar prefix a TIMEX3 value names and its precision: ``("2023-02", "month")``
    for ``2023-02``, ``("2024", "year")`` for ``2024-W37``; None for ``XXXX-WXX-4``, durations,
    references such as ``PRESENT_REF``."""
    v = (value or "").strip()
    parts = v[:10].split("-")
    if not parts or not (len(parts[0]) == 4 and parts[0].isdigit()):
        return None
    kept = [parts[0]]
    for p in parts[1:3]:
        if len(p) == 2 and p.isdigit() and p != "00":
            kept.append(p)
        else:
            break
    if len(kept) > 1 and not 1 <= int(kept[1]) <= 12:
        kept = kept[:1]
    return "-".join(kept), _DATE[len(kept) - 1]


def record_date(record: dict[str, Any], article: Article) -> dict[str, Any]:
    """When an event or claim took place as exports write it: ``date`` (ISO prefix), its
    ``precision`` (year | month | day), ``value`` (the raw TIMEX3 value, may be underspecified),
    ``granularity`` (the pipeline's), and ``dated_by`` — "text" when an expression of the article
    dates it, "article" when the article's own date stands in."""
    ref = record.get("date") or {}
    value = ref.get("value")
    found = calendar_date(value) if record.get("timex") is not None else None
    if found is None:
        return {
            "date": article.date,
            "precision": article.date_precision,
            "value": value,
            "granularity": ref.get("granularity"),
            "dated_by": "article",
        }
    return {
        "date": found[0],
        "precision": found[1],
        "value": value,
        "granularity": ref.get("granularity"),
        "dated_by": "text",
    }


def selected_ids(store: Store, sel: Selection) -> list[str]:
    """The selected document ids in id order (a few bytes each)."""
    if sel.doc_ids is not None:
        return sorted(sel.doc_ids)
    return [r[0] for r in store.con.execute("SELECT id FROM documents ORDER BY id").fetchall()]


def iter_articles(
    store: Store, sel: Selection, *, events: bool = True, claims: bool = True
) -> Iterator[Article]:
    """The selected articles that hold an event or claim the selection keeps, in id order."""
    ids = selected_ids(store, sel)
    for i in range(0, len(ids), PAGE):
        yield from _page(store, sel, ids[i : i + PAGE], events, claims)


def _rows(store: Store, kind: str, ids: list[str], order: str) -> list[dict[str, Any]]:
    """The ``kind`` records (``event`` or ``claim``) of documents ``ids``, but those a person
    marked wrong (a correction is never exported as a finding)."""
    table = f"{kind}s"
    return dict_rows(
        store,
        f"SELECT * FROM {table} WHERE doc_id IN {UNNEST_STRINGS} AND {not_wrong(kind)} "
        f"ORDER BY doc_id, {order}",
        [json_param(ids)],
    )


_EVENT_JSON = ("contexts", "source", "target", "date", "evidence", "arguments")
_CLAIM_JSON = ("targets", "date")


def _decoded(row: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    for name in names:
        if name in row:
            row[name] = loads(row[name])
    return row


def _page(
    store: Store, sel: Selection, ids: list[str], want_events: bool, want_claims: bool
) -> Iterator[Article]:
    by_doc_events: dict[str, list[dict[str, Any]]] = {}
    by_doc_claims: dict[str, list[dict[str, Any]]] = {}
    if want_events:
        for row in _rows(store, "event", ids, "trigger_start, id"):
            row = _decoded(row, _EVENT_JSON)
            if not sel.keeps_event(row.get("confidence")):
                continue
            if not sel.involves(row["doc_id"], [*(row["source"] or []), *(row["target"] or [])]):
                continue
            by_doc_events.setdefault(row["doc_id"], []).append(row)
    if want_claims:
        for row in _rows(store, "claim", ids, "cue_start, id"):
            row = _decoded(row, _CLAIM_JSON)
            if not sel.keeps_claim(row.get("confidence")):
                continue
            who = [row["speaker"]] if row.get("speaker") else []
            if not sel.involves(row["doc_id"], [*who, *(row["targets"] or [])]):
                continue
            by_doc_claims.setdefault(row["doc_id"], []).append(row)
    wanted = sorted(set(by_doc_events) | set(by_doc_claims))
    if not wanted:
        return
    param = [json_param(wanted)]
    docs = dict_rows(
        store,
        "SELECT id, date, date_precision, title, url, source, text FROM documents "
        f"WHERE id IN {UNNEST_STRINGS} ORDER BY id",
        param,
    )
    entities: dict[str, dict[str, dict[str, Any]]] = {}
    for doc_id, eid, name, type_, attrs, canonical_id, canonical_name in store.con.execute(
        "SELECT e.doc_id, e.id, e.name, e.type, CAST(e.attributes AS VARCHAR), l.canonical_id, "
        "c.name FROM entities e LEFT JOIN entity_links l ON l.doc_id = e.doc_id "
        "AND l.entity_id = e.id LEFT JOIN canonical_entities c ON c.id = l.canonical_id "
        f"WHERE e.doc_id IN {UNNEST_STRINGS}",
        param,
    ).fetchall():
        entities.setdefault(doc_id, {})[eid] = {
            "name": canonical_name or name,
            "type": type_,
            "canonical_id": canonical_id,
            "attributes": json.loads(attrs) if attrs else {},
        }
    mentions: dict[str, dict[str, dict[str, Any]]] = {}
    for doc_id, mid, text, type_ in store.con.execute(
        f"SELECT doc_id, id, text, type FROM mentions WHERE doc_id IN {UNNEST_STRINGS}", param
    ).fetchall():
        mentions.setdefault(doc_id, {})[mid] = {"text": text, "type": type_}
    sentences: dict[str, list[tuple[int, int]]] = {}
    for doc_id, start, end in store.con.execute(
        f'SELECT doc_id, start, "end" FROM sentences WHERE doc_id IN {UNNEST_STRINGS} '
        "ORDER BY doc_id, start",
        param,
    ).fetchall():
        sentences.setdefault(doc_id, []).append((start, end))
    for d in docs:
        yield Article(
            **d,
            entities=entities.get(d["id"], {}),
            mentions=mentions.get(d["id"], {}),
            events=by_doc_events.get(d["id"], []),
            claims=by_doc_claims.get(d["id"], []),
            sentences=tuple(sentences.get(d["id"], ())),
        )

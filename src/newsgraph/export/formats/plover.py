"""``plover``: one JSON record per event, in the PLOVER event data format (one object per line).

Field names follow PLOVER's data format: ``event`` (one of its 16 types), ``mode``, ``context``,
``actor`` and ``recipient``, ``date`` with ``date_resolution``, ``location``, ``text`` (the source
sentence), ``source``/``url`` (the article). Where PLOVER has one actor per side, an event here may
have several (``Ostland and Lagonia accused …``), so ``actor`` and ``recipient`` are lists of
``{id, name, type, text}``; a pipeline that wants dyads pairs every actor with every recipient
(for a ``reciprocal`` event, every party with every other, as PLOVER codes a meeting). Every
record also has what newsgraph adds: ``modality`` (occurred | alleged | scheduled | hypothetical
| negated), ``confidence``, the raw TIMEX3 value and whether the text or the article date dates it,
the trigger words and the cross-article ``cluster`` id.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from newsgraph.export.records import Article, iter_articles, record_date
from newsgraph.export.registry import Exporter, ExportFilter, ExportStats, register
from newsgraph.export.select import select
from newsgraph.export.sink import binary_sink

if TYPE_CHECKING:
    from newsgraph.store import Store


def plover_record(article: Article, event: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER record of one stored event of ``article``."""
    when = record_date(event, article)
    return {
        "id": f"{article.id}-{event['id']}",
        "event": event["type"],
        "mode": event.get("mode"),
        "context": list(event.get("contexts") or []),
        "actor": [a.to_dict() for a in article.event_actors(event, "source")],
        "recipient": [a.to_dict() for a in article.event_actors(event, "target")],
        "reciprocal": bool(event.get("reciprocal")),
        "date": when["date"],
        "date_resolution": when["precision"],
        "date_value": when["value"],
        "dated_by": when["dated_by"],
        "location": article.place(event.get("place")),
        "text": article.span(event.get("sentence_start"), event.get("sentence_end")),
        "trigger": article.span(event.get("trigger_start"), event.get("trigger_end")),
        "modality": event.get("modality") or "occurred",
        "confidence": event.get("confidence"),
        "cameo": event.get("cameo"),
        "claim": event.get("claim"),
        "doc_id": article.id,
        "event_id": event["id"],
        "url": article.url,
        "title": article.title,
        "source": article.source,
        "publication_date": article.date,
    }


def write(store: Store, flt: ExportFilter, out: BinaryIO | Path) -> ExportStats:
    sel = select(store, flt)
    n = 0
    with binary_sink(out) as fh:
        for article in iter_articles(store, sel, claims=False):
            for event in article.events:
                fh.write(json.dumps(plover_record(article, event), ensure_ascii=False).encode())
                fh.write(b"\n")
                n += 1
    return ExportStats({"events": n})


register(
    Exporter(
        name="plover",
        extension=".jsonl",
        media_type="application/x-ndjson",
        description="one PLOVER event record per line (event, mode, context, actors, date, place)",
        write=write,
    )
)

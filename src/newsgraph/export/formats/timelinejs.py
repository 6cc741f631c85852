"""``timelinejs``: an actor's timeline as a TimelineJS 3 JSON document (needs ``--entity``).

One slide per event and claim the actor takes part in: ``start_date`` as precise as the record's
date (a year, a month or a day: TimelineJS shows "2023" for a year-only date), the source
sentence as the slide text with a link to the article, and the kind (event / claim) as the
slide's group. A record the text does not date is placed at its article's date and says so in
``display_date``. Text is HTML-escaped (TimelineJS renders slide text as HTML), and the document
is written slide by slide, not built in memory.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from newsgraph.errors import ExportError
from newsgraph.export.records import Article, record_date
from newsgraph.export.records import iter_articles as articles
from newsgraph.export.registry import Exporter, ExportFilter, ExportStats, register
from newsgraph.export.select import select
from newsgraph.export.sink import binary_sink
from newsgraph.query.dates import ARTICLE_MARK, human_date

if TYPE_CHECKING:
    from newsgraph.store import Store


def start_date(date: str) -> dict[str, int]:
    """TimelineJS ``start_date`` of an ISO prefix: year, then month and day when given."""
    parts = [int(p) for p in date.split("-")[:3]]
    return dict(zip(("year", "month", "day"), parts, strict=False))


def _link(article: Article) -> str:
    label = html.escape(article.title or f"article {article.id}")
    where = f" ({html.escape(article.source)})" if article.source else ""
    date = html.escape(article.date)
    if article.url:
        return f'<a href="{html.escape(article.url, quote=True)}">{label}</a>{where}, {date}'
    return f"{label}{where}, {date}"


def _slide(
    article: Article, record: dict[str, Any], kind: str, headline: str, sentence: str
) -> dict[str, Any]:
    when = record_date(record, article)
    shown = human_date(when["value"]) if when["dated_by"] == "text" else None
    display = shown or f"{human_date(article.date) or article.date}{ARTICLE_MARK}"
    return {
        "unique_id": f"{article.id}-{record['id']}",
        "start_date": start_date(when["date"]),
        "display_date": display,
        "group": kind,
        "text": {
            "headline": html.escape(headline),
            "text": f"<p>{html.escape(sentence)}</p><p>{_link(article)}</p>",
        },
    }


def event_slide(article: Article, event: dict[str, Any]) -> dict[str, Any]:
    sources = ", ".join(a.name for a in article.event_actors(event, "source"))
    targets = ", ".join(a.name for a in article.event_actors(event, "target"))
    label = event["type"] + (f"/{event['mode']}" if event.get("mode") else "")
    modality = event.get("modality") or "occurred"
    who = f"{sources or '?'} → {targets}" if targets else sources
    headline = f"{label} ({modality})" + (f": {who}" if who else "")
    sentence = article.span(event.get("sentence_start"), event.get("sentence_end"))
    return _slide(article, event, "event", headline, sentence)


def claim_slide(article: Article, claim: dict[str, Any]) -> dict[str, Any]:
    speaker = (
        article.actor(claim["speaker"]).name
        if claim.get("speaker")
        else article.span(claim.get("speaker_start"), claim.get("speaker_end")) or "unknown"
    )
    headline = f"{speaker} {claim.get('cue') or 'said'} ({claim.get('status') or 'asserted'})"
    return _slide(article, claim, "claim", headline, article.claim_sentence(claim))


def write(store: Store, flt: ExportFilter, out: BinaryIO | Path) -> ExportStats:
    if not flt.entity:
        raise ExportError(
            "a timeline is an actor's: give --entity ID|NAME", hint="newsgraph entities lists them"
        )
    sel = select(store, flt)
    assert sel.actor is not None
    counts = {"events": 0, "claims": 0}
    title = {
        "text": {
            "headline": html.escape(sel.actor.name),
            "text": html.escape(
                f"{sel.actor.type}: events and claims extracted by newsgraph from "
                f"{sel.actor.n_docs} articles; each slide quotes its source sentence."
            ),
        }
    }
    with binary_sink(out) as fh:
        fh.write(b'{"title": ' + json.dumps(title, ensure_ascii=False).encode() + b', "events": [')
        first = True
        for article in articles(store, sel):
            slides = [("events", event_slide(article, e)) for e in article.events]
            slides += [("claims", claim_slide(article, c)) for c in article.claims]
            for kind, slide in slides:
                fh.write(
                    (b"\n" if first else b",\n") + json.dumps(slide, ensure_ascii=False).encode()
                )
                first = False
                counts[kind] += 1
        fh.write(b"\n]}\n")
    return ExportStats(counts)


register(
    Exporter(
        name="timelinejs",
        extension=".json",
        media_type="application/json",
        description="an actor's timeline as TimelineJS 3 JSON (events and claims; needs --entity)",
        write=write,
        needs_entity=True,
    )
)

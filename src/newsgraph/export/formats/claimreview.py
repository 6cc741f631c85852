"""``claimreview``: claims as schema.org ``ClaimReview`` JSON-LD, for fact-check publishing tools.

One ``ClaimReview`` per claim in a JSON-LD document (``{"@context": "https://schema.org",
"@graph": [...]}``): ``claimReviewed`` is the claim's words, ``itemReviewed`` the ``Claim`` with
its ``author`` (the speaker, a Person or an Organization), ``datePublished`` (when it was made,
else the article's date) and ``appearance`` (the article: url, headline, date). These are
*extracted* claims, not fact checks: no ``reviewRating`` is given (none is invented), the review
is marked ``creativeWorkStatus: "Draft"`` and its ``description`` says it is unreviewed, so a
fact-checker starts from it and adds the verdict. The extraction's status (alleged, denied …),
cue and confidence are in the ``description`` in words, where schema.org has no field for them.
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

CONTEXT = "https://schema.org"
UNREVIEWED = "Extracted automatically by newsgraph from the article; not reviewed (no rating)."
_PERSON_TYPES = {"PERSON", "PER"}


def _author(article: Article, claim: dict[str, Any]) -> dict[str, Any] | None:
    if claim.get("speaker"):
        actor = article.actor(claim["speaker"])
        kind = "Person" if (actor.type or "").upper() in _PERSON_TYPES else "Organization"
        out: dict[str, Any] = {"@type": kind, "name": actor.name}
        if actor.id:
            out["identifier"] = actor.id
        return out
    words = article.span(claim.get("speaker_start"), claim.get("speaker_end"))
    return {"@type": "Person", "name": words} if words else None


def _appearance(article: Article) -> dict[str, Any]:
    out: dict[str, Any] = {
        "@type": "NewsArticle",
        "identifier": article.id,
        "datePublished": article.date,
    }
    if article.url:
        out["url"] = article.url
    if article.title:
        out["headline"] = article.title
    if article.source:
        out["publisher"] = {"@type": "Organization", "name": article.source}
    return out


def claim_review(article: Article, claim: dict[str, Any]) -> dict[str, Any]:
    """The ClaimReview of one stored claim of ``article``."""
    when = record_date(claim, article)
    item: dict[str, Any] = {
        "@type": "Claim",
        "text": article.span(claim["content_start"], claim["content_end"]),
        "datePublished": when["date"],
        "appearance": _appearance(article),
    }
    author = _author(article, claim)
    if author is not None:
        item["author"] = author
    about = [article.actor(t).name for t in claim.get("targets") or []]
    if about:
        item["about"] = [{"@type": "Thing", "name": name} for name in about]
    conf = claim.get("confidence")
    how = f" Status: {claim.get('status') or 'asserted'}; cue: {claim.get('cue') or ''!r}" + (
        f"; extraction confidence {conf:.2f}." if conf is not None else "."
    )
    return {
        "@type": "ClaimReview",
        "identifier": f"{article.id}-{claim['id']}",
        "claimReviewed": item["text"],
        "itemReviewed": item,
        "creativeWorkStatus": "Draft",
        "description": UNREVIEWED + how,
        "url": article.url,
    }


def write(store: Store, flt: ExportFilter, out: BinaryIO | Path) -> ExportStats:
    sel = select(store, flt)
    n = 0
    with binary_sink(out) as fh:
        fh.write(b'{"@context": "' + CONTEXT.encode() + b'", "@graph": [')
        for article in iter_articles(store, sel, events=False):
            for claim in article.claims:
                review = claim_review(article, claim)
                if review["url"] is None:
                    del review["url"]
                fh.write((b",\n" if n else b"\n") + json.dumps(review, ensure_ascii=False).encode())
                n += 1
        fh.write(b"\n]}\n")
    return ExportStats({"claims": n})


register(
    Exporter(
        name="claimreview",
        extension=".jsonld",
        media_type="application/ld+json",
        description="claims as schema.org ClaimReview JSON-LD (extracted, not reviewed: no rating)",
        write=write,
    )
)

"""Document pages: the list (search words, source, dates, paged) and one article with every
extraction highlighted at its offsets."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from newsgraph.app import browse
from newsgraph.errors import AmbiguousNameError, BadFilterError, NotFoundError
from newsgraph.store import Store
from newsgraph.web.document_view import document_view, record_focus
from newsgraph.web.render import MAX_PAGE_SIZE, PAGE_SIZE, open_store, page, pager

router = APIRouter()
StoreDep = Annotated[Store, Depends(open_store)]
_FOCUS = re.compile(r"^(\d{1,9})-(\d{1,9})$")


@router.get("/documents", response_class=HTMLResponse)
def documents(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=500)] = "",
    source: Annotated[str, Query(max_length=200)] = "",
    date_from: Annotated[str, Query(alias="from", max_length=10)] = "",
    date_to: Annotated[str, Query(alias="to", max_length=10)] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = PAGE_SIZE,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    """Articles newest first; with ``q``, the articles matching the words, best first."""
    context = {"q": q, "source": source, "date_from": date_from, "date_to": date_to}
    try:
        found = browse.documents(
            store,
            q=q or None,
            source=source or None,
            date_from=date_from or None,
            date_to=date_to or None,
            limit=limit,
            offset=offset,
        )
    except BadFilterError as exc:
        return page(request, "documents.html", 422, rows=[], pager=None, error=exc, **context)
    return page(
        request,
        "documents.html",
        rows=found.items,
        pager=pager(request, found.total, limit, offset),
        error=None,
        **context,
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(
    request: Request,
    doc_id: str,
    store: StoreDep,
    hl: Annotated[str, Query(max_length=30)] = "",
    rec: Annotated[str, Query(max_length=60)] = "",
) -> HTMLResponse:
    """One article; ``hl=START-END`` marks a passage (the sentence behind a timeline item or a
    search hit), ``rec=claim-c1`` / ``rec=event-v2`` the passage of one record (a network edge's
    support); the page scrolls to it."""
    try:
        stored = browse.document(store, doc_id)
    except (NotFoundError, AmbiguousNameError) as exc:
        return page(request, "error.html", 404, title="No such document", error=exc)
    m = _FOCUS.match(hl)
    focus = (int(m.group(1)), int(m.group(2))) if m else None
    if rec:
        focus = record_focus(stored.result, rec) or focus
    return page(request, "document.html", v=document_view(stored, focus), id=stored.id)

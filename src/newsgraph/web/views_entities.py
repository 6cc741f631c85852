"""Actor pages: the list (filter by name and type, paged) and one actor's page (names, roles,
attributes, timeline, network, articles)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from newsgraph.app.pages_reads import entity_types
from newsgraph.app.reads import actor_dossier
from newsgraph.errors import AmbiguousNameError, NotFoundError
from newsgraph.query import list_entities
from newsgraph.store import Store
from newsgraph.web.render import MAX_PAGE_SIZE, PAGE_SIZE, open_store, page, pager

router = APIRouter()
StoreDep = Annotated[Store, Depends(open_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
Offset = Annotated[int, Query(ge=0)]


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=200)] = "",
    type: Annotated[str, Query(max_length=40)] = "",
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> HTMLResponse:
    types = entity_types(store)
    error = None
    if type and type not in types:
        error = f"unknown type {type!r}: one of {', '.join(types)}"
        rows = []
    else:
        rows = list_entities(store, type=type or None, limit=None, query=q or None)
    window = rows[offset : offset + limit]
    return page(
        request,
        "entities.html",
        status_code=422 if error else 200,
        rows=window,
        q=q,
        type=type,
        types=types,
        error=error,
        pager=pager(request, len(rows), limit, offset),
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str, store: StoreDep) -> HTMLResponse:
    try:
        dossier, _ = actor_dossier(store, entity_id)
    except AmbiguousNameError as exc:
        return page(request, "error.html", status_code=404, title="Which actor?", error=exc)
    except NotFoundError as exc:
        return page(request, "error.html", status_code=404, title="No such actor", error=exc)
    undated = sum(1 for i in dossier.timeline if i.dated_by == "article")
    return page(request, "entity.html", d=dossier, e=dossier.entity, undated=undated)

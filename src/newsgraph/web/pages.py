"""The page router: static files, the front-end libraries, the home and search pages, and the
routers of each kind of page (actors, documents, claims and events, decisions)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from newsgraph.app import browse
from newsgraph.errors import BadFilterError
from newsgraph.store import Store
from newsgraph.web import records, views_documents, views_entities
from newsgraph.web.render import PAGE_SIZE, open_store, page, pager
from newsgraph.web.vendor import vendor_file

STATIC = Path(__file__).resolve().parent / "static"
_STATIC_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*\.(css|js|svg)$")
_MEDIA = {"css": "text/css", "js": "text/javascript", "svg": "image/svg+xml"}

router = APIRouter(include_in_schema=False)
router.include_router(views_entities.router)
router.include_router(views_documents.router)
router.include_router(records.router)

StoreDep = Annotated[Store, Depends(open_store)]


@router.get("/static/{name}")
def static(name: str) -> Response:
    """The pages' own scripts and styles (only plain names in the static folder)."""
    path = STATIC / name
    if not _STATIC_NAME.match(name) or not path.is_file():
        raise HTTPException(404, "no such file")
    return FileResponse(path, media_type=_MEDIA[name.rsplit(".", 1)[1]])


@router.get("/vendor/{name}")
def vendor(name: str) -> Response:
    """A front-end library file from the installed npm packages."""
    path = vendor_file(name)
    if path is None:
        raise HTTPException(404, "front-end libraries are not installed (run 'make setup')")
    media = "text/css" if name.endswith(".css") else "text/javascript"
    return FileResponse(path, media_type=media)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep) -> HTMLResponse:
    return page(
        request,
        "home.html",
        stats=browse.stats(store),
        top=browse.entities(store, limit=12).items,
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=500)] = "",
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    """Actors whose name or alias matches, and articles that contain the words."""
    if not q.strip():
        return page(request, "search.html", q=q, actors=[], result=None, pager=None)
    actors = browse.entities(store, q=q, limit=20)
    try:
        result = browse.search(store, q, limit=PAGE_SIZE, offset=offset)
    except BadFilterError as exc:
        return page(request, "error.html", 422, title="Search", error=exc)
    return page(
        request,
        "search.html",
        q=q,
        actors=actors.items,
        n_actors=actors.total,
        result=result,
        pager=pager(request, result.total, PAGE_SIZE, offset),
    )

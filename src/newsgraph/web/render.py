"""Rendering a page: the Jinja2 environment (autoescape on, so every stored value is escaped), the
store a request reads, and the pager every list shares."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from newsgraph import __version__
from newsgraph.app.access import read_store
from newsgraph.store import Store
from newsgraph.web.vendor import vendor_available

TEMPLATES = Path(__file__).resolve().parent / "templates"

env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

PAGE_SIZE = 25
MAX_PAGE_SIZE = 200


def page(
    request: Request, template: str, status_code: int = 200, /, **context: Any
) -> HTMLResponse:
    """``template`` rendered with ``context`` plus what every page's layout needs."""
    settings = request.app.state.settings
    html = env.get_template(template).render(
        request=request,
        version=__version__,
        db=settings.db,
        allow_writes=settings.allow_writes,
        vendor=vendor_available(),
        **context,
    )
    return HTMLResponse(html, status_code=status_code)


def open_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: the server's warm read-only store (the shared connection of
    :func:`newsgraph.app.access.share_reads`), the same the API reads, for one request."""
    with read_store(request.app.state.settings.db) as store:
        yield store


@dataclass(frozen=True)
class Pager:
    """Where one page of a list of ``total`` items sits, and the links to its neighbours (the
    request's other filters kept)."""

    total: int
    limit: int
    offset: int
    path: str
    params: tuple[tuple[str, str], ...]

    @property
    def first(self) -> int:
        return min(self.offset + 1, self.total)

    @property
    def last(self) -> int:
        return min(self.offset + self.limit, self.total)

    def _link(self, offset: int) -> str:
        query = [(k, v) for k, v in self.params if k not in ("offset", "limit") and v != ""]
        query += [("limit", str(self.limit))] if self.limit != PAGE_SIZE else []
        query += [("offset", str(offset))] if offset else []
        return self.path + ("?" + urlencode(query) if query else "")

    @property
    def prev(self) -> str | None:
        return self._link(max(self.offset - self.limit, 0)) if self.offset > 0 else None

    @property
    def next(self) -> str | None:
        return self._link(self.offset + self.limit) if self.last < self.total else None


def pager(request: Request, total: int, limit: int, offset: int) -> Pager:
    return Pager(total, limit, offset, request.url.path, tuple(request.query_params.multi_items()))

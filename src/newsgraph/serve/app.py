"""The application factory: the API and the pages on one FastAPI app, with security headers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response

from newsgraph import __version__
from newsgraph.api import router as api_router
from newsgraph.app.access import share_reads, stop_sharing
from newsgraph.serve.settings import ServeSettings
from newsgraph.web import router as web_router

# Pages load scripts and styles only from this server (front-end libraries are served from the
# installed npm packages, never a CDN), and article text can never run script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)


def create_app(settings: ServeSettings) -> FastAPI:
    """A FastAPI app serving ``settings.db``: JSON under ``/api/v1``, pages at ``/``. While it
    runs, requests share one warm read-only connection, released when idle so that an ingest
    can write between requests (:func:`newsgraph.app.access.share_reads`)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        share_reads(settings.db)
        try:
            yield
        finally:
            stop_sharing(settings.db)

    app = FastAPI(
        lifespan=lifespan,
        title="newsgraph",
        version=__version__,
        description="Who did what to whom, who said what about whom, when and where: "
        "the sourced record extracted from dated news articles.",
    )
    app.state.settings = settings

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    app.include_router(api_router)
    app.include_router(web_router)
    return app

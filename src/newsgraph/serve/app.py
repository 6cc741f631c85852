"""The application factory: the API and the pages on one FastAPI app, with security headers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from starlette.concurrency import run_in_threadpool

from newsgraph import __version__
from newsgraph.api import router as api_router
from newsgraph.app.warm import WarmReader
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
    """A FastAPI app serving ``settings.db``: JSON under ``/api/v1``, pages at ``/``."""
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Who did what to whom, who said what about whom, when and where: "
        "the sourced record extracted from dated news articles.",
    )
    app.state.settings = settings
    # One warm read-only connection shared by the requests (newsgraph.app.warm); a request that
    # may write (POST, DELETE: a correction) runs while it is let go, as a process cannot hold
    # the file read-only and writable at once.
    app.state.reader = WarmReader(settings.db)

    @app.middleware("http")
    async def writes_release_the_reader(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return await call_next(request)
        hold = app.state.reader.writing()
        await run_in_threadpool(hold.__enter__)
        try:
            return await call_next(request)
        finally:
            await run_in_threadpool(hold.__exit__, None, None, None)

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

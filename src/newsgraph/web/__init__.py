"""Server-rendered pages: search, actors, documents, claims, events, decisions. They call
:mod:`newsgraph.app` and :mod:`newsgraph.query` directly (never the JSON API) and escape every
value (Jinja2 autoescape)."""

from __future__ import annotations

from newsgraph.web.pages import router

__all__ = ["router"]

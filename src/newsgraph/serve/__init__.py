"""``newsgraph serve``: one ASGI application that mounts the JSON API (:mod:`newsgraph.api`, under
``/api/v1``) and the server-rendered pages (:mod:`newsgraph.web`). This package only composes the
two surfaces and the security headers; neither surface imports the other."""

from __future__ import annotations

from newsgraph.serve.app import create_app
from newsgraph.serve.settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]

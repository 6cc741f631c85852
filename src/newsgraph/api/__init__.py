"""The JSON API under ``/api/v1``: the same records as the CLI's ``--json`` output, paginated and
validated. Routes are plain functions over :mod:`newsgraph.app` and :mod:`newsgraph.query`."""

from __future__ import annotations

from newsgraph.api.routes import router

__all__ = ["router"]

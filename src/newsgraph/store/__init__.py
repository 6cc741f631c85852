"""The DuckDB store: schema, transactional idempotent writes, full-text search index."""

from __future__ import annotations

from newsgraph.errors import FtsUnavailableError, SchemaVersionError, StoreError
from newsgraph.store.core import BatchStats, Store
from newsgraph.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "BatchStats",
    "FtsUnavailableError",
    "SchemaVersionError",
    "Store",
    "StoreError",
]

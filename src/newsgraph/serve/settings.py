"""What a running server was started with, kept on ``app.state.settings`` for both surfaces."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ServeSettings:
    """``db``: the DuckDB file; ``allow_writes``: corrections accepted (with ``token``)."""

    db: str
    allow_writes: bool = False
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))

"""Built-in stages; importing this package registers them (one module per stage)."""

from newsgraph.pipeline.stages import (  # noqa: F401
    actors,
    claims,
    events,
    mentions,
    sentences,
    times,
)

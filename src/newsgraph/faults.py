"""Test hook: kill this process with SIGKILL at a named point of a job (fault-injection tests).

``NEWSGRAPH_FAULT=POINT[:N][,POINT[:N]...]`` makes the N-th time (default the first) the code
passes ``POINT`` kill the process at once, with no cleanup, as an out-of-memory kill or a power
cut would. The tests in ``tests/app/test_killed_runs.py`` use it to check that a killed run followed
by a re-run ends with the same database as one clean run, whatever the moment of the kill. With
the variable unset (always, outside those tests) :func:`point` is one dictionary lookup.

Named points (in the order an ingest passes them; :data:`POINTS`):

* ``schema-written`` — a new database's tables are created, that transaction not yet committed;
* ``batch-written`` — a batch's rows are inserted, its transaction not yet committed;
* ``batch-committed`` — a batch is committed (N counts batches);
* ``before-resolve`` — every batch is written and old failures pruned, resolution not started;
* ``resolve-written`` — canonical entities are replaced, that transaction not yet committed;
* ``entities-resolved`` — canonical entities committed, events not yet linked;
* ``events-linked`` — event links committed, the pending-resolution mark not yet cleared;
* ``resolved`` — resolution complete and marked, the search index not yet rebuilt;
* ``index-written`` — the search index is rebuilt, that transaction not yet committed.

``newsgraph compact`` has one of its own (:data:`COMPACT_POINTS`): ``compact-copied`` — the new
file is written, not yet checked nor swapped in.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

ENV = "NEWSGRAPH_FAULT"
POINTS = (
    "schema-written",
    "batch-written",
    "batch-committed",
    "before-resolve",
    "resolve-written",
    "entities-resolved",
    "events-linked",
    "resolved",
    "index-written",
)
COMPACT_POINTS = ("compact-copied",)
_passed: Counter[str] = Counter()


def point(name: str) -> None:
    """Kill this process here if ``NEWSGRAPH_FAULT`` names ``name`` for this pass."""
    spec = os.environ.get(ENV)
    if not spec:
        return
    _passed[name] += 1
    for item in spec.split(","):
        want, _, nth = item.strip().partition(":")
        if want == name and _passed[name] == int(nth or "1"):
            os.kill(os.getpid(), signal.SIGKILL)

"""Test-only stages, loaded into engine workers through ``run_pipeline(..., plugins=[...])``.

``test.probe.v1`` misbehaves on purpose when a document asks it to: ``CRASH-ME`` kills the worker
process outright (as a segfault or an out-of-memory kill would), ``RAISE-ME`` raises an ordinary
exception, ``HANG-ME`` loops forever, ``SLEEP-ME`` waits 1.5 s without using CPU (as a
document on a machine busy with other work does). Otherwise it records one flag so tests can see
that the stage ran.
"""

from __future__ import annotations

import os
import time

from newsgraph.model.records import Flag
from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.registry import stage


@stage("test.probe.v1", requires=["spacy.parse"], assigns=["test.probe"])
def probe(ctx: StageContext) -> None:
    """Crash, raise, hang, or flag the number of tokens."""
    text = ctx.document.text
    if "CRASH-ME" in text:
        os._exit(3)
    if "RAISE-ME" in text:
        raise ValueError("probe asked to raise")
    if "SLEEP-ME" in text:
        time.sleep(1.5)
    if "HANG-ME" in text:
        while True:  # a stage stuck in a loop, as a bug could leave one
            pass
    ctx.result.flags.append(Flag(kind="probe", start=0, end=0, message=str(len(ctx.doc))))


@stage("test.pid.v1", requires=["spacy.parse"], assigns=["test.pid"])
def pid(ctx: StageContext) -> None:
    """Record the process that read the document (to see that a pool spreads the work)."""
    ctx.result.flags.append(Flag(kind="pid", start=0, end=0, message=str(os.getpid())))
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "unset")
    ctx.result.flags.append(Flag(kind="blas-threads", start=0, end=0, message=threads))

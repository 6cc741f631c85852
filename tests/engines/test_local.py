"""The local engine: order, failures passing through, worker crashes, and 1 vs 2 workers."""

from __future__ import annotations

import os
from typing import Any

import pytest

from newsgraph.config import load_config
from newsgraph.engines.local import _chunks, run_pipeline
from newsgraph.errors import Failure
from newsgraph.model.records import DocResult, Document
from tests.conftest import make_doc

PLUGIN = "tests.engines.plugin_stages"


def doc(text: str, n: int, date: str = "2024-09-17") -> Document:
    d: Document = make_doc(text, date=date)
    return Document(**{**d.__dict__, "id": f"d{n}"})


def blank_config(*stages: str) -> Any:
    """A config over spaCy's blank English tokenizer: workers start in a second, no model load."""
    return load_config(pipeline__model="blank:en", pipeline__stages=list(stages))


def ids(items: list[DocResult | Failure]) -> list[str]:
    return [i.doc.id if isinstance(i, DocResult) else f"fail:{i.code}:{i.input}" for i in items]


INGEST_FAILURE = Failure(input="bad.jsonl", line=3, code="NG105", message="not JSON")


def test_chunks_keep_order_and_cut_at_failures() -> None:
    items: list[Document | Failure] = [doc("a", 1), doc("b", 2), doc("c", 3), INGEST_FAILURE]
    items += [doc("d", 4)]
    out = list(_chunks(items, 2))
    assert [o if isinstance(o, Failure) else [d.id for d in o] for o in out] == [
        ["d1", "d2"],
        ["d3"],
        INGEST_FAILURE,
        ["d4"],
    ]


def test_inline_passes_failures_through_in_order() -> None:
    items: list[Document | Failure] = [doc("one two", 1), INGEST_FAILURE, doc("three", 2)]
    out = list(run_pipeline(items, config=blank_config("test.probe.v1"), plugins=[PLUGIN]))
    assert ids(out) == ["d1", "fail:NG105:bad.jsonl", "d2"]
    first = out[0]
    assert isinstance(first, DocResult)
    assert [f.message for f in first.flags if f.kind == "probe"] == ["2"]


def test_stage_exception_becomes_a_failure_and_the_rest_is_read() -> None:
    items: list[Document | Failure] = [doc("fine", 1), doc("RAISE-ME now", 2), doc("ok", 3)]
    for workers in (1, 2):
        out = list(
            run_pipeline(
                items, workers=workers, config=blank_config("test.probe.v1"), plugins=[PLUGIN]
            )
        )
        assert ids(out) == ["d1", "fail:NG203:d2", "d3"], workers


def test_pool_gives_the_same_results_in_the_same_order() -> None:
    items: list[Document | Failure] = [doc(f"text number {i} " * (i % 5 + 1), i) for i in range(12)]
    items.insert(5, INGEST_FAILURE)
    config = blank_config("test.probe.v1")
    inline = list(run_pipeline(items, config=config, plugins=[PLUGIN]))
    pooled = list(run_pipeline(items, workers=2, chunk_size=1, config=config, plugins=[PLUGIN]))
    assert ids(pooled) == ids(inline)
    assert [r.to_dict() for r in pooled if isinstance(r, DocResult)] == [
        r.to_dict() for r in inline if isinstance(r, DocResult)
    ]


def test_pool_reads_in_other_processes_with_one_blas_thread() -> None:
    items: list[Document | Failure] = [doc(f"doc {i}", i) for i in range(6)]
    out = list(
        run_pipeline(
            items, workers=2, chunk_size=1, config=blank_config("test.pid.v1"), plugins=[PLUGIN]
        )
    )
    flags = [f for r in out if isinstance(r, DocResult) for f in r.flags]
    pids = {f.message for f in flags if f.kind == "pid"}
    assert pids and str(os.getpid()) not in pids
    # Workers run one BLAS thread each: parallelism is across processes.
    assert {f.message for f in flags if f.kind == "blas-threads"} == {"1"}


@pytest.mark.slow
@pytest.mark.parametrize("chunk_size", [1, 32])
def test_worker_crash_becomes_a_failure_not_a_hang(chunk_size: int) -> None:
    items: list[Document | Failure] = [doc("first", 1), doc("CRASH-ME please", 2)]
    items += [doc("third", 3), INGEST_FAILURE, doc("fourth", 4), doc("fifth", 5)]
    out = list(
        run_pipeline(
            items,
            workers=2,
            chunk_size=chunk_size,
            config=blank_config("test.probe.v1"),
            plugins=[PLUGIN],
        )
    )
    assert ids(out) == ["d1", "fail:NG204:d2", "d3", "fail:NG105:bad.jsonl", "d4", "d5"]


def test_crash_failure_names_the_input_and_line() -> None:
    from newsgraph.model.records import Origin

    crashing = Document(**{**doc("CRASH-ME", 1).__dict__, "origin": Origin("feed.jsonl", 7)})
    out = list(
        run_pipeline(
            [crashing, doc("ok", 2)],
            workers=2,
            config=blank_config("test.probe.v1"),
            plugins=[PLUGIN],
        )
    )
    bad = out[0]
    assert isinstance(bad, Failure)
    assert (bad.input, bad.line, bad.code) == ("feed.jsonl", 7, "NG204")
    assert isinstance(out[1], DocResult)


SHORT_DOCS = [
    (
        "2024-03-05",
        "Former minister Tomas Varga told reporters in Budapest on Monday that the charges "
        "were false. His lawyer, Anna Kis, said the trial would resume on April 2.",
    ),
    (
        "2023-11",
        "The dockworkers' union led by Marta Silva called a strike at the port of Lisbon. "
        "The company, Atlantic Cargo, said it would not negotiate under pressure.",
    ),
    (
        "2025",
        "Prosecutors accused the former security chief of taking bribes from a cartel "
        "between 2015 and 2018, according to court documents filed in Madrid.",
    ),
    ("2024-06-30", "President Elena Ruiz denied the accusations. “They are lies,” she said."),
]


@pytest.mark.slow
def test_default_pipeline_same_on_one_and_two_workers() -> None:
    items: list[Document | Failure] = [doc(t, i, d) for i, (d, t) in enumerate(SHORT_DOCS)]
    one = [r.to_dict() for r in run_pipeline(items) if isinstance(r, DocResult)]
    two = [
        r.to_dict()
        for r in run_pipeline(items, workers=2, chunk_size=1)
        if isinstance(r, DocResult)
    ]
    assert len(one) == len(SHORT_DOCS)
    assert two == one
    assert any(m["type"] == "PERSON" for r in one for m in r["mentions"])


def test_pool_raises_config_errors_instead_of_failing_each_document() -> None:
    from newsgraph.errors import ModelLoadError, StageConfigError

    items: list[Document | Failure] = [doc("a", 1), doc("b", 2)]
    with pytest.raises(StageConfigError):
        list(run_pipeline(items, workers=2, config=blank_config("no.such.stage.v1")))
    missing = load_config(pipeline__model="no_such_model_pkg", pipeline__stages=["test.probe.v1"])
    with pytest.raises(ModelLoadError):
        list(run_pipeline(items, workers=2, config=missing, plugins=[PLUGIN]))


@pytest.mark.parametrize("workers", [1, 2])
def test_stuck_stage_becomes_a_timeout_failure(workers: int) -> None:
    items: list[Document | Failure] = [doc("one", 1), doc("HANG-ME forever", 2), doc("three", 3)]
    out = list(
        run_pipeline(
            items,
            workers=workers,
            config=blank_config("test.probe.v1"),
            plugins=[PLUGIN],
            doc_timeout=0.5,
        )
    )
    assert ids(out) == ["d1", "fail:NG205:d2", "d3"]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_document_limit_is_cpu_time_not_wall_clock(workers: int) -> None:
    """A document that waits longer than the limit, using no CPU (as one does on a machine busy
    with other work), still passes; one that computes past it does not."""
    items: list[Document | Failure] = [doc("SLEEP-ME a while", 1), doc("HANG-ME forever", 2)]
    out = list(
        run_pipeline(
            items,
            workers=workers,
            config=blank_config("test.probe.v1"),
            plugins=[PLUGIN],
            doc_timeout=0.5,
        )
    )
    assert ids(out) == ["d1", "fail:NG205:d2"]
    failure = out[1]
    assert isinstance(failure, Failure) and "CPU time" in failure.message

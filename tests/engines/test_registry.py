"""The engine seam: engines are found by name, listed, and refuse clearly when they cannot run."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.app.extract import extract_paths
from newsgraph.cli.main import cli
from newsgraph.config import Config
from newsgraph.engines import registry
from newsgraph.engines.local import LocalEngine
from newsgraph.engines.registry import EngineOptions, EngineSpec, create, registered
from newsgraph.errors import EngineUnavailableError, Failure, UnknownEngineError
from newsgraph.model.records import DocResult, Document


def test_builtin_engines_are_registered() -> None:
    engines = registered()
    assert list(engines)[:2] == ["local", "spark"]
    assert isinstance(create("local", EngineOptions(workers=2)), LocalEngine)


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(UnknownEngineError, match="local"):
        create("hadoop")


def test_an_engine_that_cannot_run_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = registered()["spark"]
    monkeypatch.setitem(registry._REGISTRY, "spark", replace(spec, missing=lambda: "no Java"))
    with pytest.raises(EngineUnavailableError, match="no Java") as info:
        create("spark")
    assert info.value.code == "NG207"


class _Echo:
    """A plug-in engine: each document becomes an empty result, failures pass through."""

    def run(
        self, documents: Iterable[Document | Failure], *, config: Config
    ) -> Iterator[DocResult | Failure]:
        for item in documents:
            yield item if isinstance(item, Failure) else DocResult(doc=item)


def test_the_jobs_run_whatever_engine_they_are_given(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spec = EngineSpec("echo", "test engine", "nothing", lambda options: _Echo(), lambda: None)
    registered()  # the built-ins first, so that the monkeypatch below removes only "echo"
    monkeypatch.setitem(registry._REGISTRY, "echo", spec)
    path = tmp_path / "a.txt"
    path.write_text(" date 2024-09-17 The Carpathia ferry left Ostland.\n", encoding="utf-8")
    out = list(extract_paths([str(path)], engine=create("echo")))
    assert len(out) == 1
    assert isinstance(out[0], DocResult)
    assert out[0].entities == []  # the echo engine read nothing: the job did not run spaCy


def test_engines_command_lists_each_engine_and_whether_it_can_run() -> None:
    result = CliRunner().invoke(cli, ["engines", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert rows["local"]["missing"] is None
    assert "spark" in rows
    assert "Java" in rows["spark"]["needs"]


def test_spark_options_with_the_local_engine_are_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["extract", "--master", "local[2]", "samples"])
    assert result.exit_code == 2
    assert "--engine spark" in result.output

"""A store ingested from the shipped samples once per session (the session's spaCy pipeline),
resolved as ``newsgraph ingest`` resolves it, and a helper running ``newsgraph export``."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.app.resolution import run_resolution
from newsgraph.cli.main import cli
from newsgraph.errors import Failure
from newsgraph.ingest import read_inputs
from newsgraph.store import Store
from tests.conftest import SAMPLES


@pytest.fixture(scope="session")
def samples_db(pipeline: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("export") / "samples.duckdb"
    items = list(read_inputs([str(SAMPLES)]))
    assert not [i for i in items if isinstance(i, Failure)]
    results = [pipeline.extract(doc) for doc in items]
    with Store(path) as store:
        store.write_batch(results)
        run_resolution(store)
        store.mark_resolved()
    return str(path)


def export(db: str, *args: str) -> tuple[int, bytes, str]:
    """``newsgraph export --db DB ARGS``: exit code, stdout bytes, stderr text."""
    result = CliRunner().invoke(cli, ["export", "--db", db, *args], catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr

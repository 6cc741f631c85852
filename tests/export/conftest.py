"""A store ingested from the shipped samples once per session (the session's spaCy pipeline),
resolved as ``newsgraph ingest`` resolves it, and a helper running ``newsgraph export``."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli
from newsgraph.errors import Failure
from newsgraph.ingest import read_inputs
from tests.conftest import SAMPLES
from tests.store.sample_store import sample_store_path


@pytest.fixture(scope="session")
def samples_db(pipeline: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    # One sample store per session, shared with the query tests (tests/store/sample_store.py).
    items = list(read_inputs([str(SAMPLES)]))
    assert not [i for i in items if isinstance(i, Failure)]
    return str(sample_store_path(pipeline, tmp_path_factory))


def export(db: str, *args: str) -> tuple[int, bytes, str]:
    """``newsgraph export --db DB ARGS``: exit code, stdout bytes, stderr text."""
    result = CliRunner().invoke(cli, ["export", "--db", db, *args], catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr

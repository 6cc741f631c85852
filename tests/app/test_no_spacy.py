"""Resolution and decisions read only the store: ``newsgraph resolve`` must not load spaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsgraph.model.data import modality_groups
from newsgraph.store import Store
from tests.cli.test_resolve_commands import _batch

SCRIPT = """
import sys
from newsgraph.cli.main import cli
try:
    cli.main(["resolve", "--db", sys.argv[1]], standalone_mode=False)
    cli.main(["merge", "Ford", "General Motors", "--db", sys.argv[1]], standalone_mode=False)
finally:
    heavy = sorted(
        m
        for m in sys.modules
        if m.split(".")[0] in ("spacy", "thinc") or m.startswith("newsgraph.pipeline.stages")
    )
    print("HEAVY", heavy)
"""


def test_resolve_and_merge_do_not_import_spacy(tmp_path: Path) -> None:
    db = str(tmp_path / "light.duckdb")
    with Store(db, refresh_index_on_close=False) as store:
        _batch(store, ["d1", "d2"])
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, db], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "resolved 5 doc-level entities" in done.stdout
    heavy = [line for line in done.stdout.splitlines() if line.startswith("HEAVY")]
    assert heavy == ["HEAVY []"], done.stdout


def test_modality_groups_are_data() -> None:
    groups = modality_groups()
    assert groups["occurred"] == groups["alleged"] != groups["scheduled"]
    assert set(groups) == {"occurred", "alleged", "scheduled", "hypothetical", "negated"}


READ_SCRIPT = """
import sys
from newsgraph.cli.main import cli
try:
    cli.main(["show", "Ford", "--db", sys.argv[1]], standalone_mode=False)
finally:
    print("HEAVY", sorted(m for m in sys.modules if m.split(".")[0] in ("numpy", "spacy")))
"""


def test_show_imports_neither_spacy_nor_numpy(tmp_path: Path) -> None:
    """A read command opens the store and prints: start-up must not load the clustering code's
    numpy (it did through ``newsgraph.resolve``'s package import) nor spaCy."""
    db = str(tmp_path / "light.duckdb")
    with Store(db, refresh_index_on_close=False) as store:
        _batch(store, ["d1", "d2"])
    subprocess.run(
        [sys.executable, "-m", "newsgraph.cli.main", "resolve", "--db", db],
        capture_output=True,
        check=False,
    )
    done = subprocess.run(
        [sys.executable, "-c", READ_SCRIPT, db], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Ford" in done.stdout
    heavy = [line for line in done.stdout.splitlines() if line.startswith("HEAVY")]
    assert heavy == ["HEAVY []"], done.stdout

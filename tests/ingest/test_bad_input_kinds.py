"""The bad-input suite: every kind in :mod:`tests.ingest.bad_kinds` through ``newsgraph ingest``.

One run ingests every kind together (a failure in one input never loses another): per kind, the
stored documents (by their marker words) and the failure rows (codes) are checked in the
database. Each kind is also ingested alone (an in-memory database) for its exit code: 1 when it
must leave failures, else 0, and the summary counts. The CLI runs in this process, so spaCy is
loaded once (the session pipeline).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli
from tests.ingest.bad_kinds import KINDS, MAX_CHARS, Kind

pytestmark = pytest.mark.slow

MARKER = re.compile(r"Zorvex(\d+)")
BY_NAME = {k.name: k for k in KINDS}


def _markers(kind: Kind, folder: Path) -> set[str]:
    """Every marker written in the kind's files, in any of the encodings used."""
    found: set[str] = set()
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            try:
                data = path.read_bytes()
            except OSError:
                continue
            for enc in ("utf-8", "utf-16-le", "utf-16-be"):
                found |= set(MARKER.findall(data.decode(enc, errors="ignore")))
    return found


def _config(tmp: Path) -> Path:
    cfg = tmp / "newsgraph.toml"
    cfg.write_text(f"[ingest]\nmax_chars = {MAX_CHARS}\n", encoding="utf-8")
    return cfg


def _ingest(paths: list[str], db: str, config: Path) -> tuple[int, dict[str, Any]]:
    args = ["ingest", *paths, "--db", db, "--config", str(config), "--workers", "1", "--json"]
    result = CliRunner().invoke(cli, [*args, "--no-resolve"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    return result.exit_code, summary


def test_the_suite_holds_forty_kinds_with_distinct_markers() -> None:
    runnable = [k for k in KINDS if k.skip is None]
    assert len(runnable) >= 40
    assert len({k.name for k in KINDS}) == len(KINDS)
    owners: dict[str, str] = {}
    for kind in KINDS:
        for m in kind.docs:
            assert owners.setdefault(m, kind.name) == kind.name, f"marker {m} reused"


@pytest.fixture(scope="module")
def combined(
    tmp_path_factory: pytest.TempPathFactory, pipeline: Any
) -> tuple[int, Path, dict[str, list[str]], dict[str, set[str]], Path]:
    """All kinds in one ingest: (exit code, db, paths per kind, markers written per kind)."""
    root = tmp_path_factory.mktemp("kinds")
    paths: dict[str, list[str]] = {}
    written: dict[str, set[str]] = {}
    for kind in KINDS:
        if kind.skip is None:
            folder = root / "in" / kind.name
            paths[kind.name] = kind.build(folder)
            written[kind.name] = _markers(kind, folder)
    db = root / "all.duckdb"
    config = _config(root)
    code, _ = _ingest([p for ps in paths.values() for p in ps], str(db), config)
    return code, db, paths, written, config


def _rows(db: Path) -> tuple[list[str], list[tuple[str, int | None, str]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        texts = [r[0] for r in con.execute("SELECT text FROM documents").fetchall()]
        fails = con.execute("SELECT input, line, code FROM failures").fetchall()
    finally:
        con.close()
    return texts, fails


def test_one_run_over_every_kind_keeps_what_is_good(combined: Any) -> None:
    code, db, _, _, _ = combined
    assert code == 1
    texts, _ = _rows(db)
    stored = [m for t in texts for m in set(MARKER.findall(t))]
    wanted = [m for k in KINDS if k.skip is None for m in k.docs]
    assert sorted(stored) == sorted(wanted)  # each good article once, nothing else


KIND_PARAMS = [
    pytest.param(k.name, marks=pytest.mark.skip(reason=k.skip) if k.skip else ()) for k in KINDS
]


@pytest.mark.parametrize("name", KIND_PARAMS)
def test_kind_documents_and_failures(name: str, combined: Any) -> None:
    _, db, paths, written, _ = combined
    kind = BY_NAME[name]
    texts, fails = _rows(db)
    stored = {m for t in texts for m in MARKER.findall(t)}
    assert stored & written[name] == set(kind.docs)
    mine = [
        (line, code)
        for input, line, code in fails
        if any(input == p or input.startswith(p.rstrip("/") + "/") for p in paths[name])
    ]
    assert sorted(code for _, code in mine) == sorted(kind.codes), mine


@pytest.mark.parametrize("name", KIND_PARAMS)
def test_kind_alone_exit_code_and_summary(name: str, combined: Any, tmp_path: Path) -> None:
    kind = BY_NAME[name]
    config = combined[4]
    code, summary = _ingest(kind.build(tmp_path / "in"), ":memory:", config)
    assert code == (1 if kind.codes else 0)
    assert summary["new"] == len(kind.docs)
    assert sorted(f["code"] for f in summary["failures"]) == sorted(kind.codes)


def test_an_unreadable_file_is_one_failure_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """chmod 000 does not stop root (the tests' user here): the refusal is simulated at open."""
    from tests.ingest.helpers import docs, failures, read, write

    locked = write(tmp_path / "locked.txt", " date 2024-03-05\nOstland voted.\n")
    other = write(tmp_path / "other.txt", " date 2024-03-05\nLagonia voted.\n")
    real_open = open

    def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("newsgraph.ingest.sources.open", guarded, raising=False)
    out = read([locked, other])
    assert [(f.input, f.code) for f in failures(out)] == [(str(locked), "NG100")]
    assert "Permission denied" in failures(out)[0].message
    assert [d.text for d in docs(out)] == ["Lagonia voted."]

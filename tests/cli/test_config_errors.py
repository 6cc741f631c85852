"""A bad config value or a misspelt section/key is a ConfigError naming file, line, key and what is
expected; through the CLI it is one error line and exit 2, never a traceback or silently ignored."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsgraph.cli import main as cli_main
from newsgraph.config import load_config
from newsgraph.errors import (
    BadConfigValueError,
    ConfigError,
    ConfigReadError,
    UnknownConfigKeyError,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_value_names_file_line_key_and_type(tmp_path: Path) -> None:
    path = write(tmp_path, '# mine\n[pipeline]\nbatch_size = 8\ndoc_timeout_s = "abc"\n')
    with pytest.raises(BadConfigValueError) as err:
        load_config(path)
    text = err.value.describe()
    assert err.value.code == "NG502" and isinstance(err.value, ConfigError)
    assert f"{path}:4:" in text and "pipeline.doc_timeout_s" in text and "a number" in text


def test_out_of_range_value(tmp_path: Path) -> None:
    path = write(tmp_path, "[query]\nmin_event_confidence = 3\n")
    with pytest.raises(BadConfigValueError, match="from 0 to 1"):
        load_config(path)


def test_misspelt_key_and_section_are_not_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, "[pipeline]\ndoc_timeout = 10\n")
    with pytest.raises(UnknownConfigKeyError) as err:
        load_config(path)
    assert err.value.code == "NG501" and err.value.line == 2
    assert "doc_timeout_s" in err.value.describe()
    path = write(tmp_path, "[pipline]\nbatch_size = 10\n")
    with pytest.raises(UnknownConfigKeyError, match="'pipeline'"):
        load_config(path)


def test_good_override_still_applies(tmp_path: Path) -> None:
    path = write(tmp_path, "[pipeline]\ndoc_timeout_s = 12\n[ingest]\nmax_chars = 500\n")
    config = load_config(path)
    assert config.pipeline.doc_timeout_s == 12.0 and config.ingest.max_chars == 500


def test_unreadable_toml(tmp_path: Path) -> None:
    with pytest.raises(ConfigReadError):
        load_config(write(tmp_path, "[pipeline\n"))


def test_cli_prints_one_error_line_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, '[pipeline]\ndoc_timeout_s = "abc"\n')
    article = tmp_path / "a.txt"
    article.write_text(" date 2024-03-01\nOstland closed its border.\n", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    argv = ["newsgraph", "ingest", "--db", str(db), "--config", str(path), str(article)]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as exit_:
        cli_main.main()
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "[NG502]" in err and "Traceback" not in err and "doc_timeout_s" in err

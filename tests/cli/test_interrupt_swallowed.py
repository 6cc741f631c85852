"""Ctrl-C ends a command as aborted (exit 130, no traceback) even when the KeyboardInterrupt
became something else on its way up: DuckDB turns an interrupt inside a running query into its
own "Query interrupted" error, which a handler written for database errors may catch."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

import pytest

from newsgraph.cli import main as cli_main


@pytest.fixture(autouse=True)
def _fresh_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(cli_main._Interrupts, "seen", False)
    previous = signal.getsignal(signal.SIGINT)
    # as in a terminal, even when the tests run in a background job that ignores SIGINT
    signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def _interrupt_inside_a_query() -> None:
    """What DuckDB does with a SIGINT that arrives while a query runs."""
    try:
        signal.raise_signal(signal.SIGINT)
    except KeyboardInterrupt as exc:
        raise RuntimeError("Query interrupted") from exc


def test_an_interrupt_a_handler_swallowed_still_aborts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def run() -> None:
        # a database-error handler that goes on ("no meta table yet")
        with contextlib.suppress(RuntimeError):
            _interrupt_inside_a_query()

    monkeypatch.setattr(cli_main, "_run", run)
    with pytest.raises(SystemExit) as exit_:
        cli_main.main()
    assert exit_.value.code == 130
    assert "aborted" in capsys.readouterr().err


def test_an_interrupt_turned_into_another_error_aborts_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli_main, "_run", _interrupt_inside_a_query)
    with pytest.raises(SystemExit) as exit_:
        cli_main.main()
    assert exit_.value.code == 130
    assert "aborted" in capsys.readouterr().err


def test_other_errors_are_not_taken_for_interrupts(monkeypatch: pytest.MonkeyPatch) -> None:
    def run() -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli_main, "_run", run)
    with pytest.raises(RuntimeError, match="a bug"):
        cli_main.main()

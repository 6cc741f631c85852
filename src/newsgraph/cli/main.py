"""``newsgraph`` entry point. Commands are discovered: every module in this package that defines a
module-level ``command`` (a :class:`click.Command`) named as the module is a command, so a new
command is one new module.

A command's module is imported only when that command runs (or when ``--help`` lists them all):
``newsgraph --version`` or ``newsgraph show`` does not pay for importing what ``serve``,
``export`` or ``ingest`` need (the web stack, DuckDB, spaCy).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import signal
import sys
from typing import Any

import click

from newsgraph import __version__
from newsgraph.config import limit_blas_threads
from newsgraph.errors import NewsgraphError

_SKIP = {"main", "common", "__init__"}


class LazyGroup(click.Group):
    """A group whose commands are the modules of a package, each imported on first use."""

    def __init__(self, *args: Any, package: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._package = package
        self._loaded: dict[str, click.Command] = {}

    def _names(self) -> list[str]:
        path = importlib.import_module(self._package).__path__
        mods = sorted(m.name for m in pkgutil.iter_modules(path) if m.name not in _SKIP)
        return sorted(set(mods) | set(self._added))

    @property
    def _added(self) -> dict[str, click.Command]:
        """Commands added by code (``add_command``); click's own ``__init__`` sets them before
        ours runs, hence kept in the instance dictionary."""
        added: dict[str, click.Command] = self.__dict__.setdefault("_added_commands", {})
        return added

    def _load(self, name: str) -> click.Command | None:
        if name in self._added:
            return self._added[name]
        if name not in self._loaded:
            if name in _SKIP or not name.isidentifier():
                return None
            try:
                module = importlib.import_module(f"{self._package}.{name}")
            except ModuleNotFoundError as err:
                if err.name != f"{self._package}.{name}":
                    raise
                return None
            cmd = getattr(module, "command", None)
            if not isinstance(cmd, click.Command) or cmd.name != name:
                return None  # a helper module, or a command not named as its module
            self._loaded[name] = cmd
        return self._loaded[name]

    # click reads and writes ``commands``; reading it lists every command (importing each).
    @property  # type: ignore[override]
    def commands(self) -> dict[str, click.Command]:
        out: dict[str, click.Command] = {}
        for name in self._names():
            cmd = self._load(name)
            if cmd is not None:
                out[name] = cmd
        return out

    @commands.setter
    def commands(self, value: dict[str, click.Command]) -> None:
        self._added.update(value or {})

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        name = name or cmd.name
        if name is None:
            raise TypeError("Command has no name.")
        self._added[name] = cmd

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.commands)


@click.group(
    cls=LazyGroup,
    package=__package__ or "newsgraph.cli",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="newsgraph")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """Turn dated news articles into a sourced record of who did what to whom, when and where."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )


class _Interrupts:
    """Whether Ctrl-C (SIGINT) reached this process. DuckDB turns the KeyboardInterrupt raised
    inside a running query into its own error ("Query interrupted"), which a handler written
    for database errors may catch and go on from; the command must still end as aborted."""

    seen = False

    @classmethod
    def handler(cls, signum: int, frame: Any) -> None:
        cls.seen = True
        raise KeyboardInterrupt


def _aborted() -> None:
    click.echo("aborted", err=True)
    sys.exit(130)


def main() -> None:
    limit_blas_threads()
    # Only where Ctrl-C would interrupt anyway: a command started with SIGINT ignored (a
    # background job of a script, nohup) keeps ignoring it.
    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.default_int_handler:
        signal.signal(signal.SIGINT, _Interrupts.handler)
    try:
        _run()
    except click.exceptions.Abort:
        _aborted()
    except BaseException:
        if _Interrupts.seen:  # whatever the interrupt became on its way up
            _aborted()
        raise
    finally:
        if previous is signal.default_int_handler:
            signal.signal(signal.SIGINT, previous)  # main() called in-process leaves no trace
    if _Interrupts.seen:  # an interrupt a database-error handler caught and went on from
        _aborted()


def _run() -> None:
    """The command, its errors turned into messages and exit codes."""
    try:
        cli.main(standalone_mode=False)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except NewsgraphError as err:
        click.echo(f"error: {err.describe()}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as err:
        # A damaged block met by a query after the store opened (DuckDB checks every block).
        # DuckDB is imported only by commands that open a store, so only then can it be this.
        duckdb = sys.modules.get("duckdb")
        if duckdb is None or not isinstance(err, duckdb.Error):
            raise
        from newsgraph.store import damage

        if not damage.is_damage(err):
            raise
        click.echo(f"error: {damage.as_store_error(err).describe()}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()

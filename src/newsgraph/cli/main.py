"""``newsgraph`` entry point. Commands are discovered: every module in this package that defines a
module-level ``command`` (a :class:`click.Command`) is added, so a new command is one new module."""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys

import click
import duckdb

from newsgraph import __version__
from newsgraph.config import limit_blas_threads
from newsgraph.errors import NewsgraphError
from newsgraph.store import damage

_SKIP = {"main", "common", "__init__"}


def _discover(group: click.Group) -> None:
    package = sys.modules[__package__ or "newsgraph.cli"]
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name in _SKIP:
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        cmd = getattr(module, "command", None)
        if isinstance(cmd, click.Command):
            group.add_command(cmd)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgraph")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """Turn dated news articles into a sourced record of who did what to whom, when and where."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )


_discover(cli)


def main() -> None:
    limit_blas_threads()
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except NewsgraphError as err:
        click.echo(f"error: {err.describe()}", err=True)
        sys.exit(2)
    except duckdb.Error as err:
        if not damage.is_damage(err):
            raise
        # A damaged block met by a query after the store opened (DuckDB checks every block).
        click.echo(f"error: {damage.as_store_error(err).describe()}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()

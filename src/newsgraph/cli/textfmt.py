"""Text output shared by the read commands: opening the store for reading, aligned tables,
wrapped and indented quotations. (No ``command`` here: the CLI's discovery skips this module.)"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import click

from newsgraph.errors import QueryError
from newsgraph.store import Store


@contextmanager
def reading(db: str) -> Iterator[Store]:
    """The store opened read-only; query errors (not found, ambiguous) become a clean message
    and exit status 1 instead of a traceback."""
    try:
        with Store(db, read_only=True) as store:
            yield store
    except QueryError as err:
        raise click.ClickException(err.describe()) from err


def width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 20)).columns, 120))


def table(
    rows: Sequence[Sequence[object]], header: Sequence[str], right: Sequence[int] = ()
) -> list[str]:
    """Rows aligned in columns (columns in ``right`` are right-aligned); the last column is
    left free so long names do not push everything off the screen."""
    cells = [[str(c) for c in header], *[["" if c is None else str(c) for c in r] for r in rows]]
    n = len(header)
    widths = [max(len(r[i]) for r in cells) for i in range(n - 1)]
    out = []
    for r in cells:
        parts = [
            r[i].rjust(widths[i]) if i in right else r[i].ljust(widths[i]) for i in range(n - 1)
        ]
        out.append("  ".join([*parts, r[n - 1]]).rstrip())
    return out


def wrap(text: str, indent: int, first: str = "") -> str:
    """``text`` wrapped to the terminal, every line indented by ``indent`` spaces."""
    pad = " " * indent
    return textwrap.fill(
        " ".join(text.split()),
        width=width(),
        initial_indent=pad + first,
        subsequent_indent=pad + " " * len(first),
        break_long_words=False,
    )


def hanging(first: str, text: str) -> str:
    """``first`` then ``text`` wrapped, continuation lines indented to ``first``'s width."""
    return textwrap.fill(
        " ".join(text.split()),
        width=width(),
        initial_indent=first,
        subsequent_indent=" " * len(first),
        break_long_words=False,
    )


def quote(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    if text[:1] in '“"' and text[-1:] in '”"…':
        return text  # a direct quote already carries its quotation marks
    return f"“{text}”"


def heading(text: str) -> str:
    return click.style(text, bold=True)

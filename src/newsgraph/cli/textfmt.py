"""Text output shared by the read commands: opening the store for reading, aligned tables,
wrapped and indented quotations, and the one place that makes stored text safe for a terminal.
(No ``command`` here: the CLI's discovery skips this module.)

Article text may hold terminal control sequences (an escape that sets the window title, moves the
cursor or clears the screen), and ``--no-repair`` stores it as it came. Text output therefore goes
through :func:`clean` / :func:`cleaned`, which replace every C0 and C1 control character except
newline and tab by a visible stand-in of the same length (so stored offsets still index it).
"""

from __future__ import annotations

import copy
import dataclasses
import shutil
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from newsgraph.errors import QueryError
from newsgraph.store import Store

T = TypeVar("T")

# C0 controls show as their Unicode control pictures (ESC as "␛"), DEL as "␡", C1 controls as "�".
_SAFE: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\n\t"}
_SAFE[0x7F] = "\u2421"
_SAFE.update({c: "\ufffd" for c in range(0x80, 0xA0)})
# In one table cell or one line, newline and tab would break the layout: shown as pictures too.
_SAFE_INLINE: dict[int, str] = {**_SAFE, ord("\n"): "\u2424", ord("\t"): "\u2409"}


def clean(text: str, *, inline: bool = False) -> str:
    """``text`` with no control character a terminal would act on (newline and tab kept unless
    ``inline``); each is replaced by one visible character, so offsets into it stay valid."""
    return text.translate(_SAFE_INLINE if inline else _SAFE)


def cleaned(obj: T) -> T:
    """A copy of ``obj`` (a record, dict, list, tuple or string, nested) with every string
    :func:`clean`; what text output prints from the store goes through this first."""
    value: Any = obj
    if isinstance(value, str):
        return clean(value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {k: cleaned(v) for k, v in value.items()}  # type: ignore[return-value]
    if isinstance(value, list | tuple) and not hasattr(value, "_fields"):
        return type(value)(cleaned(v) for v in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        new = copy.copy(value)
        for f in dataclasses.fields(value):
            object.__setattr__(new, f.name, cleaned(getattr(value, f.name)))
        return new  # type: ignore[return-value]
    return obj


@contextmanager
def reading(db: str) -> Iterator[Store]:
    """The store opened read-only (:func:`newsgraph.app.access.read_store`: waits while an ingest
    writes a batch); query errors (not found, ambiguous) become a clean message and exit status 1
    instead of a traceback."""
    from newsgraph.app.access import read_store

    try:
        with read_store(db) as store:
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
    cells = [
        [str(c) for c in header],
        *[["" if c is None else clean(str(c), inline=True) for c in r] for r in rows],
    ]
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
    return click.style(clean(text, inline=True), bold=True)

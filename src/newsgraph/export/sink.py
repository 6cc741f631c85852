"""Where a writer's bytes go: an open binary stream (stdout, an HTTP response) or a path.

Writers of single-file formats call :func:`binary_sink` and write bytes; directory formats call
:func:`directory_sink`. A stream given by the caller is flushed, never closed (it is the caller's);
a file opened here is closed, and removed if the writer fails, so a failed export leaves no
half-written file behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from newsgraph.errors import ExportError


@contextmanager
def binary_sink(out: BinaryIO | Path) -> Iterator[BinaryIO]:
    """``out`` itself when it is a stream, else the file at ``out`` opened for writing."""
    if not isinstance(out, Path):
        yield out
        out.flush()
        return
    if out.is_dir():
        raise ExportError(f"{out} is a directory", hint="give a file name with -o")
    try:
        with out.open("wb") as fh:
            yield fh
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def directory_sink(out: BinaryIO | Path) -> Path:
    """The directory ``out`` names (created when missing) for a format with one file per table."""
    if not isinstance(out, Path):
        raise ExportError(
            "this format writes one file per table into a directory",
            hint="give the directory with -o DIR",
        )
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} exists and is not a directory", hint="give a directory with -o")
    out.mkdir(parents=True, exist_ok=True)
    return out

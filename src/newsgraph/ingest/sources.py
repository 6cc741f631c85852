"""Where articles come from: paths (files, directories walked recursively) and ``-`` (stdin).

Directories are walked in sorted order of their relative paths, so a batch is read the same way on
every machine; names starting with ``.`` (hidden files and folders) are skipped. A file's format
is forced by ``fmt`` or chosen by its extension (:data:`EXTENSIONS`); stdin's is ``fmt`` or sniffed
(``{`` first → JSONL, ``<`` → HTML, else seed). A file named on the command line with an unknown
extension is an ``UnknownFormatError``; inside a directory such files (a README, a ``.py``) are
skipped unless ``fmt`` is forced, so a folder of articles may hold other files. Sizes are checked
before reading: a file that cannot hold an acceptable article is refused without being read.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsgraph.config import IngestConfig
from newsgraph.errors import (
    BinaryInputError,
    InputError,
    InputNotFoundError,
    TooLargeError,
    UnknownFormatError,
)
from newsgraph.ingest.build import RawRecord
from newsgraph.ingest.decode import binary_reason, bom_encoding, decode
from newsgraph.ingest.formats.csvfile import read_csv
from newsgraph.ingest.formats.html import parse_html
from newsgraph.ingest.formats.jsonl import read_jsonl
from newsgraph.ingest.formats.seed import parse_seed
from newsgraph.ingest.sidecar import is_sidecar

FORMATS = ("seed", "jsonl", "csv", "html")
EXTENSIONS = {
    ".txt": "seed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",  # one object per line, like .jsonl
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
STDIN = "-"
# Bytes a character may take: 4 in UTF-8; 6 in JSON ("\u00e9"); markup around an HTML page's text.
BYTES_PER_CHAR = {"seed": 4, "jsonl": 6, "csv": 4, "html": 16}
HEADER_ALLOWANCE = 4096


def byte_limit(fmt: str, max_chars: int) -> int:
    return BYTES_PER_CHAR[fmt] * max_chars + HEADER_ALLOWANCE


def expand(paths: Sequence[str], fmt: str | None = None) -> Iterator[str | InputError]:
    """Each input file (or ``-``) in reading order; missing paths are errors."""
    for name in paths:
        if name == STDIN:
            yield STDIN
            continue
        path = Path(name)
        if path.is_dir():
            for p in walk(path):
                if is_sidecar(p):
                    continue  # the date of the file beside it, not an article
                if fmt is not None or p.suffix.lower() in EXTENSIONS:
                    yield str(p) if p.is_file() else _dead_link(str(p))
        elif path.is_file():
            yield name
        elif path.is_symlink():
            yield _dead_link(name)
        elif not path.exists():
            yield InputNotFoundError("no such file or directory", input=name)
        else:
            yield InputError("not a regular file or directory", input=name)


def _dead_link(name: str) -> InputError:
    return InputNotFoundError(
        "a symbolic link that leads to no file (its target is gone, or links loop)", input=name
    )


def walk(root: Path) -> list[Path]:
    """Non-hidden regular files under ``root``, and symbolic links that lead to no file (so that
    an article lost behind a broken link is reported, not skipped), sorted by relative path.
    Links to directories are not followed (a link back up would loop)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(folder, f) for f in files if not f.startswith(".")]
    wanted = (p for p in found if p.is_file() or (p.is_symlink() and not p.exists()))
    return sorted(wanted, key=lambda p: p.relative_to(root).parts)


def format_of(name: str, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in FORMATS:
            raise UnknownFormatError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
        return fmt
    ext = Path(name).suffix.lower()
    if ext not in EXTENSIONS:
        known = ", ".join(sorted(EXTENSIONS))
        raise UnknownFormatError(
            f"unknown extension {ext or '(none)'!r}; known: {known}", input=name
        )
    return EXTENSIONS[ext]


def sniff(head: bytes) -> str:
    """JSONL if the first non-space character is ``{``, HTML if ``<``, else seed."""
    encoding = bom_encoding(head)
    text = (
        head.decode(encoding or "utf-8", errors="ignore")
        if encoding
        else head.decode("utf-8", errors="ignore")
    )
    first = text.lstrip("\ufeff \t\r\n")[:1]
    return {"{": "jsonl", "<": "html"}.get(first, "seed")


def _buffered(stream: object) -> io.BufferedReader:
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(stream)  # type: ignore[arg-type]


def read_source(
    name: str, fmt: str | None, config: IngestConfig
) -> Iterator[RawRecord | InputError]:
    """The records of one input file or stdin."""
    if name == STDIN:
        fh = _buffered(sys.stdin.buffer)
        kind = fmt if fmt is not None else sniff(fh.peek(4096)[:4096])
        yield from read_stream(fh, name, format_of(name, kind), config)
        return
    try:
        kind = format_of(name, fmt)
    except UnknownFormatError as err:
        yield err
        return
    if kind in ("seed", "html"):
        size = os.path.getsize(name)
        if size > byte_limit(kind, config.max_chars):
            yield TooLargeError(
                f"{size:,} bytes cannot hold an article of at most max_chars="
                f"{config.max_chars:,} characters",
                input=name,
            )
            return
    with open(name, "rb") as fh:
        yield from read_stream(fh, name, kind, config)


def read_stream(
    fh: io.BufferedReader, name: str, kind: str, config: IngestConfig
) -> Iterator[RawRecord | InputError]:
    limit = byte_limit(kind, config.max_chars)
    if kind == "jsonl":
        yield from read_jsonl(fh, name, limit)
        return
    if kind == "csv":
        yield from read_csv(fh, name, limit, config.max_chars + 1)
        return
    data = fh.read(limit + 1)
    if len(data) > limit:
        yield TooLargeError(f"more than {limit:,} bytes", input=name)
        return
    try:
        record = parse_html(data, name) if kind == "html" else parse_seed(decode(data, name), name)
        if record.date is None and (why := binary_reason(data)):
            raise BinaryInputError(why, input=name)  # not an undated article
        yield record
    except InputError as err:
        # A binary file fails as text (no date line, bad UTF-8, no page text): say what it is.
        why = None if isinstance(err, BinaryInputError) else binary_reason(data)
        yield BinaryInputError(why, input=name) if why else err

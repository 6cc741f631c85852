"""Reading a stream line by line in bounded memory, with 1-based line numbers."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from newsgraph.errors import BinaryInputError, DecodeError, InputError, TooLargeError
from newsgraph.ingest.decode import binary_reason, bom_encoding


@dataclass(frozen=True)
class Line:
    number: int
    text: str


def text_lines(
    fh: io.BufferedReader, input: str, limit: int, errors: str = "strict"
) -> Iterator[Line | InputError]:
    """Decoded lines (newline kept); a line that is too long or undecodable is an error item.

    A stream whose start does not look like text (NUL bytes outside UTF-16, many control bytes,
    mostly not UTF-8: ``binary_reason``) is one :class:`BinaryInputError`. UTF-16, with or
    without a byte-order mark, is read as such.
    A line longer than ``limit`` bytes is skipped without being held in memory.
    """
    head = fh.peek(8192)[:8192]
    why = binary_reason(head)
    if why:
        yield BinaryInputError(why, input=input)
        return
    encoding = bom_encoding(head)
    if encoding is not None and encoding.startswith("utf-16"):
        yield from _utf16_lines(fh, input, limit, encoding)
        return
    number = 0
    while True:
        chunk = fh.readline(limit + 1)
        if not chunk:
            return
        number += 1
        if number == 1 and encoding == "utf-8-sig":
            chunk = chunk[3:]
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            while (more := fh.readline(1 << 20)) and not more.endswith(b"\n"):
                pass
            yield TooLargeError(f"line longer than {limit:,} bytes", input=input, line=number)
            continue
        try:
            yield Line(number, chunk.decode("utf-8", errors=errors))
        except UnicodeDecodeError as err:
            yield DecodeError(
                f"bytes {chunk[err.start : err.start + 4]!r} at column {err.start + 1} "
                "are not valid UTF-8",
                input=input,
                line=number,
            )


def _utf16_lines(
    fh: io.BufferedReader, input: str, limit: int, encoding: str = "utf-16"
) -> Iterator[Line | InputError]:
    reader = io.TextIOWrapper(fh, encoding=encoding, newline="")
    number = 0
    try:
        while True:
            text = reader.readline(limit + 1)
            if not text:
                return
            number += 1
            if len(text) > limit and not text.endswith("\n"):
                while (more := reader.readline(1 << 20)) and not more.endswith("\n"):
                    pass
                yield TooLargeError(
                    f"line longer than {limit:,} characters", input=input, line=number
                )
                continue
            yield Line(number, text)
    except UnicodeDecodeError as err:
        # A UTF-16 stream cannot resynchronise after a bad unit: the rest of it is lost.
        yield DecodeError(
            f"invalid UTF-16 after line {number}: {err.reason}", input=input, line=number + 1
        )
    finally:
        reader.detach()

"""Bytes to text: byte-order marks, strict UTF-8, and recognising binary files.

Encodings tried: UTF-8 with a BOM, UTF-16 with a BOM (LE/BE), then strict UTF-8. Nothing else is
guessed: latin-1 decodes *any* byte string, so guessing it would turn a corrupt or binary file into
silent garbage; such input is a :class:`DecodeError` naming the byte offset and line instead.
(HTML pages are the exception: a charset they declare in a ``<meta>`` tag is honoured.)
"""

from __future__ import annotations

import codecs
import re

from newsgraph.errors import BinaryInputError, DecodeError

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Share of control characters (other than tab, LF, CR, FF) above which text is binary.
MAX_CONTROL_SHARE = 0.1
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark announces (``utf-8-sig``, ``utf-16``), or None."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(UTF16_BOMS):
        return "utf-16"
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside UTF-16) mean a binary file."""
    return bom_encoding(data[:4]) != "utf-16" and b"\x00" in data


def check_text(text: str, input: str, line: int | None = None) -> None:
    """Raise :class:`BinaryInputError` for decoded text that is mostly control characters."""
    if "\x00" in text:
        raise BinaryInputError("NUL characters: this is a binary file", input=input, line=line)
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_SHARE:
        raise BinaryInputError(
            f"more than {MAX_CONTROL_SHARE:.0%} control characters", input=input, line=line
        )


def decode(data: bytes, input: str, line: int | None = None, encoding: str | None = None) -> str:
    """Decode with the BOM's encoding, else ``encoding`` if given, else strict UTF-8."""
    if looks_binary(data[:65536]):
        raise BinaryInputError("NUL bytes: this is a binary file", input=input, line=line)
    chosen = bom_encoding(data[:4]) or encoding or "utf-8"
    try:
        text = data.decode(chosen)
    except UnicodeDecodeError as err:
        where = data[: err.start].count(b"\n") + (line or 1)
        raise DecodeError(
            f"bytes {data[err.start : err.start + 4]!r} at offset {err.start} (line {where}) "
            f"are not valid {chosen}",
            input=input,
            line=line if line is not None else where,
        ) from err
    except LookupError as err:
        raise DecodeError(f"unknown encoding {chosen!r}", input=input, line=line) from err
    check_text(text, input, line)
    return text

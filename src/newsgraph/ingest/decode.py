"""Bytes to text: byte-order marks, strict UTF-8, and recognising binary files.

Encodings tried: UTF-8 with a BOM, UTF-16 with a BOM (LE/BE), UTF-16 without a BOM (recognised by
NUL bytes at nearly every odd, or every even, position, as ASCII-range text in UTF-16 has), then
strict UTF-8. Nothing else is
guessed: latin-1 decodes *any* byte string, so guessing it would turn a corrupt or binary file into
silent garbage; such input is a :class:`DecodeError` naming the byte offset and line instead.
(HTML pages are the exception: a charset they declare in a ``<meta>`` tag is honoured.)

Binary: NUL bytes outside UTF-16, or decoded text over 10% control characters. A file that fails
for another reason (no date line, bytes that are not UTF-8, no text found) is reported as binary
instead when :func:`binary_reason` finds it does not look like text at all (over 2% control bytes,
or over 10% of it not decodable as UTF-8), so the user is told what the file is, not a symptom.
"""

from __future__ import annotations

import codecs
import re

from newsgraph.errors import BinaryInputError, DecodeError

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Share of control characters (other than tab, LF, CR, FF) above which text is binary.
MAX_CONTROL_SHARE = 0.1
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Thresholds of binary_reason, for a file that failed as text anyway (see the module docstring).
LOOSE_CONTROL_SHARE = 0.02
MAX_UNDECODABLE_SHARE = 0.1
# UTF-16 without a BOM: share of code units with a NUL high (or low) byte, and at most this many
# NULs in the other half.
UTF16_NUL_SHARE = 0.3
UTF16_OTHER_NUL_SHARE = 0.02


def bom_encoding(head: bytes) -> str | None:
    """The encoding of ``head`` (a stream's first bytes): a byte-order mark's (``utf-8-sig``,
    ``utf-16``), ``utf-16-le``/``utf-16-be`` for BOM-less UTF-16, or None (UTF-8 is assumed)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(UTF16_BOMS):
        return "utf-16"
    return utf16_without_bom(head)


def utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``head`` has the NUL pattern of UTF-16 text, else None."""
    sample = head[:8192]
    units = len(sample) // 2
    if units < 2:
        return None
    even = sample[0 : 2 * units : 2].count(0)
    odd = sample[1 : 2 * units : 2].count(0)
    if odd >= UTF16_NUL_SHARE * units and even <= UTF16_OTHER_NUL_SHARE * units:
        return "utf-16-le"
    if even >= UTF16_NUL_SHARE * units and odd <= UTF16_OTHER_NUL_SHARE * units:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside UTF-16) mean a binary file."""
    return not (bom_encoding(data) or "").startswith("utf-16") and b"\x00" in data


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` (a file's first bytes) does not look like text in any encoding we read, or
    None. Looser than the checks that refuse a file outright: used to name the cause of a failure
    that a binary file produces (no date line, undecodable bytes)."""
    sample = data[:65536]
    if not sample or (bom_encoding(sample) or "").startswith("utf-16"):
        return None
    if b"\x00" in sample:
        return "NUL bytes: this is a binary file"
    controls = len(_CONTROL_BYTES.findall(sample)) / len(sample)
    if controls > LOOSE_CONTROL_SHARE:
        return f"{controls:.0%} of its bytes are control characters: this is a binary file"
    text = sample.decode("utf-8", errors="replace")
    undecodable = text.count("\ufffd") / len(text)
    if undecodable > MAX_UNDECODABLE_SHARE:
        return f"{undecodable:.0%} of it is not text in UTF-8 or UTF-16: this is a binary file"
    return None


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
    chosen = bom_encoding(data[:8192]) or encoding or "utf-8"
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

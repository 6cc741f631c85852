"""From the fields a format reader found to a :class:`Document`: checks, date, id, repair."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import (
    BadDateError,
    DecodeError,
    EmptyTextError,
    MalformedRecordError,
    MissingDateError,
    TooLargeError,
)
from newsgraph.ingest.dates import parse_date
from newsgraph.ingest.decode import check_text
from newsgraph.ingest.ids import doc_id
from newsgraph.ingest.repair import repair_text
from newsgraph.model.records import CONTRACT_VERSION, DocResult, Document, Origin

# JSON "\ud800" escapes decode to lone surrogates, which no encoding can write back.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class RawRecord:
    """One article as a format reader found it, before any check."""

    text: object
    date: object
    input: str
    line: int | None = None
    title: object = None
    url: object = None
    source: object = None
    source_id: object = None
    strict_date: bool = False  # seed files take only ISO prefixes
    # A whole contract v1 record (an exported document with its extractions), kept as it is.
    stored: dict[str, object] | None = None
    # What to do about a missing date in this record's format (None: the generic hint).
    date_hint: str | None = None


def _default(value: str, source: str | None, raw: RawRecord) -> tuple[str, str]:
    """The default date parsed (ISO only); one read from ``source`` that is not a date fails."""
    try:
        return parse_date(value, strict=True)
    except (MissingDateError, BadDateError) as err:
        if source is None:
            raise
        raise BadDateError(
            f"no date of its own, and {source} does not hold one: {err.message}",
            input=raw.input,
            line=raw.line,
            hint="write one date YYYY[-MM[-DD]] in that file, or remove it",
        ) from err


def _optional_str(value: object, name: str, raw: RawRecord) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise MalformedRecordError(
            f"field {name!r} must be a string, not {type(value).__name__}",
            input=raw.input,
            line=raw.line,
        )
    text = str(value).strip()
    if _SURROGATE.search(text):
        raise DecodeError(
            f"field {name!r} holds a lone UTF-16 surrogate", input=raw.input, line=raw.line
        )
    return text or None


DEFAULT_DATE_HINT = "or give undated inputs a date with 'ingest --date YYYY[-MM[-DD]]'"


def missing_date_hint(raw: RawRecord, generic: str) -> str:
    """What to do about ``raw``'s missing date: its format's own advice, then a date sidecar
    (files only) and ``ingest --date``."""
    tail = DEFAULT_DATE_HINT
    if raw.input != "-":
        tail = f"or write the date in a file {Path(raw.input).name}.date beside it, {tail}"
    return f"{raw.date_hint or generic}; {tail}"


def build_document(
    raw: RawRecord,
    *,
    repair: bool,
    max_chars: int,
    default_date: str | None = None,
    default_from: str | None = None,
) -> Document:
    """The document for ``raw``; raises an :class:`~newsgraph.errors.InputError` when it is bad.

    ``default_date`` (ISO, ``YYYY[-MM[-DD]]``) is the date of a record that has none of its own
    (no field, empty field, no seed date line); a date that is present but wrong stays an error.
    ``default_from`` names where the default came from (a date sidecar file) when it is not the
    caller's own checked value: a default that is not a date is then a ``BadDateError`` naming it.
    """
    if raw.stored is not None:
        return stored_document(raw)
    where = raw.input, raw.line
    if raw.text is None:
        raise MalformedRecordError("no 'text' field", input=where[0], line=where[1])
    if not isinstance(raw.text, str):
        raise MalformedRecordError(
            f"'text' must be a string, not {type(raw.text).__name__}", input=where[0], line=where[1]
        )
    text = raw.text
    if len(text) > max_chars:
        raise TooLargeError(
            f"text has {len(text):,} characters, over max_chars={max_chars:,}",
            input=where[0],
            line=where[1],
        )
    if not text.strip():
        raise EmptyTextError("empty text", input=where[0], line=where[1])
    if m := _SURROGATE.search(text):
        raise DecodeError(
            f"text holds a lone UTF-16 surrogate at character {m.start()}",
            input=where[0],
            line=where[1],
        )
    check_text(text, raw.input, raw.line)
    # Date errors carry no input; read_inputs adds it when it turns them into failures.
    missing = raw.date is None or (isinstance(raw.date, str) and not raw.date.strip())
    if missing and default_date is not None:
        date, precision = _default(default_date, default_from, raw)
    else:
        try:
            date, precision = parse_date(raw.date, strict=raw.strict_date)
        except MissingDateError as err:
            err.hint = missing_date_hint(raw, err.hint)
            raise
    title = _optional_str(raw.title, "title", raw)
    url = _optional_str(raw.url, "url", raw)
    source = _optional_str(raw.source, "source", raw)
    source_id = _optional_str(raw.source_id, "id", raw)
    ident = doc_id(text, url)
    origin = Origin(raw.input, raw.line)
    if not repair:
        return Document(
            ident, date, precision, text, title, url, source, source_id=source_id, origin=origin
        )
    fixed = repair_text(text)
    if not fixed.text.strip():
        raise EmptyTextError(
            "no text left after removing control characters", input=where[0], line=where[1]
        )
    return Document(
        ident,
        date,
        precision,
        fixed.text,
        title,
        url,
        source,
        repairs=fixed.repairs,
        flags=fixed.flags,
        source_id=source_id,
        origin=origin,
    )


def stored_document(raw: RawRecord) -> Document:
    """The document of a contract v1 record with its extractions attached (``Document.stored``):
    its id, text, date and repairs are the record's own, nothing is repaired again, so storing
    it gives back exactly the records that were exported."""
    data = raw.stored or {}
    version = data.get("contract")
    if version != CONTRACT_VERSION:
        raise MalformedRecordError(
            f"a contract version {version!r} record; this newsgraph reads version "
            f"{CONTRACT_VERSION}",
            input=raw.input,
            line=raw.line,
        )
    try:
        result = DocResult.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise MalformedRecordError(
            f"not a valid contract v1 record: {type(err).__name__}: {err}",
            input=raw.input,
            line=raw.line,
        ) from None
    doc = result.doc
    if not isinstance(doc.text, str) or not doc.text.strip() or not doc.id:
        raise MalformedRecordError(
            "contract record without an id or text", input=raw.input, line=raw.line
        )
    return dataclasses.replace(doc, origin=Origin(raw.input, raw.line), stored=result)

"""CSV with a header row and the JSONL columns: ``date``, ``text``, and optionally ``id``,
``title``, ``url``, ``source`` (other columns are ignored; header names are case-insensitive).

Line numbers are those of the first physical line of each record (a quoted text may span lines).
Bytes that are not UTF-8 make only the record that holds them fail.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from newsgraph.errors import DecodeError, InputError, MalformedRecordError, TooLargeError
from newsgraph.ingest.build import RawRecord
from newsgraph.ingest.formats.lines import Line, text_lines

_ESCAPED = re.compile(r"[\udc80-\udcff]")
COLUMNS = ("id", "date", "text", "title", "url", "source")


def read_csv(
    fh: io.BufferedReader, input: str, line_limit: int, field_limit: int
) -> Iterator[RawRecord | InputError]:
    errors: list[InputError] = []

    def lines() -> Iterator[str]:
        for item in text_lines(fh, input, line_limit, errors="surrogateescape"):
            if isinstance(item, Line):
                yield item.text
            else:
                errors.append(item)

    old_limit = csv.field_size_limit()
    csv.field_size_limit(field_limit)
    try:
        reader = csv.reader(lines())
        header: list[str] | None = None
        consumed = 0  # physical lines read before the current record
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                kind = TooLargeError if "field larger" in str(err) else MalformedRecordError
                yield kind(f"CSV: {err}", input=input, line=consumed + 1)
                consumed = reader.line_num
                continue
            finally:
                yield from errors
                errors.clear()
            start, consumed = consumed + 1, reader.line_num
            if not row:
                continue
            if header is None:
                header = [h.strip().lower() for h in row]
                missing = [c for c in ("date", "text") if c not in header]
                if missing:
                    yield MalformedRecordError(
                        f"CSV header lacks column(s) {', '.join(missing)}: {row!r}",
                        input=input,
                        line=start,
                    )
                    return
                continue
            if any(_ESCAPED.search(v) for v in row):
                yield DecodeError("bytes that are not valid UTF-8", input=input, line=start)
                continue
            if len(row) != len(header):
                yield MalformedRecordError(
                    f"{len(row)} fields, the header has {len(header)}", input=input, line=start
                )
                continue
            values = {h: v for h, v in zip(header, row, strict=True) if h in COLUMNS}
            yield RawRecord(
                text=values.get("text"),
                date=values.get("date"),
                input=input,
                line=start,
                title=values.get("title") or None,
                url=values.get("url") or None,
                source=values.get("source") or None,
                source_id=values.get("id") or None,
            )
    finally:
        csv.field_size_limit(old_limit)

"""CSV with a header row and the JSONL columns: ``date``, ``text``, and optionally ``id``,
``title``, ``url``, ``source`` (other columns are ignored; header names are case-insensitive).

The delimiter is detected: the one of ``, ; TAB |`` that splits the header into columns holding
``date`` and ``text`` (else :class:`csv.Sniffer`'s guess on the first lines, else a comma).

Line numbers are those of the first physical line of each record (a quoted text may span lines).
Bytes that are not UTF-8 make only the record that holds them fail. A quote that is never closed
would make one field swallow every later record; a multi-line field holding a line that parses as a
whole record of its own (the header's column count and a date in the date column) is taken for
that: the record is a failure with its line, and reading resumes at the swallowed record.
"""

from __future__ import annotations

import csv
import io
import re
from collections import deque
from collections.abc import Iterator

from newsgraph.errors import (
    DecodeError,
    InputError,
    MalformedRecordError,
    NewsgraphError,
    TooLargeError,
)
from newsgraph.ingest.build import RawRecord
from newsgraph.ingest.dates import parse_date
from newsgraph.ingest.formats.lines import Line, text_lines

_ESCAPED = re.compile(r"[\udc80-\udcff]")
COLUMNS = ("id", "date", "text", "title", "url", "source")
DELIMITERS = ",;\t|"
SAMPLE_LINES = 20  # lines the Sniffer sees when the header alone does not tell the delimiter
CSV_HINT = (
    "a CSV needs a header row naming 'date' and 'text' and the same number of fields on every "
    "record; quote a field that holds the delimiter, a line break or a quote (doubled)"
)


class _Lines:
    """Physical lines for :func:`csv.reader`, keeping those of the current record so that a record
    found to have swallowed later ones can give them back to be read again."""

    def __init__(self, lines: Iterator[Line]) -> None:
        self._lines = lines
        self._back: deque[Line] = deque()
        self.taken: list[Line] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._back.popleft() if self._back else next(self._lines)
        self.taken.append(line)
        return line.text

    def give_back(self, lines: list[Line]) -> None:
        self._back.extendleft(reversed(lines))

    def peek(self, n: int) -> list[str]:
        """Up to ``n`` lines from here on, left to be read."""
        got: list[Line] = []
        for _ in range(n):
            try:
                next(self)
            except StopIteration:
                break
            got.append(self.taken.pop())
        self.give_back(got)
        return [line.text for line in got]


def _fields(text: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([text], delimiter=delimiter), [])
    except csv.Error:
        return []


def detect_delimiter(sample: list[str]) -> str:
    """The delimiter of a CSV whose first non-blank line in ``sample`` is its header."""
    lines = [s for s in sample if s.strip()]
    if not lines:
        return ","
    for delimiter in DELIMITERS:
        names = {f.strip().lower() for f in _fields(lines[0], delimiter)}
        if {"date", "text"} <= names:
            return delimiter
    try:
        return csv.Sniffer().sniff("".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def _is_record(text: str, delimiter: str, header: list[str]) -> bool:
    """Whether one physical line reads as a whole record: all columns and a date (to the month)."""
    fields = _fields(text, delimiter)
    if len(fields) != len(header):
        return False
    try:
        _, precision = parse_date(fields[header.index("date")], strict=False)
    except (NewsgraphError, ValueError):
        return False
    return precision != "year"


def read_csv(
    fh: io.BufferedReader, input: str, line_limit: int, field_limit: int
) -> Iterator[RawRecord | InputError]:
    errors: list[InputError] = []

    def lines() -> Iterator[Line]:
        for item in text_lines(fh, input, line_limit, errors="surrogateescape"):
            if isinstance(item, Line):
                yield item
            else:
                errors.append(item)

    source = _Lines(lines())
    delimiter = detect_delimiter(source.peek(SAMPLE_LINES))
    old_limit = csv.field_size_limit()
    csv.field_size_limit(field_limit)
    try:
        reader = csv.reader(source, delimiter=delimiter)
        header: list[str] | None = None
        while True:
            source.taken.clear()
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                start = source.taken[0].number if source.taken else None
                if "field larger" in str(err):
                    yield TooLargeError(f"CSV: {err}", input=input, line=start)
                else:
                    yield MalformedRecordError(
                        f"CSV: {err}", input=input, line=start, hint=CSV_HINT
                    )
                continue
            finally:
                yield from errors
                errors.clear()
            taken = list(source.taken)
            if not row or not taken:
                continue
            start = taken[0].number
            if header is None:
                header = [h.strip().lower() for h in row]
                missing = [c for c in ("date", "text") if c not in header]
                if missing:
                    yield MalformedRecordError(
                        f"CSV header lacks column(s) {', '.join(missing)}: {row!r}",
                        input=input,
                        line=start,
                        hint=CSV_HINT,
                    )
                    return
                continue
            swallowed = next(
                (
                    i
                    for i, line in enumerate(taken[1:], 1)
                    if _is_record(line.text, delimiter, header)
                ),
                None,
            )
            if swallowed is not None:
                yield MalformedRecordError(
                    f"CSV: a quote opened here is not closed before the record on line "
                    f"{taken[swallowed].number}",
                    input=input,
                    line=start,
                    hint=CSV_HINT,
                )
                source.give_back(taken[swallowed:])
                continue
            if any(_ESCAPED.search(v) for v in row):
                yield DecodeError("bytes that are not valid UTF-8", input=input, line=start)
                continue
            if len(row) != len(header):
                yield MalformedRecordError(
                    f"{len(row)} fields, the header has {len(header)}",
                    input=input,
                    line=start,
                    hint=CSV_HINT,
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
                date_hint="fill this record's 'date' column: YYYY[-MM[-DD]]",
            )
    finally:
        csv.field_size_limit(old_limit)

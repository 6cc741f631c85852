"""JSONL: one article per line, ``{"id"?, "date", "text", "title"?, "url"?, "source"?}``, or
one contract v1 record per line (``{"contract": 1, "doc": {...}, "mentions": [...], ...}``, what
``newsgraph extract`` and ``newsgraph export --format jsonl`` write): such a record is stored with
its extractions as they are, without reading the text again.

Blank lines are skipped; other keys are ignored. A line that is not a JSON object is a
``MalformedRecordError`` with its line number (``TooDeepError`` when it nests brackets deeper than
Python can decode), and the next line is read.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from newsgraph.errors import InputError, MalformedRecordError, TooDeepError
from newsgraph.ingest.build import RawRecord
from newsgraph.ingest.formats.lines import Line, text_lines


def record_from_mapping(obj: dict[str, object], input: str, line: int) -> RawRecord:
    doc = obj.get("doc")
    if "contract" in obj and isinstance(doc, dict):
        # A contract v1 record (``newsgraph export --format jsonl``): kept with its extractions.
        return RawRecord(
            text=doc.get("text"),
            date=doc.get("date"),
            input=input,
            line=line,
            title=doc.get("title"),
            url=doc.get("url"),
            source=doc.get("source"),
            source_id=doc.get("source_id"),
            stored=obj,
        )
    return RawRecord(
        text=obj.get("text"),
        date=obj.get("date"),
        input=input,
        line=line,
        title=obj.get("title"),
        url=obj.get("url"),
        source=obj.get("source"),
        source_id=obj.get("id"),
        date_hint="give this line a 'date' field: YYYY[-MM[-DD]]",
    )


def read_jsonl(
    fh: io.BufferedReader, input: str, line_limit: int
) -> Iterator[RawRecord | InputError]:
    for item in text_lines(fh, input, line_limit):
        if not isinstance(item, Line):
            yield item
            continue
        if not item.text.strip():
            continue
        try:
            obj = json.loads(item.text)
        except json.JSONDecodeError as err:
            yield MalformedRecordError(
                f"not JSON: {err.msg} at column {err.colno}", input=input, line=item.number
            )
            continue
        except RecursionError:  # json's C decoder recurses once per nested bracket
            yield TooDeepError("JSON nested too deeply to read", input=input, line=item.number)
            continue
        if not isinstance(obj, dict):
            yield MalformedRecordError(
                f"a JSON {type(obj).__name__}, not an object", input=input, line=item.number
            )
            continue
        yield record_from_mapping(obj, input, item.number)

"""Seed-style text files: one article per file, the date first.

The file starts with header fields, one per line, each a lowercase key after optional spaces::

     date 2024-09-17 Felipe Calderón's Secretary of Public Security, ...

* `` date YYYY[-MM[-DD]]`` is required unless a default date is given (``ingest --date``): a file
  without it is read as a record with no date, the text after any other header lines. The text
  may begin on the same line, after the date and its following spaces (as in the seed article); if
  nothing follows the date on its line, the header goes on with the next line.
* Optional `` title ...``, `` url ...`` and `` source ...`` lines (whole line each) may come before
  the date line, or after a date line that holds nothing else. For example::

     title García Luna accuses López Obrador
     date 2024-09-17
    Felipe Calderón's Secretary ...

The text is everything after the header, unchanged (so ``--no-repair`` keeps it character for
character). Only ISO dates are accepted here.
"""

from __future__ import annotations

import re

from newsgraph.ingest.build import RawRecord

DATE_HINT = "start the file with a ' date YYYY[-MM[-DD]]' line"

_START = re.compile(r"[ \t\r\n]*")
_FIELD_LINE = re.compile(r"[ \t]*(title|url|source)[ \t]+([^\r\n]*)(?:\r?\n|\Z)")
_DATE = re.compile(r"[ \t]*date[ \t]+(\S+)[ \t]*")
_NEWLINE = re.compile(r"\r?\n")


def parse_seed(text: str, input: str) -> RawRecord:
    """Split a seed-style file into its header fields and its text."""
    pos = _START.match(text).end()  # type: ignore[union-attr]  # always matches
    fields: dict[str, str] = {}
    date: str | None = None
    while True:
        m = _FIELD_LINE.match(text, pos)
        if m and m.group(1) not in fields:
            fields[m.group(1)] = m.group(2).strip()
            pos = m.end()
            continue
        m = _DATE.match(text, pos) if date is None else None
        if m is None:
            break
        date = m.group(1)
        pos = m.end()
        nl = _NEWLINE.match(text, pos)
        if nl is None:
            break  # the text begins on the date line
        pos = nl.end()
    return RawRecord(
        text=text[pos:],
        date=date,
        input=input,
        title=fields.get("title"),
        url=fields.get("url"),
        source=fields.get("source"),
        strict_date=True,
        date_hint=DATE_HINT,
    )

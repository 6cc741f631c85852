"""Date sidecar files: ``NAME.date`` beside an input file gives the date of its undated articles.

An article that carries no date of its own (an HTML page without date metadata, a seed text
without a `` date`` line, a JSONL line or CSV record without a date) takes, in this order, the
date in the sidecar file ``<input file name>.date`` (``article.html`` → ``article.html.date``)
and then the one given with ``ingest --date``. The sidecar holds one date, ``YYYY[-MM[-DD]]``,
on its first line (spaces, a UTF-8 BOM and a trailing newline are allowed). A date the article
carries is never replaced. A sidecar that does not hold such a date makes those undated articles
``BadDateError`` (``NG104``) failures naming the sidecar; it does not fall back to ``--date``.

Inside a directory, sidecars are not articles: they are skipped even when ``--format`` is forced.
"""

from __future__ import annotations

from pathlib import Path

SUFFIX = ".date"
MAX_BYTES = 256  # a date and some spaces; a bigger file is not a date sidecar


def sidecar_of(name: str) -> Path:
    """Where the date sidecar of input file ``name`` would be."""
    return Path(name + SUFFIX)


def is_sidecar(path: Path) -> bool:
    """True for ``X.date`` when ``X`` exists beside it (the sidecar of an input file)."""
    return path.name.endswith(SUFFIX) and path.with_name(path.name[: -len(SUFFIX)]).is_file()


def read_sidecar(name: str) -> tuple[str, str] | None:
    """(the sidecar's path, its first line stripped) for input file ``name``, or None when it
    has no sidecar. Unreadable or oversized content is returned as a description that will not
    parse as a date, so the undated articles fail with it (never silently undated)."""
    path = sidecar_of(name)
    if name == "-" or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as err:
        return str(path), f"<unreadable: {err.strerror or err}>"
    if len(data) > MAX_BYTES:
        return str(path), f"<more than {MAX_BYTES} bytes>"
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    first = text.splitlines()[0] if text.strip() else ""
    return str(path), first.strip()

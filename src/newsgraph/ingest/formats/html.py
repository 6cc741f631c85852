"""HTML pages: main text and metadata extracted offline with trafilatura.

The text is trafilatura's main-content extraction (boilerplate such as menus and footers removed;
paragraphs one per line), so ``--no-repair`` keeps *that* text unchanged, not the markup. Title,
canonical url and site name come from the page's metadata. The date comes only from the page's
metadata (``<meta>`` tags, JSON-LD, ``<time>`` elements; htmldate without its guessing from the
free text): a page without one is a ``MissingDateError``. The byte encoding is a BOM's, else a
``<meta charset>`` the page declares, else strict UTF-8.
"""

from __future__ import annotations

import logging
import re

from newsgraph.errors import HtmlExtractionError
from newsgraph.ingest.build import RawRecord
from newsgraph.ingest.decode import decode

DATE_HINT = (
    "the page's metadata names no publication date (a <meta> date, JSON-LD datePublished or a "
    "<time> element): add one to the page"
)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def parse_html(data: bytes, input: str) -> RawRecord:
    import trafilatura
    from trafilatura.settings import set_date_params

    page = decode(data, input, encoding=declared_charset(data))
    # trafilatura logs every page it finds little in; our failure row says it once.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    doc = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=set_date_params(extensive=False),
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not str(text).strip():
        raise HtmlExtractionError("no main text found in the page", input=input)
    return RawRecord(
        text=str(text),
        date=getattr(doc, "date", None),
        input=input,
        title=getattr(doc, "title", None),
        url=getattr(doc, "url", None),
        source=getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        date_hint=DATE_HINT,
    )

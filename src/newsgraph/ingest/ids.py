"""Content-derived document ids.

``doc.id`` is the first 16 hex digits of SHA-256 over the article's *input* text (before repair)
reduced to its letters and digits, NFC-normalised and case-folded, plus the normalised url when
one is given. So the same article read from a seed file, a JSONL line or a CSV row, with other
line endings, spacing, quotes or dashes, and with or without ``--no-repair``, gets one id; and the
id does not change when the repair rules improve. An ``id`` field in JSONL/CSV is the source's own
id: it is kept as ``Document.source_id`` and does not enter ``doc.id``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NOT_ALNUM = re.compile(r"[\W_]+")


def normalise_text(text: str) -> str:
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFC", text).casefold())


def normalise_url(url: str) -> str:
    """Scheme and host lowercased, fragment and trailing slash dropped."""
    url = url.strip().split("#", 1)[0]
    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*://[^/?]*)(.*)", url)
    if m:
        url = m.group(1).lower() + m.group(2)
    return url.rstrip("/")


def doc_id(text: str, url: str | None = None) -> str:
    key = normalise_text(text)
    if url and url.strip():
        key += "\x1f" + normalise_url(url)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

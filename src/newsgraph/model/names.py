"""The one folding of actor names: how resolution compares the names it clusters and how every
surface compares what a person types with the stored names and aliases.

"García-Luna" → "garcia luna", "U.S." and "US" → "us", "O'Brien" → "obrien", "Barra's" →
"barra". Search over article text keeps its own character-by-character folding (its offsets must
carry over), and the in-document pipeline keeps its punctuation-preserving one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_DOTTED = re.compile(r"(?<=\w)\.(?=\w)")
_POSSESSIVE = re.compile(r"['’]s$")

# SQL over ``strip_accents(lower(x))`` that drops what :func:`fold_name` drops inside a word, so
# that ``LIKE '%word%'`` with a word of a folded name finds the stored names it may fold to.
SQL_DROPPED = "[.'’]"


@lru_cache(maxsize=500_000)
def fold_name(text: str) -> str:
    """Accent- and case-folded text with punctuation removed and spaces collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", text.strip())
    text = _DOTTED.sub("", text)  # U.S. -> US, A.M.L.O. -> AMLO
    text = text.replace("'", "").replace("’", "")  # O'Brien -> OBrien
    text = _PUNCT.sub(" ", text.casefold())
    return " ".join(text.split())

"""Property-based fuzzing of ingest's readers and of ``extract`` (Hypothesis strategies and checks).

Shared by the bounded tests (``tests/ingest/test_fuzz_readers.py``,
``tests/pipeline/test_fuzz_extract.py``, run by ``make test``) and the long run
(``benchmarks/fuzz_long.py``, run by ``make bench``). Each ``check_*`` function returns the
problems it found (empty when the properties hold) instead of raising, so the long run can count
crashes and go on; the tests assert the list is empty.

Properties:

* readers: any bytes given to any format's reader give records or ``InputError`` s, never another
  exception; every record either builds a :class:`Document` or raises an ``InputError``; a
  document's repairs lie inside its text and rebuild the reader's text exactly
  (``original_text``), its flags lie inside its text, and without repair its text is the input's;
* extract: on any text, ``Pipeline.extract`` returns a result (no exception, no stage failure),
  and every ``*start``/``*end`` offset of every record lies inside ``doc.text`` with start <= end;
  a mention's or a timex's ``text`` is the text at its offsets.
"""

from __future__ import annotations

import codecs
import io
import json
import traceback
from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st

from newsgraph.config import IngestConfig
from newsgraph.errors import InputError, NewsgraphError
from newsgraph.ingest.build import RawRecord, build_document
from newsgraph.ingest.repair.editor import original_text
from newsgraph.ingest.sources import read_stream
from newsgraph.model.records import Document

MAX_CHARS = 5_000
CONFIG = IngestConfig(max_chars=MAX_CHARS, repair=True)
FORMATS = ("seed", "jsonl", "csv", "html")

# --- strategies --------------------------------------------------------------------------------
WORDS = [
    "Mara", "Vell", "Ostland", "Lagonia", "Carpathia", "the", "minister", "said", "told",
    "accused", "denied", "met", "arrested", "on", "Monday", "Tuesday", "September", "13", "2019",
    "last", "week", "58", "months", "who", "has", "Lunawho", "traffickinghas", "Dr.", "Inc.",
    "“", "”", '"', "'", "—", "-", ",", ".", ":", ";", "(", ")", "\n", "\n\n", "\t", "\u00a0",
    "\u200b", "\u200d", "\u202e", "\ufeff", "é", "Ã©", "ü", "ß", "İ", "ﬁ", "🎉", "👩‍👧", "مرحبا",
    "שלום", "中文", "\x1b[31m", "\x07", "\x0c", "\r\n", "\u2028", "&amp;", "<b>", "’s",
]  # fmt: skip
CHARS = st.characters(codec="utf-8", exclude_categories=("Cs",))


SENTENCES = [
    "{a} said on {d} that {b} had accused {c} of bribery.",
    "“We will not resign,” {a} told reporters in {p} on {d}.",
    "{a}, who was arrested in {p} in {y}, denied the charges, his lawyer {b} said.",
    "{a} is expected to be sentenced on {d}. {b} met {c} in {p} {y} months ago.",
    "According to {b}, {a} (the former minister of {p}) was convicted in {y}.",
    "{a}: “{b} lied.” {c} says {a} is wrong; {p} police detained 58 people.",
    "{a}who {b}has {c} — the President of {p} — {d}, {y}.",
]
NAMES = ["Mara Vell", "Vell", "Ivo Brandt", "Dr. Ana Quill", "AMLO", 'Ismael "El Mayo" Zol', "He"]
PLACES = ["Ostland", "Lagonia", "New Carpathia", "the Freedonian Republic"]
WHEN = ["Monday", "Tuesday, September 13", "February 2023", "October 9", "2019", "last week"]


@st.composite
def _story(draw: st.DrawFn, max_sentences: int) -> str:
    parts = []
    for _ in range(draw(st.integers(0, max_sentences))):
        template = draw(st.sampled_from(SENTENCES))
        names = [draw(st.sampled_from(NAMES)) for _ in range(3)]
        sentence = template.format(
            a=names[0],
            b=names[1],
            c=names[2],
            p=draw(st.sampled_from(PLACES)),
            d=draw(st.sampled_from(WHEN)),
            y=draw(st.sampled_from(["2019", "1987", "58", "the year 2000"])),
        )
        if draw(st.integers(0, 4)) == 0:  # damage it: a word of salad inside
            at = draw(st.integers(0, len(sentence)))
            sentence = sentence[:at] + draw(st.sampled_from(WORDS)) + sentence[at:]
        parts.append(sentence)
        parts.append(draw(st.sampled_from([" ", " ", "\n", "\n\n", "", "\r\n"])))
    return "".join(parts)


def texts(max_words: int = 60) -> st.SearchStrategy[str]:
    """News-like stories from templates (names, quotes, dates; some damaged), word salad (names,
    verbs, dates, quotes, odd characters) or random text."""
    salad = st.lists(st.sampled_from(WORDS), max_size=max_words).map(
        lambda ws: "".join(w if w in "“”'\"—-,.:;()" or w.isspace() else " " + w for w in ws)
    )
    return st.one_of(
        _story(max(1, max_words // 10)), salad, st.text(CHARS, max_size=400), st.text(max_size=60)
    )


DATES = st.one_of(
    st.sampled_from(
        [
            "2024-09-17",
            "2024-09",
            "2024",
            "2023-02-30",
            "2024-13-01",
            "09/10/2024",
            "Tue, 17 Sep 2024 10:00:00 +0000",
            "Monday, 17 Sep 2024",
            "September 2024",
            "2024-09-17T23:59:00-05:00",
            "",
            " ",
            "yesterday",
            "0000-01-01",
            "9999-12-31",
        ]
    ),
    st.text(max_size=20),
)
JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)


def _encode(text: str, how: str) -> bytes:
    boms = {"utf-8-sig": codecs.BOM_UTF8, "utf-16-le-bom": codecs.BOM_UTF16_LE}
    if how == "utf-8-sig":
        return boms[how] + text.encode("utf-8")
    if how == "utf-16-le-bom":
        return boms[how] + text.encode("utf-16-le", errors="surrogatepass")
    return text.encode(how, errors="replace")


ENCODINGS = st.sampled_from(
    ["utf-8", "utf-8", "utf-8-sig", "utf-16-le-bom", "utf-16-be", "latin-1"]
)


@st.composite
def _mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few random byte-level edits (cut, insert, flip)."""
    for _ in range(draw(st.integers(0, 3))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        edit = draw(st.sampled_from(["cut", "insert", "flip"]))
        if edit == "cut":
            data = data[:at]
        elif edit == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        else:
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    return data


@st.composite
def _seed_bytes(draw: st.DrawFn) -> str:
    head = draw(st.sampled_from(["", " date ", "date ", " title T\n date ", "\n\n date "]))
    date = draw(DATES) if head else ""
    sep = draw(st.sampled_from(["\n", " ", "\r\n", ""]))
    return head + date + sep + draw(texts())


@st.composite
def _jsonl_bytes(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        obj: dict[str, Any] = {}
        if draw(st.booleans()):
            obj["date"] = draw(st.one_of(DATES, JSON_VALUES))
        if draw(st.integers(0, 9)):
            obj["text"] = draw(st.one_of(texts(), texts(), JSON_VALUES))
        for key in ("title", "url", "id", "source"):
            if draw(st.integers(0, 3)) == 0:
                obj[key] = draw(st.one_of(st.text(max_size=20), JSON_VALUES))
        value: Any = obj if draw(st.integers(0, 7)) else draw(JSON_VALUES)
        lines.append(json.dumps(value, ensure_ascii=draw(st.booleans())))
    if draw(st.integers(0, 5)) == 0:
        lines.append("[" * draw(st.integers(1, 3000)))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


@st.composite
def _csv_bytes(draw: st.DrawFn) -> str:
    delim = draw(st.sampled_from([",", ";", "\t", "|"]))
    cols = draw(
        st.lists(st.sampled_from(["date", "text", "title", "id", "url", "x", "DATE"]), max_size=5)
    )
    rows = [delim.join(cols)]
    for _ in range(draw(st.integers(0, 4))):
        fields = []
        for _ in range(draw(st.integers(0, len(cols) + 1))):
            value = draw(st.one_of(DATES, texts(12)))
            if draw(st.booleans()):
                value = (
                    '"'
                    + value.replace('"', draw(st.sampled_from(['""', '"'])))
                    + ('"' if draw(st.integers(0, 5)) else "")
                )
            fields.append(value)
        rows.append(delim.join(fields))
    return draw(st.sampled_from(["\n", "\r\n"])).join(rows) + "\n"


@st.composite
def _html_bytes(draw: st.DrawFn) -> str:
    meta = draw(
        st.sampled_from(
            [
                "",
                '<meta property="article:published_time" content="{}">',
                '<meta charset="{}">',
                '<script type="application/ld+json">{{"datePublished": "{}"}}</script>',
                "<time datetime='{}'></time>",
            ]
        )
    ).format(draw(DATES).replace('"', ""))
    parts = draw(
        st.lists(
            st.one_of(
                texts(20).map(lambda t: f"<p>{t}</p>"),
                st.sampled_from(
                    [
                        "<article>",
                        "</article>",
                        "<div>",
                        "<script>x=1</script>",
                        "<br>",
                        "</p>",
                        "<!--",
                        "-->",
                        "<![CDATA[",
                        "&#0;",
                        "&nbsp;",
                    ]
                ),
            ),
            max_size=12,
        )
    )
    return f"<html><head>{meta}<title>T</title></head><body>{''.join(parts)}</body></html>"


_STRUCTURED = {"seed": _seed_bytes, "jsonl": _jsonl_bytes, "csv": _csv_bytes, "html": _html_bytes}


@st.composite
def input_bytes(draw: st.DrawFn, fmt: str) -> bytes:
    """Bytes for a ``fmt`` reader: the format's shapes, encoded, maybe damaged; or any bytes."""
    if draw(st.integers(0, 5)) == 0:
        return draw(st.binary(max_size=600))
    data = _encode(draw(_STRUCTURED[fmt]()), draw(ENCODINGS))
    return draw(_mutated(data))


# --- checks ------------------------------------------------------------------------------------
def _crash(what: str, err: BaseException) -> str:
    frame = traceback.extract_tb(err.__traceback__)[-1] if err.__traceback__ else None
    where = f" at {frame.filename.rsplit('/src/', 1)[-1]}:{frame.lineno}" if frame else ""
    return f"{what}: {type(err).__name__}{where}: {str(err)[:200]}"


def check_reader(fmt: str, data: bytes, repair: bool = True) -> list[str]:
    """Problems found reading ``data`` as ``fmt`` (see the module docstring)."""
    problems: list[str] = []
    try:
        records = list(read_stream(io.BufferedReader(io.BytesIO(data)), "fuzz", fmt, CONFIG))
    except Exception as err:
        return [_crash(f"{fmt} reader", err)]
    for rec in records:
        if isinstance(rec, InputError):
            if not rec.code.startswith("NG1"):
                problems.append(f"{fmt} reader: error code {rec.code} outside ingest's NG1xx")
            continue
        problems += _check_record(fmt, rec, repair)
    return problems


def _check_record(fmt: str, rec: RawRecord, repair: bool) -> list[str]:
    try:
        doc = build_document(rec, repair=repair, max_chars=MAX_CHARS)
    except InputError:
        return []
    except Exception as err:
        return [_crash(f"{fmt} build_document", err)]
    return [f"{fmt}: {p}" for p in check_document(doc, rec.text, repair)]


def check_document(doc: Document, raw_text: object, repair: bool) -> list[str]:
    """Offsets of repairs and flags inside the text; repairs reversible; no repair = same text."""
    problems = []
    n = len(doc.text)
    if not doc.text.strip():
        problems.append("a document with blank text")
    for r in doc.repairs:
        if not (0 <= r.start <= r.end <= n) or doc.text[r.start : r.end] != r.after:
            problems.append(f"repair {r} does not match the text at its offsets")
    for f in doc.flags:
        if not 0 <= f.start <= f.end <= n:
            problems.append(f"flag {f.kind} at {f.start}-{f.end} outside text of length {n}")
    try:
        rebuilt = original_text(doc.text, doc.repairs) if repair else doc.text
    except Exception as err:
        return [*problems, _crash("original_text", err)]
    if rebuilt != raw_text:
        problems.append("the repairs do not rebuild the input text")
    return problems


def _offsets(value: Any, path: str = "") -> Iterator[tuple[str, int, int]]:
    """Every (path, start, end) pair of ``*start``/``*end`` int fields in a contract object."""
    if isinstance(value, dict):
        for key, start in value.items():
            if key.endswith("start") and isinstance(start, int):
                end = value.get(key[: -len("start")] + "end")
                if isinstance(end, int):
                    yield f"{path}.{key}", start, end
        for key, inner in value.items():
            yield from _offsets(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _offsets(inner, f"{path}[{i}]")


def fuzz_document(text: str, repair: bool = True) -> Document | None:
    """A document as ingest builds it from ``text``, or None when ingest refuses it."""
    raw = RawRecord(text=text, date="2024-09-17", input="fuzz")
    try:
        return build_document(raw, repair=repair, max_chars=MAX_CHARS)
    except InputError:
        return None


def check_extract(pipeline: Any, doc: Document) -> list[str]:
    """Problems found extracting ``doc`` (see the module docstring)."""
    try:
        result = pipeline.extract(doc)
    except (NewsgraphError, Exception) as err:
        cause = err.__cause__ or err
        return [_crash("extract", cause)]
    data = result.to_dict()
    text = result.doc.text
    n = len(text)
    problems = [
        f"{where} = {start}-{end} outside 0-{n}"
        for where, start, end in _offsets(data)
        if not 0 <= start <= end <= n
    ]
    for kind in ("mentions", "timexes"):
        for rec in data[kind]:
            if text[rec["start"] : rec["end"]] != rec["text"]:
                problems.append(f"{kind} text {rec['text']!r} is not the text at its offsets")
    for s, e in result.sentences:
        if not 0 <= s <= e <= n:
            problems.append(f"sentence {s}-{e} outside 0-{n}")
    return problems

"""Kinds of bad (and awkward but valid) input, each a small set of files with what must come of
them: the documents stored (by a marker word in their text) and the failure codes, in order.

Used by ``test_bad_input_kinds.py``, which ingests them all in one CLI run and each kind alone.
Markers are made-up words (``Zorvex07``) that no repair changes; texts use fictional places.
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MAX_CHARS = 20_000  # the suite's config: small, so "too large" inputs stay small files


def article(marker: str) -> str:
    return (
        f"The Ostland envoy Zorvex{marker} met officials in Lagonia on Monday. "
        f"She said the border talks would resume in March."
    )


def seed(marker: str, date: str = "2024-03-05") -> str:
    return f" date {date}\n{article(marker)}\n"


def line(marker: str, date: object = "2024-03-05", **extra: object) -> str:
    return json.dumps({"date": date, "text": article(marker), **extra}) + "\n"


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def html_article(marker: str) -> str:
    return "<article>" + f"<p>{article(marker)} " * 4 + "</article>"


DATED_HEAD = '<meta property="article:published_time" content="2024-03-05">'


Maker = Callable[[Path], list[str]]  # makes the kind's files under a folder; returns named paths


@dataclass
class Kind:
    """Files (name -> bytes or text), or a function making them; the markers of the documents
    that must be stored, and the failure codes that must be recorded (in input order)."""

    name: str
    files: dict[str, bytes | str] = field(default_factory=dict)
    docs: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    make: Maker | None = None  # for what plain files cannot express (links, FIFOs)
    named: bool = False  # give the made paths on the command line, not the folder
    skip: str | None = None  # why this kind cannot be built here

    def build(self, folder: Path) -> list[str]:
        """Create the kind's files under ``folder``; the paths to give to ingest."""
        folder.mkdir(parents=True)
        for rel, content in self.files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        named = self.make(folder) if self.make is not None else []
        return named if self.named else [str(folder)]


def _symlink_loop(folder: Path) -> list[str]:
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    return []


def _named_symlink_loop(folder: Path) -> list[str]:
    _symlink_loop(folder)
    return [str(folder / "a.txt")]


def _dangling_link(folder: Path) -> list[str]:
    (folder / "gone.txt").symlink_to(folder / "never-there.txt")
    (folder / "ok.txt").write_text(seed("71"), encoding="utf-8")
    return []


def _fifo(folder: Path) -> list[str]:
    os.mkfifo(folder / "pipe.txt")
    return [str(folder / "pipe.txt")]


def _unreadable(folder: Path) -> list[str]:
    path = folder / "locked.txt"
    path.write_text(seed("73"), encoding="utf-8")
    path.chmod(0)
    return [str(path)]


def _linked_dir_loop(folder: Path) -> list[str]:
    (folder / "sub").mkdir()
    (folder / "sub" / "a.txt").write_text(seed("74"), encoding="utf-8")
    (folder / "sub" / "up").symlink_to(folder)  # a directory link back up: not followed
    return []


def _missing(folder: Path) -> list[str]:
    return [str(folder / "no-such-file.txt")]


def _unknown_named(folder: Path) -> list[str]:
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    return [str(folder / "report.pdf")]


ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
UTF8_MOJIBAKE = article("40").replace("Ostland", "Ostlánd").encode("utf-8").decode("latin-1")
DEEP = "[" * 50_000 + "]" * 50_000  # under the line limit: the nesting fails

KINDS: list[Kind] = [
    # --- empty and blank -----------------------------------------------------------------
    Kind("empty-seed-file", {"a.txt": b""}, codes=["NG102"]),
    Kind("blank-seed-file", {"a.txt": " \n\t\n  "}, codes=["NG102"]),
    Kind("date-line-only", {"a.txt": " date 2024-03-05\n"}, codes=["NG102"]),
    Kind("empty-jsonl-file", {"a.jsonl": b""}),
    Kind("blank-lines-jsonl", {"a.jsonl": "\n\n" + line("01") + "  \n\n"}, docs=["01"]),
    Kind(
        "empty-text-field",
        {"a.jsonl": json.dumps({"date": "2024-03-05", "text": " "})},
        codes=["NG102"],
    ),
    Kind("empty-csv-file", {"a.csv": b""}),
    Kind("csv-header-only", {"a.csv": "date,text\n"}),
    # --- binary ---------------------------------------------------------------------------
    Kind(
        "binary-png-as-txt",
        {"a.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8},
        codes=["NG106"],
    ),
    Kind("binary-as-jsonl", {"a.jsonl": bytes(range(256)) * 8}, codes=["NG106"]),
    Kind(
        "binary-as-html", {"a.html": b"\x00\x01\x02GIF89a" + bytes(range(256)) * 4}, codes=["NG106"]
    ),
    Kind("binary-as-csv", {"a.csv": b"date,text\n" + bytes(range(256)) * 8}, codes=["NG106"]),
    # --- encodings ------------------------------------------------------------------------
    Kind("utf8-bom-seed", {"a.txt": codecs.BOM_UTF8 + seed("02").encode()}, docs=["02"]),
    Kind(
        "utf16le-bom-seed",
        {"a.txt": codecs.BOM_UTF16_LE + seed("03").encode("utf-16-le")},
        docs=["03"],
    ),
    Kind(
        "utf16be-bom-jsonl",
        {"a.jsonl": codecs.BOM_UTF16_BE + (line("04") + line("05")).encode("utf-16-be")},
        docs=["04", "05"],
    ),
    Kind("utf16le-no-bom-seed", {"a.txt": seed("06").encode("utf-16-le")}, docs=["06"]),
    Kind(
        "utf16be-no-bom-csv",
        {"a.csv": f'date,text\n2024-03-05,"{article("07")}"\n'.encode("utf-16-be")},
        docs=["07"],
    ),
    Kind(
        "latin1-seed",
        {"a.txt": seed("08").replace("Lagonia", "Lagoñia").encode("latin-1")},
        codes=["NG101"],
    ),
    Kind(
        "latin1-jsonl-line",
        {
            "a.jsonl": line("09").encode()
            + line("10").replace("Lagonia", "Lagoñia").encode("latin-1")
            + line("11").encode()
        },
        docs=["09", "11"],
        codes=["NG101"],
    ),
    Kind(
        "cp1252-csv-record",
        {
            "a.csv": b"date,text\n2024-03-05,\x93"
            + article("12").encode()
            + b"\x94\n"
            + b"2024-03-06,"
            + article("13").encode()
            + b"\n"
        },
        docs=["13"],
        codes=["NG101"],
    ),
    Kind("mojibake-is-repaired", {"a.txt": " date 2024-03-05\n" + UTF8_MOJIBAKE}, docs=["40"]),
    Kind(
        "html-declared-latin1",
        {
            "a.html": page(
                html_article("14").replace("Lagonia", "Lagoñia"),
                '<meta charset="iso-8859-1">' + DATED_HEAD,
            ).encode("latin-1")
        },
        docs=["14"],
    ),
    Kind(
        "lone-surrogate-escape",
        {"a.jsonl": '{"date": "2024-03-05", "text": "Ostland \\ud800 vote"}\n' + line("15")},
        docs=["15"],
        codes=["NG101"],
    ),
    # --- dates ----------------------------------------------------------------------------
    Kind("missing-date-seed", {"a.txt": article("16")}, codes=["NG103"]),
    Kind(
        "missing-date-jsonl",
        {"a.jsonl": json.dumps({"text": article("17")}) + "\n"},
        codes=["NG103"],
    ),
    Kind("null-date-jsonl", {"a.jsonl": line("18", None)}, codes=["NG103"]),
    Kind("impossible-day-seed", {"a.txt": seed("19", "2023-02-30")}, codes=["NG104"]),
    Kind("impossible-month-jsonl", {"a.jsonl": line("20", "2023-13-01")}, codes=["NG104"]),
    Kind("ambiguous-date-jsonl", {"a.jsonl": line("21", "09/10/2024")}, codes=["NG104"]),
    Kind("weekday-mismatch-jsonl", {"a.jsonl": line("22", "Monday, 17 Sep 2024")}, codes=["NG104"]),
    Kind(
        "words-for-a-date-csv",
        {"a.csv": f"date,text\nyesterday,{article('23')}\n"},
        codes=["NG104"],
    ),
    Kind("numeric-date-jsonl", {"a.jsonl": line("24", 20240305)}, codes=["NG104"]),
    Kind("date-as-object-jsonl", {"a.jsonl": line("25", {"y": 2024})}, codes=["NG104"]),
    Kind("html-without-date", {"a.html": page(html_article("26"))}, codes=["NG103"]),
    Kind(
        "html-without-date-sidecar",
        {"a.html": page(html_article("27")), "a.html.date": "2024-03-05\n"},
        docs=["27"],
    ),
    Kind("sidecar-not-a-date", {"a.txt": article("28"), "a.txt.date": "soon"}, codes=["NG104"]),
    # --- JSON shapes ----------------------------------------------------------------------
    Kind(
        "not-json",
        {"a.jsonl": "date: 2024, text: hello\n" + line("29")},
        docs=["29"],
        codes=["NG105"],
    ),
    Kind("json-array-line", {"a.jsonl": "[1, 2, 3]\n" + line("30")}, docs=["30"], codes=["NG105"]),
    Kind("json-string-line", {"a.jsonl": '"just a string"\n'}, codes=["NG105"]),
    Kind(
        "text-is-a-number",
        {"a.jsonl": json.dumps({"date": "2024-03-05", "text": 42}) + "\n"},
        codes=["NG105"],
    ),
    Kind(
        "text-is-a-list",
        {"a.jsonl": json.dumps({"date": "2024-03-05", "text": ["a"]}) + "\n"},
        codes=["NG105"],
    ),
    Kind(
        "no-text-field",
        {"a.jsonl": json.dumps({"date": "2024-03-05", "body": "x"}) + "\n"},
        codes=["NG105"],
    ),
    Kind("title-is-an-object", {"a.jsonl": line("31", title={"en": "x"})}, codes=["NG105"]),
    Kind(
        "truncated-last-line",
        {"a.jsonl": line("32") + line("33")[:40]},
        docs=["32"],
        codes=["NG105"],
    ),
    Kind(
        "deep-json",
        {"a.jsonl": line("34") + DEEP + "\n" + line("35")},
        docs=["34", "35"],
        codes=["NG111"],
    ),
    Kind(
        "nul-escape-in-json",
        {"a.jsonl": json.dumps({"date": "2024-03-05", "text": "Ostland\u0000vote"}) + "\n"},
        codes=["NG106"],
    ),
    # --- CSV shapes -----------------------------------------------------------------------
    Kind(
        "csv-without-date-column",
        {"a.csv": f"when,text\n2024-03-05,{article('36')}\n"},
        codes=["NG105"],
    ),
    Kind(
        "csv-wrong-field-count",
        {"a.csv": f'date,text\n2024-03-05,{article("37")},extra\n2024-03-06,"{article("38")}"\n'},
        docs=["38"],
        codes=["NG105"],
    ),
    Kind("csv-semicolons", {"a.csv": f"date;text\n2024-03-05;{article('39')}\n"}, docs=["39"]),
    Kind("csv-tabs-crlf", {"a.csv": f"text\tdate\r\n{article('41')}\t2024-03-05\r\n"}, docs=["41"]),
    Kind(
        "csv-quoted-multiline",
        {
            "a.csv": f'date,text\n2024-03-05,"{article("42")}\n'
            'Second paragraph, quoted ""here"".\n"\n'
        },
        docs=["42"],
    ),
    Kind(
        "csv-unclosed-quote",
        {
            "a.csv": f'date,text\n2024-03-05,"{article("43")}\n2024-03-06,{article("44")}\n'
            f"2024-03-07,{article('45')}\n"
        },
        docs=["44", "45"],
        codes=["NG105"],
    ),
    # --- HTML shapes ----------------------------------------------------------------------
    Kind(
        "html-without-body",
        {"a.html": f"<html><head>{DATED_HEAD}<title>T</title></head></html>"},
        codes=["NG110"],
    ),
    Kind(
        "html-script-only",
        {"a.html": page("<script>var x = 1;</script><style>p {}</style>", DATED_HEAD)},
        codes=["NG110"],
    ),
    Kind("html-dated", {"a.html": page(html_article("46"), DATED_HEAD)}, docs=["46"]),
    Kind(
        "html-unclosed-tags",
        {
            "a.html": "<html><head>"
            + DATED_HEAD
            + "<body><article><p>"
            + (article("47") + " <p>") * 4
        },
        docs=["47"],
    ),
    # --- sizes ----------------------------------------------------------------------------
    Kind(
        "huge-jsonl-line",
        {
            "a.jsonl": '{"date": "2024-03-05", "text": "'
            + "x" * (7 * MAX_CHARS)
            + '"}\n'
            + line("48")
        },
        docs=["48"],
        codes=["NG107"],
    ),
    Kind(
        "text-over-max-chars",
        {"a.jsonl": json.dumps({"date": "2024-03-05", "text": "Ostland vote. " * 2000}) + "\n"},
        codes=["NG107"],
    ),
    Kind("huge-seed-file", {"a.txt": seed("49") + "Ostland. " * (MAX_CHARS // 2)}, codes=["NG107"]),
    Kind("long-line-no-newline", {"a.txt": " date 2024-03-05 " + article("50") * 20}, docs=["50"]),
    # --- characters -----------------------------------------------------------------------
    Kind(
        "nul-bytes-in-seed", {"a.txt": seed("51").encode() + b"\x00\x00 more text"}, codes=["NG106"]
    ),
    Kind(
        "rtl-text",
        {"a.txt": seed("52") + "قال المتحدث إن المحادثات ستستأنف. הוא אמר שלום.\n"},
        docs=["52"],
    ),
    Kind(
        "emoji-text",
        {"a.txt": seed("53") + "Crowds cheered 🎉🇺🇳👩‍👩‍👧 in the square.\n"},
        docs=["53"],
    ),
    Kind(
        "zero-width-characters",
        {"a.txt": seed("54").replace("envoy", "en\u200bvoy\u200d") + "\ufeffNext\u2060line.\n"},
        docs=["54"],
    ),
    Kind(
        "bidi-overrides", {"a.txt": seed("55") + "Name: \u202edesrever\u202c here.\n"}, docs=["55"]
    ),
    Kind(
        "terminal-escapes",
        {"a.txt": seed("56") + "\x1b]0;owned\x07\x1b[31mred\x1b[0m.\n"},
        docs=["56"],
    ),
    Kind(
        "crlf-and-form-feeds",
        {"a.txt": seed("57").replace("\n", "\r\n") + "\x0cPage two.\r\n"},
        docs=["57"],
    ),
    # --- paths ----------------------------------------------------------------------------
    Kind(
        "unknown-extension-in-folder", {"notes.md": "# Notes\n", "a.txt": seed("58")}, docs=["58"]
    ),
    Kind("unknown-extension-named", make=_unknown_named, named=True, codes=["NG108"]),
    Kind("missing-path", make=_missing, named=True, codes=["NG109"]),
    Kind(
        "hidden-files-skipped",
        {".hidden.txt": seed("59"), ".git/x.txt": seed("60"), "a.txt": seed("61")},
        docs=["61"],
    ),
    Kind(
        "symlink-loop-in-folder",
        {"ok.txt": seed("62")},
        make=_symlink_loop,
        docs=["62"],
        codes=["NG109", "NG109"],
    ),
    Kind("symlink-loop-named", make=_named_symlink_loop, named=True, codes=["NG109"]),
    Kind("dangling-symlink", make=_dangling_link, docs=["71"], codes=["NG109"]),
    Kind("directory-link-loop", make=_linked_dir_loop, docs=["74"]),
    Kind("fifo-named", make=_fifo, named=True, codes=["NG100"]),
    Kind(
        "unreadable-file",
        make=_unreadable,
        named=True,
        codes=["NG100"],
        skip="runs as root, who can read a chmod 000 file" if ROOT else None,
    ),
    Kind("newline-in-file-name", {"bad\nname.txt": article("63")}, codes=["NG103"]),
    Kind("same-article-twice", {"a.txt": seed("64"), "b.jsonl": line("64")}, docs=["64"]),
]

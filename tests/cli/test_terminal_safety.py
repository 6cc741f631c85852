"""Control characters in stored text (escapes that set the window title, clear the screen, C1 CSI)
never reach the terminal through text output; a newline in a file name keeps the failures table
one row per failure. JSON output stays exact."""

from __future__ import annotations

import copy
import dataclasses
import json
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli
from newsgraph.cli.textfmt import clean, cleaned
from newsgraph.errors import Failure
from newsgraph.store import Store
from tests.store.builders import corpus

# Same-length swaps keep every stored offset right: ESC for "ó", C1 CSI for "í", and an OSC
# "set window title" sequence for "a letter".
SWAPS = {"ó": "\x1b", "í": "\x9b", "a letter": "\x1b]0;pwn\x07"}


def poison(obj: Any) -> Any:
    if isinstance(obj, str):
        for a, b in SWAPS.items():
            obj = obj.replace(a, b)
        return obj
    if isinstance(obj, dict):
        return {k: poison(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return type(obj)(poison(v) for v in obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        new = copy.copy(obj)
        for f in dataclasses.fields(obj):
            object.__setattr__(new, f.name, poison(getattr(obj, f.name)))
        return new
    return obj


def unsafe(text: str) -> list[str]:
    return sorted({c for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0})


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("tty") / "poisoned.duckdb"
    docs = [poison(d) for d in corpus()]
    assert "\x1b]0;pwn\x07" in docs[0].doc.text
    bad = [
        Failure("evil\nname.jsonl", 3, "NG104", "impossible date \x1b[2J"),
        Failure("plain.jsonl", 1, "NG105", "not JSON"),
    ]
    with Store(path) as store:
        store.write_batch(docs, bad)
    return str(path)


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), color=True)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    "args",
    [
        ("search", "Luna"),
        ("search", "jail"),
        ("claims", "--min-confidence", "0"),
        ("events", "--min-confidence", "0"),
        ("entities",),
        ("mentions",),
        ("show", "Felipe", "--mentions", "--min-confidence", "0"),
        ("doc", "aaa111"),
        ("failures",),
    ],
)
def test_text_output_carries_no_control_characters(db: str, args: tuple[str, ...]) -> None:
    out = run(*args, "--db", db)
    # Our own styling (bold, colours) is the only escape allowed: drop it, then look.
    import re

    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert plain.strip() and not unsafe(plain), (args, unsafe(plain), plain[:400])


def test_failures_table_keeps_one_line_per_failure(db: str) -> None:
    lines = run("failures", "--db", db).splitlines()
    assert len(lines) == 3  # header and two failures
    assert any("evil\u2424name.jsonl:3" in line for line in lines)


def test_json_output_keeps_the_stored_text(db: str) -> None:
    rows = [json.loads(x) for x in run("failures", "--db", db, "--json").splitlines()]
    assert "evil\nname.jsonl" in {r["input"] for r in rows}


def test_clean_keeps_length_newlines_and_tabs() -> None:
    text = "a\x1b]0;x\x07b\n\tc\x9bd\x7f"
    assert len(clean(text)) == len(text) and not unsafe(clean(text))
    assert "\n\t" in clean(text) and "\n" not in clean(text, inline=True)
    assert cleaned({"k": ["\x1b", ("\x07",)]}) == {"k": ["\u241b", ("\u2407",)]}

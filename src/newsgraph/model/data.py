"""Loading the word lists and ontologies we maintain as data files in ``model/data/``.

Formats: ``.toml`` (structured ontologies), ``.tsv`` (tables with a header row; ``#`` starts a
comment line), ``.txt`` (one entry per line; ``#`` comments). Files are read once per process.
"""

from __future__ import annotations

import csv
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).with_name("data")


def data_path(name: str) -> Path:
    return DATA_DIR / name


@cache
def load_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(data_path(name).read_text(encoding="utf-8"))


@cache
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV data file as dicts keyed by its header."""
    with data_path(name).open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t")
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a text data file, stripped."""
    out = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


@cache
def modality_groups() -> dict[str, str]:
    """Event modality -> the kind of reality it describes (``events_modality_groups.tsv``): two
    event reports can be one event only when their modalities share a group. Kept in ``model`` so
    that cross-article linking (resolve) needs no pipeline stage, hence no spaCy."""
    return {row["modality"]: row["group"] for row in load_tsv("events_modality_groups.tsv")}

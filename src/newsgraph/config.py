"""One declarative config: shipped defaults (``default.toml``) overlaid by a user file."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.errors import (
    BadConfigValueError,
    ConfigReadError,
    StageConfigError,
    UnknownConfigKeyError,
)

DEFAULT_CONFIG = Path(__file__).with_name("default.toml")

# Keys whose value must lie in a range, beyond having the default's type: (low, high), inclusive.
_RANGES: dict[str, tuple[float, float]] = {
    "pipeline.batch_size": (1, 1_000_000),
    "pipeline.doc_timeout_s": (0, float("inf")),
    "ingest.max_chars": (1, float("inf")),
    "query.min_event_confidence": (0, 1),
    "query.min_claim_confidence": (0, 1),
}
# Keys read as a number although their shipped default is written as a whole number.
_NUMBERS = {"pipeline.doc_timeout_s"}


def limit_blas_threads() -> None:
    """One BLAS thread per process: our parallelism is across processes, not inside matmuls.

    Must run before numpy is imported to take effect, so the CLI calls it first thing.
    """
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


@dataclass(frozen=True)
class PipelineConfig:
    model: str
    stages: tuple[str, ...]
    batch_size: int
    ops: str
    doc_timeout_s: float


@dataclass(frozen=True)
class IngestConfig:
    max_chars: int
    repair: bool


@dataclass(frozen=True)
class QueryConfig:
    """What read commands show by default."""

    min_event_confidence: float
    min_claim_confidence: float


@dataclass(frozen=True)
class Config:
    pipeline: PipelineConfig
    ingest: IngestConfig
    query: QueryConfig


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _line_of(text: str, section: str, key: str | None) -> int | None:
    """The 1-based line of ``[section]`` (or of ``key`` inside it) in a TOML text, if found."""
    in_section = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_section = stripped.strip("[] \t") == section
            if in_section and key is None:
                return number
            continue
        if in_section and key is not None and re.match(rf"{re.escape(key)}\s*=", stripped):
            return number
    return None


def _suggest(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1)
    return f"did you mean {close[0]!r}? " if close else ""


def _kind(default: Any) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int):
        return "a whole number"
    if isinstance(default, float):
        return "a number"
    if isinstance(default, list):
        return "a list of strings"
    return "a string"


def _fits(value: Any, default: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, type(default))


def _check(
    over: dict[str, Any], defaults: dict[str, Any], source: str | None, text: str = ""
) -> None:
    """Every section and key of ``over`` must exist in the defaults, with a value of the default's
    type and in range; otherwise a :class:`ConfigError` naming the file, line, key and expected."""
    for section, table in over.items():
        if section not in defaults or not isinstance(defaults[section], dict):
            raise UnknownConfigKeyError(
                f"unknown section [{section}]; {_suggest(section, sorted(defaults))}"
                f"sections are: {', '.join(sorted(defaults))}",
                input=source,
                line=_line_of(text, section, None),
            )
        if not isinstance(table, dict):
            raise BadConfigValueError(
                f"[{section}] must be a table of keys, not {table!r}", input=source
            )
        known = defaults[section]
        for key, value in table.items():
            if key not in known:
                raise UnknownConfigKeyError(
                    f"unknown key {section}.{key}; {_suggest(key, sorted(known))}"
                    f"keys of [{section}] are: {', '.join(sorted(known))}",
                    input=source,
                    line=_line_of(text, section, key),
                )
            name = f"{section}.{key}"
            default = float(known[key]) if name in _NUMBERS else known[key]
            low, high = _RANGES.get(name, (float("-inf"), float("inf")))
            if not _fits(value, default) or (
                isinstance(value, int | float) and not low <= value <= high
            ):
                bounds = ""
                if name in _RANGES:
                    bounds = f" from {low:g} to {high:g}"
                    if high == float("inf"):
                        bounds = f" of {low:g} or more"
                raise BadConfigValueError(
                    f"{name} = {value!r}: expected {_kind(default)}{bounds} "
                    f"(the default is {known[key]!r})",
                    input=source,
                    line=_line_of(text, section, key),
                )


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Read the defaults, then ``path`` if given; ``overrides`` are ``section__key=value``.

    A misspelt section or key, or a value of the wrong type or range, is a
    :class:`~newsgraph.errors.ConfigError` naming the file, line and key: never silently ignored.
    """
    data = tomllib.loads(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8")
            user = tomllib.loads(text)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise ConfigReadError(f"cannot read config: {err}", input=str(path)) from err
        _check(user, data, str(path), text)
        data = _merge(data, user)
    extra: dict[str, dict[str, Any]] = {}
    for key, value in overrides.items():
        section, _, name = key.partition("__")
        extra.setdefault(section, {})[name] = value
    _check(extra, data, None)
    data = _merge(data, extra)
    p, i, q = data["pipeline"], data["ingest"], data["query"]
    if p["ops"] not in ("numpy", "blis"):
        raise StageConfigError(f"pipeline.ops must be 'numpy' or 'blis', not {p['ops']!r}")
    return Config(
        pipeline=PipelineConfig(
            model=str(p["model"]),
            stages=tuple(p["stages"]),
            batch_size=int(p["batch_size"]),
            ops=str(p["ops"]),
            doc_timeout_s=float(p.get("doc_timeout_s", 0)),
        ),
        ingest=IngestConfig(max_chars=int(i["max_chars"]), repair=bool(i["repair"])),
        query=QueryConfig(
            min_event_confidence=float(q["min_event_confidence"]),
            min_claim_confidence=float(q["min_claim_confidence"]),
        ),
    )

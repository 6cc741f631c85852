"""One declarative config: shipped defaults (``default.toml``) overlaid by a user file."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.errors import StageConfigError

DEFAULT_CONFIG = Path(__file__).with_name("default.toml")


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


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Read the defaults, then ``path`` if given; ``overrides`` are ``section__key=value``."""
    data = tomllib.loads(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    if path is not None:
        try:
            data = _merge(data, tomllib.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise StageConfigError(f"cannot read config: {err}", input=str(path)) from err
    for key, value in overrides.items():
        section, _, name = key.partition("__")
        data.setdefault(section, {})[name] = value
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

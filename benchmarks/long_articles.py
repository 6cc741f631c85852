"""Cost of one long article against its length: CPU seconds and peak memory at 10k, 25k, 100k,
200k and 1M characters, and whether they grow linearly.

The article is the bodies of ``samples/*.txt`` (their ``date`` lines dropped), repeated in a
varied order (each copy shuffles the bodies with a fixed seed) until it is ``N`` characters long,
cut at a paragraph break. Each length is measured in a fresh process (so that its peak memory is
its own): after a warm-up extraction that loads the lazily loaded models, it times, ``--repeats``
times, the bare parse as the pipeline does it (``pipeline.parse``: in windows above 50,000
characters) and ``Pipeline.extract`` (the parse and every stage) in CPU seconds, and reads the
process's peak resident memory. Figures are medians of the repeats.

Linear cost shows as a flat ``extract_cpu_per_10k`` across lengths: ``per_char_<N>k`` is the CPU
per character at ``N`` thousand characters over that at the smallest length (1.0 = linear; a
stage that scans the whole document once per mention shows as a value growing with length).
``ratio_<N>k`` is extract over parse (the stages' share), ``added_rss_mb_<N>k`` the memory the
article took above the warmed-up process. The load average is printed with the figures: CPU time
stays within about 10% under load, wall time does not.

    .venv/bin/python benchmarks/long_articles.py [--sizes 10000,25000,100000,200000,1000000]
        [--repeats 3] [--no-record]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import check_floors, peak_rss_mb, record  # noqa: E402

DEFAULT_SIZES = "10000,25000,100000,200000,1000000"
# Per-character cost at the longest length over the shortest above which ``check`` reports
# growth faster than length, whatever floors.toml pins (a ceiling there is the recorded gate).
LINEAR_SLACK = 1.5


def long_text(chars: int) -> str:
    """The sample article bodies, repeated in a varied order to about ``chars`` characters and
    cut at a paragraph."""
    bodies = [
        re.sub(r"^\s*date \S+\s*", "", p.read_text(encoding="utf-8")).strip()
        for p in sorted((ROOT / "samples").glob("*.txt"))
    ]
    rng = random.Random(14)
    parts: list[str] = []
    size = 0
    while size < chars:
        order = bodies[:]
        rng.shuffle(order)
        copy = "\n\n".join(order) + "\n\n"
        parts.append(copy)
        size += len(copy)
    text = "".join(parts)
    cut = text.rfind("\n\n", 0, chars)
    return text[: cut if cut > 0 else chars]


def key(size: int) -> str:
    return f"{size // 1000}k"


def measure_one(size: int, repeats: int) -> dict[str, float]:
    """CPU seconds (medians of ``repeats``) and peak memory of one length, in this process."""
    from newsgraph.model.records import Document
    from newsgraph.pipeline.parse import parse
    from newsgraph.pipeline.runner import Pipeline

    pipeline = Pipeline()
    warm = long_text(3000)
    pipeline.extract(Document(id="warm", date="2024-01-01", date_precision="day", text=warm))
    rss0 = peak_rss_mb()
    text = long_text(size)
    doc = Document(id=f"long{size}", date="2024-01-01", date_precision="day", text=text)
    parses, extracts = [], []
    for _ in range(repeats):
        t0 = time.process_time()
        parse(pipeline.nlp, text)
        parses.append(time.process_time() - t0)
        t0 = time.process_time()
        pipeline.extract(doc)
        extracts.append(time.process_time() - t0)
    return {
        "chars": len(text),
        "parse_cpu_s": statistics.median(parses),
        "extract_cpu_s": statistics.median(extracts),
        "extract_cpu_min": min(extracts),
        "extract_cpu_max": max(extracts),
        "peak_rss_mb": peak_rss_mb(),
        "added_rss_mb": max(0.0, peak_rss_mb() - rss0),
    }


def summarise(runs: dict[int, dict[str, float]]) -> dict[str, Any]:
    """The recorded metrics from the per-length measurements."""
    metrics: dict[str, Any] = {}
    sizes = sorted(runs)
    for size in sizes:
        r, k = runs[size], key(size)
        per10k = 10_000 / r["chars"]
        metrics[f"extract_cpu_s_{k}"] = round(r["extract_cpu_s"], 2)
        metrics[f"parse_cpu_per_10k_{k}"] = round(r["parse_cpu_s"] * per10k, 3)
        metrics[f"extract_cpu_per_10k_{k}"] = round(r["extract_cpu_s"] * per10k, 3)
        metrics[f"ratio_{k}"] = round(r["extract_cpu_s"] / max(r["parse_cpu_s"], 1e-9), 2)
        metrics[f"peak_rss_mb_{k}"] = round(r["peak_rss_mb"])
        metrics[f"added_rss_mb_{k}"] = round(r["added_rss_mb"])
    base = metrics[f"extract_cpu_per_10k_{key(sizes[0])}"]
    for size in sizes[1:]:
        k = key(size)
        metrics[f"per_char_{k}"] = round(metrics[f"extract_cpu_per_10k_{k}"] / base, 2)
    return metrics


def check(metrics: dict[str, Any], *, complete: bool = True) -> list[str]:
    """Problems with the figures: CPU per character growing with length (past ``LINEAR_SLACK``
    times that of the shortest length), memory per character growing between the two longest
    lengths, or a ceiling of floors.toml breached (and, when ``complete``, a pinned figure
    missing: a run over other lengths has no figure for some)."""
    out = [
        p
        for p in check_floors("long_articles", metrics)
        if complete or not p.endswith("missing from the results")
    ]
    for metric, value in sorted(metrics.items()):
        if metric.startswith("per_char_") and value > LINEAR_SLACK:
            out.append(f"{metric} = {value}: CPU per character grows faster than length")
    sizes = sorted(
        int(m.removeprefix("added_rss_mb_").removesuffix("k"))
        for m in metrics
        if m.startswith("added_rss_mb_")
    )
    # below the parse window (50,000 characters) the one-piece parse takes memory that the
    # window then bounds: memory is compared between the two longest lengths of 100k and over
    sizes = [s for s in sizes if s >= 100]
    if len(sizes) >= 2:
        small, large = sizes[-2], sizes[-1]
        per_small = metrics[f"added_rss_mb_{small}k"] / small
        per_large = metrics[f"added_rss_mb_{large}k"] / large
        # memory the text needs per character may not grow (20 MB of allocator noise allowed)
        if metrics[f"added_rss_mb_{large}k"] > 20 and per_large > LINEAR_SLACK * per_small:
            out.append(
                f"added memory per character at {large}k is {per_large / per_small:.1f}x that "
                f"at {small}k: memory grows faster than length"
            )
    return out


def run_sizes(sizes: list[int], repeats: int) -> dict[int, dict[str, float]]:
    """Each length in its own process, so that peak memory is that length's."""
    runs: dict[int, dict[str, float]] = {}
    for size in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--repeats", str(repeats)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        runs[size] = json.loads(out.strip().splitlines()[-1])
        r = runs[size]
        print(
            f"  {r['chars']:>9} chars: parse {r['parse_cpu_s']:.1f} s, extract "
            f"{r['extract_cpu_s']:.1f} s CPU (median of {repeats}; "
            f"{r['extract_cpu_min']:.1f}-{r['extract_cpu_max']:.1f}), peak "
            f"{r['peak_rss_mb']:.0f} MB (+{r['added_rss_mb']:.0f}), load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-record", action="store_true", help="print only")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child: one length
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.one, args.repeats)))
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    load0 = os.getloadavg()[0]
    metrics = summarise(run_sizes(sizes, args.repeats))
    metrics["load_avg_start"] = round(load0, 1)
    metrics["load_avg_end"] = round(os.getloadavg()[0], 1)
    command = (
        "python benchmarks/long_articles.py"
        + (f" --sizes {args.sizes}" if args.sizes != DEFAULT_SIZES else "")
        + (f" --repeats {args.repeats}" if args.repeats != 3 else "")
    )
    full = args.sizes == DEFAULT_SIZES and args.repeats >= 3
    record("long_articles", metrics, command, save=full and not args.no_record)
    problems = check(metrics, complete=full)
    for p in problems:
        print(f"!!! {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())

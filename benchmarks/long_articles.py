"""Cost of one long article against its length: CPU seconds per 10k characters, and as a ratio to
the bare spaCy parse of the same text in the same run.

The article is the bodies of ``samples/*.txt`` (their ``date`` lines dropped) repeated until it is
``N`` characters long, cut at a paragraph break. For each length (default 25k, 100k, 200k) it
times ``nlp(text)`` alone (``parse``) and ``Pipeline().extract`` (``extract``: the parse and every
stage) in CPU seconds, after one warm-up extraction that loads the lazily loaded models. Linear
cost shows as a flat ``extract_cpu_per_10k`` and a flat ``ratio`` across lengths; a stage that
scans the whole document once per mention or per sentence shows as a ratio growing with length.
Peak resident memory of the process is reported at the end.

    .venv/bin/python benchmarks/long_articles.py [--sizes 25000,100000,200000] [--no-record]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import peak_rss_mb, record  # noqa: E402


def long_text(chars: int) -> str:
    """The sample article bodies repeated to about ``chars`` characters, cut at a paragraph."""
    bodies = [
        re.sub(r"^\s*date \S+\s*", "", p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "samples").glob("*.txt"))
    ]
    base = "\n\n".join(b.strip() for b in bodies)
    text = (base + "\n\n") * (chars // (len(base) + 2) + 1)
    cut = text.rfind("\n\n", 0, chars)
    return text[: cut if cut > 0 else chars]


def measure(sizes: list[int]) -> dict[str, Any]:
    from newsgraph.model.records import Document
    from newsgraph.pipeline.runner import Pipeline

    pipeline = Pipeline()
    warm = long_text(3000)
    pipeline.extract(Document(id="warm", date="2024-01-01", date_precision="day", text=warm))
    metrics: dict[str, Any] = {}
    for size in sizes:
        text = long_text(size)
        t0 = time.process_time()
        pipeline.nlp(text)
        parse = time.process_time() - t0
        doc = Document(id=f"long{size}", date="2024-01-01", date_precision="day", text=text)
        t0 = time.process_time()
        pipeline.extract(doc)
        extract = time.process_time() - t0
        per10k = 10_000 / len(text)
        key = f"{size // 1000}k"
        metrics[f"parse_cpu_per_10k_{key}"] = round(parse * per10k, 3)
        metrics[f"extract_cpu_per_10k_{key}"] = round(extract * per10k, 3)
        metrics[f"ratio_{key}"] = round(extract / parse, 2)
        print(f"  {len(text):>8} chars: parse {parse:.1f} s, extract {extract:.1f} s", flush=True)
    metrics["peak_rss_mb"] = round(peak_rss_mb())
    return metrics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="25000,100000,200000")
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    metrics = measure(sizes)
    command = "python benchmarks/long_articles.py" + (
        f" --sizes {args.sizes}" if args.sizes != "25000,100000,200000" else ""
    )
    record("long_articles", metrics, command, save=not args.no_record)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

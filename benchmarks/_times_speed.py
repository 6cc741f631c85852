"""The times stage's own CPU time, and proof that a speed change leaves every record the same.

Parses the sample articles (``samples/``) and the first ``--limit`` Reuters-21578 articles once,
then runs the configured stages over those parses ``--repeats`` times. The figure is the median,
over the repeats, of the CPU time (``time.process_time``) spent inside ``times.rules.v1`` alone;
each repeat starts with the Recognizers-Text string cache empty, as a fresh process would. The
first repeat runs every stage and keeps each document's whole contract JSON (version string left
out), so anything downstream of the times (claims' and events' dates) is compared too; later
repeats run only the stages up to the times stage.

    .venv/bin/python benchmarks/_times_speed.py save --out /tmp/times_before.jsonl
    ... change the times stage ...
    .venv/bin/python benchmarks/_times_speed.py compare /tmp/times_before.jsonl

``compare`` exits 1 when a document's output differs from the saved file.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._contract_check import compare_lines, save_lines  # noqa: E402
from benchmarks.common import require_data  # noqa: E402

STAGE = "times.rules.v1"


def load_documents(limit: int) -> list[Any]:
    """The sample articles, then the first ``limit`` Reuters articles (failures dropped)."""
    from newsgraph.errors import Failure
    from newsgraph.ingest import read_inputs

    samples = sorted(str(p) for p in (ROOT / "samples").iterdir() if p.name != "README.md")
    reuters = str(require_data("reuters21578") / "reuters21578.jsonl")
    docs = [d for d in read_inputs(samples) if not isinstance(d, Failure)]
    docs += [
        d for d in itertools.islice(read_inputs([reuters]), limit) if not isinstance(d, Failure)
    ]
    return docs


def run(limit: int, repeats: int) -> tuple[list[str], list[float], dict[str, float]]:
    """Each document's contract JSON line (first repeat), the times stage's CPU s per repeat and
    every stage's CPU s in the first repeat."""
    from newsgraph.model.records import DocResult, Document
    from newsgraph.pipeline import Pipeline
    from newsgraph.pipeline.context import StageContext
    from newsgraph.pipeline.doctext import seed_text
    from newsgraph.pipeline.parse import parse_many
    from newsgraph.pipeline.stages.times import msrec

    pipe = Pipeline()
    names = [s.name for s in pipe.stages]
    upto = pipe.stages[: names.index(STAGE) + 1]
    # build the grammar and the recogniser (once per process) outside the timings
    msrec.model()
    warm = "On Friday, March 6, 1987, two weeks ago, he left at 10 a.m. for the coming months."
    pipe.extract(Document(id="w", date="1987-03-10", date_precision="day", text=warm))
    documents = load_documents(limit)
    parsed = list(parse_many(pipe.nlp, [d.text for d in documents], batch_size=32))
    lines: list[str] = []
    cpu: list[float] = []
    stages: dict[str, float] = dict.fromkeys(names, 0.0)
    for i in range(max(1, repeats)):
        msrec.read.cache_clear()
        spent = 0.0
        for document, sdoc in zip(documents, parsed, strict=True):
            result = DocResult(doc=document, flags=list(document.flags), pipeline=dict(pipe.meta))
            seed_text(sdoc, document.text)
            ctx = StageContext(document=document, doc=sdoc, result=result)
            for spec in pipe.stages if i == 0 else upto:
                t0 = time.process_time()
                spec.func(ctx)
                took = time.process_time() - t0
                if spec.name == STAGE:
                    spent += took
                if i == 0:
                    stages[spec.name] += took
            if i == 0:
                obj = result.to_dict()
                obj["pipeline"].pop("newsgraph", None)
                lines.append(json.dumps(obj, sort_keys=True, ensure_ascii=False))
        cpu.append(spent)
    return lines, cpu, stages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    save = sub.add_parser("save", help="write every document's output")
    save.add_argument("--out", type=Path, required=True)
    cmp = sub.add_parser("compare", help="compare with a saved file")
    cmp.add_argument("saved", type=Path)
    for p in (save, cmp):
        p.add_argument("--limit", type=int, default=300, help="first N Reuters articles")
        p.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)

    load_start = os.getloadavg()[0]
    lines, cpu, stages = run(args.limit, args.repeats)
    total = sum(stages.values())
    print(
        f"first repeat: all stages {total:.3f} CPU s, "
        + ", ".join(f"{name} {100 * t / total:.0f}%" for name, t in stages.items() if total)
    )
    print(
        f"{len(lines)} documents; times stage CPU s per repeat "
        f"{[round(c, 3) for c in cpu]}, median {statistics.median(cpu):.3f}; "
        f"load average (1 min) {load_start:.2f} -> {os.getloadavg()[0]:.2f}"
    )
    if args.mode == "save":
        save_lines(args.out, lines)
        return 0
    return compare_lines(args.saved, lines)


if __name__ == "__main__":
    sys.exit(main())

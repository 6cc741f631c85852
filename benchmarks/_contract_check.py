"""Same records before and after a speed change: the pipeline's contract JSON over Reuters.

A change meant to make the pipeline faster must not change what it extracts. ``save`` runs the
pipeline (every configured stage, one process) over the first ``--limit`` Reuters-21578 articles
(default 300) and writes one contract v1 object per line, keys sorted, to ``--out``; ``compare``
does the same and reports every document whose object differs from a saved file (exit 1).

    .venv/bin/python benchmarks/_contract_check.py save --out /tmp/before.jsonl
    ... change the code ...
    .venv/bin/python benchmarks/_contract_check.py compare /tmp/before.jsonl

``--input PATH`` (repeatable) reads other articles (``samples/``, another corpus) instead.

The pipeline's version string is left out of the comparison (it is not an extraction).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import require_data  # noqa: E402


def contract_lines(limit: int, inputs: list[str] | None = None) -> Iterator[str]:
    """One JSON line per result (or failure) of the first ``limit`` articles of ``inputs``
    (default: Reuters-21578)."""
    from newsgraph.engines.local import run_pipeline
    from newsgraph.errors import Failure
    from newsgraph.ingest import read_inputs

    if not inputs:
        inputs = [str(require_data("reuters21578") / "reuters21578.jsonl")]
    items = list(itertools.islice(read_inputs(inputs), limit))
    for out in run_pipeline(items, workers=1):
        if isinstance(out, Failure):
            yield json.dumps({"failure": out.code, "input": out.input, "line": out.line})
            continue
        obj = out.to_dict()
        obj["pipeline"].pop("newsgraph", None)
        yield json.dumps(obj, sort_keys=True, ensure_ascii=False)


def doc_id(line: str) -> str:
    obj = json.loads(line)
    return str(obj.get("doc", {}).get("id") or obj.get("input"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    save = sub.add_parser("save", help="write the contract JSON lines")
    save.add_argument("--out", type=Path, required=True)
    cmp = sub.add_parser("compare", help="compare with a saved file")
    cmp.add_argument("saved", type=Path)
    for p in (save, cmp):
        p.add_argument("--limit", type=int, default=300, help="first N articles (default 300)")
        p.add_argument("--input", action="append", help="read these paths instead of Reuters")
    args = ap.parse_args(argv)

    lines = list(contract_lines(args.limit, args.input))
    if args.mode == "save":
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} documents written to {args.out}")
        return 0
    saved = args.saved.read_text(encoding="utf-8").splitlines()
    if len(saved) != len(lines):
        print(f"document count differs: saved {len(saved)}, now {len(lines)}")
        return 1
    differ = [doc_id(a) for a, b in zip(saved, lines, strict=True) if a != b]
    for d in differ[:20]:
        print(f"differs: {d}")
    print(f"{len(lines)} documents, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

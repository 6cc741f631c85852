"""Same records before and after a speed change: the pipeline's contract JSON over Reuters.

A change meant to make the pipeline faster must not change what it extracts. ``save`` runs the
pipeline (every configured stage, one process) over the first ``--limit`` Reuters-21578 articles
(default 300) and writes one contract v1 object per line, keys sorted, to ``--out``; ``compare``
does the same and reports every document whose object differs from a saved file (exit 1).

    .venv/bin/python benchmarks/_contract_check.py save --out /tmp/before.jsonl
    ... change the code ...
    .venv/bin/python benchmarks/_contract_check.py compare /tmp/before.jsonl

``--input PATH`` (repeatable) reads other articles (``samples/``, another corpus) instead.
``save-all DIR`` / ``compare-all DIR`` do both sets a speed change must keep: the demo's
``samples/`` and the first ``--limit`` Reuters articles (``DIR/samples.jsonl``,
``DIR/reuters.jsonl``).

    .venv/bin/python benchmarks/_contract_check.py save-all /tmp/same   # before
    .venv/bin/python benchmarks/_contract_check.py compare-all /tmp/same  # after each change

Each line is the object as ``newsgraph extract`` prints it (same key order: a change of the
order shows), except that the pipeline's version string is left out (it is not an extraction).
After a merge that changes what is extracted (a new claims model, say), save again from the
merged state.
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
        yield json.dumps(obj, ensure_ascii=False, default=str)  # as ``emit_json`` writes it


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
    save_all = sub.add_parser("save-all", help="samples/ and Reuters into a directory")
    save_all.add_argument("dir", type=Path)
    cmp_all = sub.add_parser("compare-all", help="compare with a save-all directory")
    cmp_all.add_argument("dir", type=Path)
    for p in (save, cmp, save_all, cmp_all):
        p.add_argument("--limit", type=int, default=300, help="first N articles (default 300)")
    for p in (save, cmp):
        p.add_argument("--input", action="append", help="read these paths instead of Reuters")
    args = ap.parse_args(argv)

    if args.mode in ("save-all", "compare-all"):
        sets = {"samples": (10**9, [str(ROOT / "samples")]), "reuters": (args.limit, None)}
        if args.mode == "save-all":
            args.dir.mkdir(parents=True, exist_ok=True)
            for name, (limit, inputs) in sets.items():
                save_lines(args.dir / f"{name}.jsonl", list(contract_lines(limit, inputs)))
            return 0
        bad = [
            compare_lines(args.dir / f"{name}.jsonl", list(contract_lines(limit, inputs)))
            for name, (limit, inputs) in sets.items()
        ]
        return 1 if any(bad) else 0
    lines = list(contract_lines(args.limit, args.input))
    if args.mode == "save":
        save_lines(args.out, lines)
        return 0
    return compare_lines(args.saved, lines)


def save_lines(path: Path, lines: list[str]) -> None:
    """Write one document's line per line (what ``compare_lines`` reads back)."""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents written to {path}")


def compare_lines(path: Path, lines: list[str]) -> int:
    """Report the documents whose line differs from the saved file's; 1 if any does."""
    saved = path.read_text(encoding="utf-8").splitlines()
    if len(saved) != len(lines):
        print(f"{path.name}: document count differs: saved {len(saved)}, now {len(lines)}")
        return 1
    differ = [doc_id(a) for a, b in zip(saved, lines, strict=True) if a != b]
    for d in differ[:20]:
        print(f"differs: {d}")
    print(f"{path.name}: {len(lines)} documents, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Measure the text repairer on shared corpora (not a test; run by hand, prints figures).

    .venv/bin/python tests/ingest/measure_repairs.py [N_REUTERS]

1. False positives: repairs and flags made on the first N (default 2000) Reuters-21578 articles,
   clean newswire where a repair is almost always wrong; prints every glued-words case.
2. Recall on simulated damage: in PolNeAR articles, each "<word> — <glue word>" (a dash before
   who/which/has/...) and each "<word> <glue word>" is glued once ("Lunawho"), one at a time;
   counts how often the repairer restores the original exactly, restores the words with another
   separator (a space for a dash or back), splits it wrongly, flags it, or leaves it.
"""

from __future__ import annotations

import collections
import glob
import json
import re
import sys
import time
from pathlib import Path

from newsgraph.ingest.repair import repair_text
from newsgraph.ingest.repair.glued import glue_words

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def reuters(n: int) -> None:
    kinds: collections.Counter[str] = collections.Counter()
    cases = []
    t0 = time.process_time()
    with (SHARED / "reuters21578" / "reuters21578.jsonl").open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n:
                break
            d = json.loads(line)
            r = repair_text(d["text"])
            kinds.update(x.kind for x in r.repairs)
            kinds.update("flag:" + f.kind for f in r.flags)
            cases += [(d["id"], x.before, x.after) for x in r.repairs if "glued" in x.kind]
            cases += [(d["id"], "FLAG", f.message) for f in r.flags]
    cpu = time.process_time() - t0
    print(f"reuters first {min(n, i + 1)} articles: {dict(kinds) or 'no repairs, no flags'}")
    print(f"  cpu {cpu:.1f} s")
    for c in cases:
        print("  ", c)


def simulated(limit_per_kind: int = 400) -> None:
    glue = "|".join(sorted(glue_words(), key=len, reverse=True))
    patterns = {
        "lost dash": re.compile(rf"\b([A-Za-z]{{3,}}) — ({glue})\b(?= [a-z0-9])"),
        "lost space": re.compile(rf"\b([A-Za-z]{{3,}}) ({glue})\b(?= [a-z0-9])"),
    }
    files = sorted(glob.glob(str(SHARED / "polnear" / "*" / "text" / "*.txt")))
    for name, pattern in patterns.items():
        outcome: collections.Counter[str] = collections.Counter()
        examples: dict[str, list[str]] = collections.defaultdict(list)
        for f in files:
            text = Path(f).read_text(encoding="utf-8")
            for m in pattern.finditer(text):
                if sum(outcome.values()) >= limit_per_kind:
                    break
                glued = text[: m.start()] + m.group(1) + m.group(2) + text[m.end() :]
                r = repair_text(glued)
                token = m.group(1) + m.group(2)
                hit = [x for x in r.repairs if x.before.endswith(token) or x.before == token]
                flagged = any(r.text[fl.start : fl.end] == token for fl in r.flags)
                if hit:
                    after = hit[0].after
                    words = after.replace(" — ", " ").split()[-2:]
                    if after.endswith(m.group(0)):
                        key = "restored exactly"
                    elif words == [m.group(1), m.group(2)]:
                        key = "restored, other separator"
                    else:
                        key = "WRONG split"
                elif flagged:
                    key = "flagged"
                else:
                    key = "left alone"
                outcome[key] += 1
                if len(examples[key]) < 6:
                    examples[key].append(f"{token} <- {m.group(0)!r}")
        total = sum(outcome.values())
        print(f"polnear simulated {name}: {total} cases: {dict(outcome)}")
        for key, ex in examples.items():
            print(f"  {key}: {ex}")


if __name__ == "__main__":
    reuters(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
    if (SHARED / "polnear").exists():
        simulated()

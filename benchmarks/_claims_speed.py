"""The claims features and scoring, old against new in one process: CPU seconds of
``features``, and of ``crossed_parts`` + ``Model.score_pairs``, over every candidate of the first
``--limit`` Reuters-21578 articles (default 300).

A whole-stage run on this shared VM moves ±20% between processes, more than a per-candidate
saving; these functions, timed alternately in one process over the same candidates, show it.
``--old SRC`` loads ``features.py`` and ``scorer.py`` of another checkout's ``src`` (say a
``git archive`` of the commit before a change) beside this one's; both must give the same
features and the same scores to the last bit, else the script stops.

    OPENBLAS_NUM_THREADS=1 nice .venv/bin/python benchmarks/_claims_speed.py --old /tmp/old/src

The candidates come from one pipeline run (features as the stage builds them); each timed pass
scores fresh copies of the feature strings, as ``features`` builds new strings in a real run.
The sides take turns going first (which side runs first was worth ~10% here). Two copies of the
same code (``--old`` a copy of this ``src``) show what difference is noise.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import require_data  # noqa: E402

_CLAIMS = Path("newsgraph/pipeline/stages/claims")


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def _candidates(limit: int) -> list[tuple[Any, Any, Any, list[str]]]:
    """(doc, candidate, quotes, features) of every candidate the claims stage scores."""
    from benchmarks._stage_profile import _run
    from newsgraph.errors import Failure
    from newsgraph.ingest import read_inputs
    from newsgraph.pipeline.parse import parse_many
    from newsgraph.pipeline.runner import Pipeline
    from newsgraph.pipeline.stages.claims import build

    path = str(require_data("reuters21578") / "reuters21578.jsonl")
    items = [i for i in itertools.islice(read_inputs([path]), limit) if not isinstance(i, Failure)]
    pipeline = Pipeline()
    texts = [d.text for d in items]
    parsed = list(parse_many(pipeline.nlp, texts, batch_size=pipeline.config.pipeline.batch_size))
    calls: list[tuple[Any, Any, Any]] = []
    plain = build.features

    def spy(doc: Any, cand: Any, quotes: Any) -> list[str]:
        calls.append((doc, cand, quotes))
        return plain(doc, cand, quotes)

    build.features = spy
    try:
        _run(pipeline, items, parsed, defaultdict(float))
    finally:
        build.features = plain
    return [(d, c, q, list(c.features)) for d, c, q in calls]  # the singles the stage scored


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=300, help="first N articles (default 300)")
    ap.add_argument("--old", type=Path, help="another checkout's src/ to compare with")
    ap.add_argument("--repeats", type=int, default=9, help="alternating passes (default 9)")
    args = ap.parse_args(argv)

    from newsgraph.pipeline.stages.claims import features as new_f
    from newsgraph.pipeline.stages.claims import scorer as new_s

    sides: dict[str, tuple[ModuleType, ModuleType]] = {"new": (new_f, new_s)}
    if args.old:
        old_s = _load("_old_claims_scorer", args.old / _CLAIMS / "scorer.py")
        sides = {"old": (_load("_old_claims_features", args.old / _CLAIMS / "features.py"), old_s)}
        sides["new"] = (new_f, new_s)
    cands = _candidates(args.limit)
    singles = [feats for _, _, _, feats in cands]
    models = {name: s.load_model() for name, (_, s) in sides.items()}
    if any(m is None for m in models.values()):
        print("no claims model: nothing to score")
        return 1
    for name, (f, _) in sides.items():  # same features, same scores, on every side
        m = models[name]
        assert [f.features(d, c, q) for d, c, q, _ in cands] == [
            new_f.features(d, c, q) for d, c, q, _ in cands
        ], name
        assert [m.score_pairs(x, f.crossed_parts(x)) for x in singles] == [
            models["new"].score_pairs(x, new_f.crossed_parts(x)) for x in singles
        ], name
    clock = time.process_time
    feats_s: dict[str, list[float]] = {name: [] for name in sides}
    score_s: dict[str, list[float]] = {name: [] for name in sides}
    for r in range(args.repeats):
        order = list(sides.items())
        for name, (f, _) in order[::-1] if r % 2 else order:  # old first, then new first
            fn, m, parts = f.features, models[name], f.crossed_parts
            t = clock()
            for d, c, q, _ in cands:
                fn(d, c, q)
            feats_s[name].append(clock() - t)
            fresh = [[(x + ".")[:-1] for x in feats] for feats in singles]
            t = clock()
            for feats in fresh:
                m.score_pairs(feats, parts(feats))
            score_s[name].append(clock() - t)
    print(f"{len(cands)} candidates of {args.limit} articles; median (min) of {args.repeats}")
    for name in sides:
        f_s, s_s = feats_s[name], score_s[name]
        print(
            f"{name}: features {statistics.median(f_s):.4f} ({min(f_s):.4f}) CPU s, "
            f"crossed_parts + score_pairs {statistics.median(s_s):.4f} ({min(s_s):.4f}) CPU s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

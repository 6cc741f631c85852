"""The repairer on real newswire, and ingest without spaCy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.ingest.repair import original_text, repair_text

# On clean newswire nearly every change would be a false repair. Measured: no repair and no flag on
# the first 2,000 Reuters-21578 articles (3 repairs, all true glued words, on all 19,043).
MAX_CHANGES_PER_2000 = 2


@pytest.mark.shared
def test_near_zero_repairs_on_clean_newswire(shared_data: Path) -> None:
    changed = []
    with (shared_data / "reuters21578" / "reuters21578.jsonl").open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= 2000:
                break
            text = json.loads(line)["text"]
            r = repair_text(text)
            assert original_text(r.text, r.repairs) == text
            changed += [x.before for x in r.repairs if x.kind != "whitespace"]
            changed += [f.message for f in r.flags]
    assert len(changed) <= MAX_CHANGES_PER_2000, changed


def test_ingest_does_not_load_spacy(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(" date 2024-09-17 Garcia Lunawho is here met Luna.", encoding="utf-8")
    code = (
        "import sys; from newsgraph.ingest import read_inputs; "
        f"docs = list(read_inputs([{str(p)!r}])); "
        "assert docs[0].text == 'Garcia Luna — who is here met Luna.', docs; "
        "assert 'spacy' not in sys.modules and 'thinc' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)

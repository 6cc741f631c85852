"""Contract v1 records read back by ingest: kept as they are, bad ones are failures, and the
engine passes them through without building a pipeline."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.config import load_config
from newsgraph.engines.local import run_pipeline
from newsgraph.errors import Failure
from newsgraph.ingest import read_inputs
from newsgraph.model.records import DocResult, Document, Mention
from tests.conftest import make_doc

TEXT = "Mayor Ilse Brandt of Carpathia opened the new harbour in Ostland on Friday."


def _record(doc_id: str = "00c0ffee00c0ffee", **over: object) -> dict[str, object]:
    result = DocResult(
        doc=make_doc(TEXT, "2024-05-03"),
        mentions=[Mention("m1", 6, 16, "Ilse Brandt", "PERSON", "e1")],
    )
    data = result.to_dict()
    data["doc"]["id"] = doc_id
    data.update(over)
    return data


def test_a_contract_line_keeps_its_id_text_and_records(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps(_record()) + "\n", encoding="utf-8")
    (doc,) = list(read_inputs([str(path)]))
    assert isinstance(doc, Document) and doc.id == "00c0ffee00c0ffee" and doc.text == TEXT
    assert doc.stored is not None and doc.stored.mentions[0].text == "Ilse Brandt"


def test_bad_contract_lines_are_failures(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    bad_version = _record(contract=2)
    no_fields = {"contract": 1, "doc": {"text": TEXT}}
    path.write_text(
        "\n".join(json.dumps(x) for x in (bad_version, no_fields)) + "\n", encoding="utf-8"
    )
    out = list(read_inputs([str(path)]))
    assert [type(x) for x in out] == [Failure, Failure]
    assert "version" in out[0].message and out[1].line == 2  # type: ignore[union-attr]


def test_stored_documents_pass_through_without_a_model(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text(
        "\n".join(json.dumps(_record(f"{i:016x}")) for i in range(3)) + "\n", encoding="utf-8"
    )
    no_model = load_config(pipeline__model="no_such_model_pkg")
    out = list(run_pipeline(read_inputs([str(path)]), config=no_model))
    assert [r.doc.id for r in out if isinstance(r, DocResult)] == [f"{i:016x}" for i in range(3)]


def test_a_failed_export_leaves_no_half_written_file(tmp_path: Path) -> None:
    import pytest

    from newsgraph.export.sink import binary_sink

    target = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError), binary_sink(target) as fh:
        fh.write(b"{}\n")
        raise RuntimeError("the store went away")
    assert not target.exists()

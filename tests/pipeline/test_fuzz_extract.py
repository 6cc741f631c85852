"""Hypothesis fuzzing of ``extract`` on generated text (bounded; the long run is
``benchmarks/fuzz_long.py``): no exception escapes, every offset lies inside the text."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import check_extract, fuzz_document, texts

pytestmark = pytest.mark.slow


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=texts(120), repair=st.booleans())
def test_extract_never_crashes_and_keeps_offsets_in_the_text(
    pipeline: Any, text: str, repair: bool
) -> None:
    doc = fuzz_document(text, repair)
    if doc is not None:
        assert check_extract(pipeline, doc) == []

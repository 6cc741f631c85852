"""The long-article benchmark's check: it passes linear figures and reports growth faster than
length, in CPU per character and in memory per character (figures made up, nothing timed)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.long_articles import check, long_text, summarise  # noqa: E402


def _run(chars: int, extract_s: float, parse_s: float, added_mb: float) -> dict[str, float]:
    return {
        "chars": chars,
        "parse_cpu_s": parse_s,
        "extract_cpu_s": extract_s,
        "extract_cpu_min": extract_s,
        "extract_cpu_max": extract_s,
        "peak_rss_mb": 300 + added_mb,
        "added_rss_mb": added_mb,
    }


def test_linear_figures_pass() -> None:
    runs = {
        10_000: _run(10_000, 0.5, 0.45, 20),
        100_000: _run(100_000, 5.2, 4.6, 150),
        200_000: _run(200_000, 10.6, 9.0, 170),
        1_000_000: _run(1_000_000, 53.0, 45.0, 400),
    }
    metrics = summarise(runs)
    assert metrics["per_char_1000k"] == 1.06
    assert metrics["ratio_200k"] == 1.18
    assert check(metrics) == []


def test_cost_growing_with_length_is_reported() -> None:
    runs = {
        10_000: _run(10_000, 0.5, 0.45, 20),
        100_000: _run(100_000, 6.0, 4.6, 150),
        1_000_000: _run(1_000_000, 300.0, 45.0, 400),  # 12x the CPU per character of 10k
    }
    problems = check(summarise(runs), complete=False)
    assert any("per_char_1000k" in p for p in problems)


def test_memory_growing_with_length_is_reported() -> None:
    runs = {
        10_000: _run(10_000, 0.5, 0.45, 20),
        100_000: _run(100_000, 5.0, 4.6, 150),
        1_000_000: _run(1_000_000, 50.0, 45.0, 3200),  # 2x the memory per character of 100k
    }
    problems = check(summarise(runs), complete=False)
    assert any("memory grows faster than length" in p for p in problems)


def test_a_complete_run_misses_no_pinned_figure() -> None:
    runs = {10_000: _run(10_000, 0.5, 0.45, 20), 100_000: _run(100_000, 5.0, 4.6, 150)}
    assert any("missing" in p for p in check(summarise(runs), complete=True))
    assert check(summarise(runs), complete=False) == []


def test_the_article_is_our_samples_cut_at_a_paragraph() -> None:
    text = long_text(30_000)
    assert 25_000 < len(text) <= 30_000
    assert not text.endswith("\n")
    assert "date 20" not in text[:200]
    assert long_text(30_000) == text  # the same article on every run

"""The time report says in words where its timings came from."""

from __future__ import annotations

from evaluation.report_html import _describe_sources


def test_sources_are_described_for_an_evaluator() -> None:
    text = _describe_sources({"measured": 24, "modelled": 1, "wall_clock": 0})
    assert text.startswith("measured as active editing time in the service for 24 visits")
    assert "keystroke-level model" in text and "for 1 visit." not in text and text.endswith("for 1 visit")
    assert "{" not in text and "wall_clock" not in text

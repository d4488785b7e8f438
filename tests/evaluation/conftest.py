"""Fixtures for the evaluation tests: small committed files only."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def events_path() -> Path:
    return FIXTURES / "events.jsonl"


@pytest.fixture
def baseline_path() -> Path:
    return FIXTURES / "baseline.csv"


@pytest.fixture
def tiny_corpus() -> Path:
    """One 22-second scripted visit with clean and noisy audio and its ground truth."""
    return FIXTURES / "corpus"

"""Fixtures for drafting tests: small hand-built redacted transcripts committed under fixtures/."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.settings import Settings
from redaction.models import RedactedTranscript

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def home_visit() -> RedactedTranscript:
    """A 20-segment adult home visit: falls, missed tablets, OT referral; family never mentioned."""
    return RedactedTranscript.load(FIXTURES / "home_visit_redacted.json")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(cache_dir=tmp_path / "cache")


@pytest.fixture
def child_visit() -> RedactedTranscript:
    """A 13-segment children's statutory visit: child seen alone, child's words, a risk, two actions."""
    return RedactedTranscript.load(FIXTURES / "child_visit_redacted.json")

"""Redaction fixtures: one real redactor (real spaCy model) per test session."""

from __future__ import annotations

import pytest

from assistant.settings import Settings
from redaction.redactor import Redactor, get_redactor


@pytest.fixture(scope="session")
def redactor() -> Redactor:
    return get_redactor(Settings(_env_file=None))  # type: ignore[call-arg]

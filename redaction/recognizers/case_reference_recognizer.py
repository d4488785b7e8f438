"""Council case and reference numbers; the pattern is configurable per council."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer

DEFAULT_PATTERN = r"\b(?:CASE|REF|SC|ASC|CS)[- /]?\d{5,8}\b"


class CaseReferenceRecognizer(ContextPatternRecognizer):
    """Matches `settings.case_reference_pattern` (e.g. 'SC123456', 'REF-0012345')."""

    ENTITY = "CASE_REFERENCE"
    FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE
    PATTERNS: ClassVar[list[Pattern]] = [Pattern("case reference", DEFAULT_PATTERN, 0.85)]
    CONTEXT: ClassVar[list[str]] = ["case", "reference", "ref", "mosaic", "liquidlogic"]

    def __init__(self, pattern: str | None = None, **kwargs: object) -> None:
        patterns = [Pattern("case reference", pattern, 0.85)] if pattern else None
        super().__init__(patterns=patterns, **kwargs)  # type: ignore[arg-type]

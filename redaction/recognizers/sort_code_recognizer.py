"""Bank sort codes: six digits in pairs, near 'sort code' (or hyphenated, which is distinctive)."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer


class SortCodeRecognizer(ContextPatternRecognizer):
    """'40-22-15', '40 22 15' or '402215' once a spoken form is normalised."""

    ENTITY = "UK_SORT_CODE"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("hyphenated sort code", r"(?<![\d\-])\d{2}-\d{2}-\d{2}(?![\d\-])", 0.5),
        Pattern("sort code", r"(?<![\d\-/.])\d{2}[\s.]{0,2}\d{2}[\s.]{0,2}\d{2}(?!\d|[\-/.]\d)", 0.1),
    ]
    CONTEXT: ClassVar[list[str]] = ["sort code", "sort", "bank", "sortcode"]
    CONTEXT_SCORE = 0.9

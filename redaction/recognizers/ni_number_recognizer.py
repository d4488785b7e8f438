"""National Insurance numbers: two prefix letters from the allowed set, six digits, A-D."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer

# HMRC: first letter never D F I Q U V; second never D F I O Q U V; these pairs never issued.
_INVALID_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


class NiNumberRecognizer(ContextPatternRecognizer):
    """'AB 12 34 56 C', 'AB123456C', or the spelled-out form after normalisation."""

    ENTITY = "UK_NINO"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "nino",
            r"(?<![A-Za-z0-9])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][\s\-]?\d{2}[\s\-]?\d{2}[\s\-]?\d{2}"
            r"[\s\-]?[A-D](?![A-Za-z0-9])",
            0.8,
        ),
        Pattern(
            "nino without suffix",
            r"(?<![A-Za-z0-9])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][\s\-]?\d{2}[\s\-]?\d{2}[\s\-]?\d{2}(?![A-Za-z0-9])",
            0.4,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "national insurance",
        "ni number",
        "nino",
        "n i number",
        "insurance number",
    ]
    CONTEXT_SCORE = 1.0

    def validate_result(self, pattern_text: str) -> bool | None:
        """False for prefixes HMRC never issues."""
        prefix = "".join(c for c in pattern_text if c.isalpha())[:2].upper()
        return False if prefix in _INVALID_PREFIXES else None

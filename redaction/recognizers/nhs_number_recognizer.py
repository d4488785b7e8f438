"""NHS numbers: ten digits with a mod-11 check digit."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer


class NhsNumberRecognizer(ContextPatternRecognizer):
    """Ten digits (3-3-4 groups, any separators) whose check digit is valid."""

    ENTITY = "UK_NHS"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("nhs 3-3-4", r"(?<![\d+])\d{3}[\s\-.]{0,2}\d{3}[\s\-.]{0,2}\d{4}(?!\d)", 0.6)
    ]
    CONTEXT: ClassVar[list[str]] = ["nhs", "health service", "nhs number", "chi number"]
    CONTEXT_SCORE = 1.0

    def validate_result(self, pattern_text: str) -> bool | None:
        """None (keep the pattern score) when the check digit is right, False otherwise."""
        return None if is_valid_nhs_number(pattern_text) else False


def is_valid_nhs_number(value: str) -> bool:
    """Mod-11 check: weights 10..2 over the first nine digits; 11 -> 0, 10 is never valid."""
    digits = [int(c) for c in value if c.isdigit()]
    if len(digits) != 10:
        return False
    total = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == digits[9]

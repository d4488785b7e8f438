"""UK telephone numbers: landlines, mobiles, +44 and freephone, typed or read aloud."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer

_VALID_STARTS = ("01", "02", "03", "05", "07", "08", "09")


class UkPhoneRecognizer(ContextPatternRecognizer):
    """0 or +44/0044, then nine or ten more digits with any spacing, dashes or brackets."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "uk phone",
            r"(?<![\d+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)(?:[\s\-.)(]{0,2}\d){8,10}",
            0.7,
        )
    ]
    CONTEXT: ClassVar[list[str]] = [
        "phone",
        "number",
        "mobile",
        "call",
        "ring",
        "landline",
        "tel",
        "contact",
        "text",
    ]
    CONTEXT_SCORE = 0.95

    def validate_result(self, pattern_text: str) -> bool | None:
        """Keep numbers that are a plausible UK length and range once written nationally."""
        digits = "".join(c for c in pattern_text if c.isdigit())
        if pattern_text.lstrip().startswith(("+", "00")) and digits.startswith(("44", "0044")):
            digits = "0" + digits.removeprefix("00").removeprefix("44")
        if not digits.startswith(_VALID_STARTS):
            return False
        return None if 10 <= len(digits) <= 11 else False

"""Any long run of digits, typed or read aloud: the safety net under the specific number recognizers.

Speech recognition garbles numbers ("oh seven seven..." becomes "so 7 7 1 5 3 3 2 1", or a digit
comes out as a letter: "332-1i8"), so a phone, account or NHS number can fail every format and
checksum rule and still identify someone. In a visit conversation a run of six or more digits is
almost always an identifier; amounts of money are left alone.
"""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer

_MONEY_BEFORE = ("£", "$", "€")
_MONEY_AFTER = ("pound", "quid", "pence", "p ")


class DigitRunRecognizer(ContextPatternRecognizer):
    """Six or more digits with spaces, commas, dashes or dots between them ('88 - 24 - 88'; one stray letter
    allowed)."""

    ENTITY = "OTHER"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "digit run",
            r"(?<![\w£$€])\d(?:[\s,\-.]{0,3}(?:[A-Za-z](?=\d))?\d){5,}(?![\d])",
            0.6,
        )
    ]
    CONTEXT: ClassVar[list[str]] = ["number", "phone", "mobile", "account", "reference", "call", "ring"]
    CONTEXT_SCORE = 0.85

    def validate_result(self, pattern_text: str) -> bool | None:
        """Reject money ('1,250.00'): a decimal part of exactly two digits."""
        stripped = pattern_text.strip()
        if len(stripped) > 3 and stripped[-3] == "." and stripped[-2:].isdigit() and "," in stripped:
            return False
        return None

    def adjust_score(self, text: str, result: object) -> float:  # type: ignore[override]
        """Drop runs that read as money; otherwise the usual context boost."""
        start, end = result.start, result.end  # type: ignore[attr-defined]
        before = text[max(0, start - 2) : start]
        after = text[end : end + 8].lower()
        if any(c in before for c in _MONEY_BEFORE) or after.lstrip().startswith(_MONEY_AFTER):
            return 0.0
        return super().adjust_score(text, result)  # type: ignore[arg-type]

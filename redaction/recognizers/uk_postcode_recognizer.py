"""UK postcodes (outward + inward code), typed or spelled out."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer


class UkPostcodeRecognizer(ContextPatternRecognizer):
    """'LS6 2AB', 'SW1A 1AA', 'M1 1AE'; letters restricted to those Royal Mail uses."""

    ENTITY = "UK_POSTCODE"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "uk postcode",
            r"(?<![A-Za-z0-9])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPSTUW\d]?)[\s\-]{0,2}\d[ABD-HJLNP-UW-Z]{2}"
            r"(?![A-Za-z0-9])",
            0.7,
        )
    ]
    CONTEXT: ClassVar[list[str]] = ["postcode", "post code", "postal code"]
    CONTEXT_SCORE = 1.0

    def validate_result(self, pattern_text: str) -> bool | None:
        """A postcode has at most seven characters once separators are gone."""
        compact = "".join(c for c in pattern_text if c.isalnum())
        return None if 5 <= len(compact) <= 7 else False

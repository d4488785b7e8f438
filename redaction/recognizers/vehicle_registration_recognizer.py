"""UK vehicle registrations: current (AB12 CDE), prefix (A123 BCD) and suffix (ABC 123D) styles."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer


class VehicleRegistrationRecognizer(ContextPatternRecognizer):
    """Uppercase plates, with spelled-out letters joined by normalisation."""

    ENTITY = "UK_VEHICLE_REGISTRATION"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "current plate",
            r"(?<![A-Za-z0-9])[A-HJ-PR-Y][A-HJ-PR-Y]\d{2}\s?[A-HJ-PR-Z]{3}(?![A-Za-z0-9])",
            0.6,
        ),
        Pattern(
            "prefix plate", r"(?<![A-Za-z0-9])[A-HJ-NPR-TV-Y]\d{1,3}\s?[A-HJ-PR-Y]{3}(?![A-Za-z0-9])", 0.3
        ),
        Pattern(
            "suffix plate", r"(?<![A-Za-z0-9])[A-HJ-PR-Y]{3}\s?\d{1,3}[A-HJ-NPR-TV-Y](?![A-Za-z0-9])", 0.3
        ),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "reg",
        "registration",
        "car",
        "number plate",
        "plate",
        "vehicle",
        "van",
        "motability",
    ]
    CONTEXT_SCORE = 0.9

"""Street addresses: optional flat, house number, street name and type, optional town and postcode."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer

STREET_TYPES = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Court|Gardens|Place|Terrace|"
    "Grove|Hill|Park|Row|Walk|Square|Mews|View|Rise|Green|Parade|Vale|Croft|Fold|Gate|Wharf|Yard|"
    "Heights|Meadows|Boulevard|Brow|Chase|Mount|Approach|End|Wynd|Lea|Hollow|Cottages|Villas"
)
_FLAT = r"(?:(?i:flat|apartment|apt|unit|house)\s+\d{1,4}[A-Za-z]?,?\s+)"
_NUMBER = r"\d{1,4}[A-Za-z]?(?:\s*-\s*\d{1,4})?,?\s+"
_NAME = r"(?:(?:St\.?\s+)?[A-Z][a-z'\-]+\s+){1,3}"
_STREET = rf"(?i:{STREET_TYPES})\b"
_TOWN = r"(?:,\s*[A-Z][a-z'\-]+(?:[\s\-][A-Z][a-z'\-]+)?)?"
_POSTCODE = r"(?:,?\s+[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})?"


class StreetAddressRecognizer(ContextPatternRecognizer):
    """'Flat 3, 42 Acacia Avenue, Leeds LS6 2AB' or just 'Acacia Avenue' (lower score)."""

    ENTITY = "STREET_ADDRESS"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("numbered address", rf"\b{_FLAT}?{_NUMBER}{_NAME}{_STREET}{_TOWN}{_POSTCODE}", 0.8),
        Pattern("flat", rf"\b{_FLAT}", 0.5),
        Pattern("street name", rf"(?<![A-Za-z])(?<!\d,?\s)(?:{_NAME}){_STREET}{_TOWN}", 0.5),
    ]
    CONTEXT: ClassVar[list[str]] = ["lives", "live", "address", "moved", "living", "street", "house", "flat"]
    CONTEXT_SCORE = 0.8

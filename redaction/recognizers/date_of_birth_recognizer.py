"""Dates of birth: full dates near birth context, and full historic dates (treated as identifying)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

import regex
from presidio_analyzer import Pattern, RecognizerResult

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:19\d{2}|20\d{2})"
_YEAR_RE = regex.compile(r"(19|20)\d{2}")


class DateOfBirthRecognizer(ContextPatternRecognizer):
    """'03/03/1947', '3rd March 1947', 'March 3, 1947', 'born in 1947' (spoken forms normalised first)."""

    ENTITY = "DATE_OF_BIRTH"
    FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "numeric date",
            r"(?<![\d/.\-])(?:0?[1-9]|[12]\d|3[01])[/.\-](?:0?[1-9]|1[0-2])[/.\-](?:19|20)?\d{2}(?![\d/\-]|\.\d)",
            0.2,
        ),
        Pattern("day month year", rf"\b{_DAY}(?:\s+of)?\s+{MONTHS}\.?,?\s+{_YEAR}\b", 0.2),
        Pattern("month day year", rf"\b{MONTHS}\.?\s+(?:the\s+)?{_DAY},?\s+{_YEAR}\b", 0.2),
        Pattern("day month", rf"\b{_DAY}(?:\s+of)?\s+{MONTHS}\b(?!\.?,?\s+{_YEAR})", 0.05),
        Pattern("born in year", rf"(?<=\bborn\s+(?:in\s+)?){_YEAR}\b", 0.6),
    ]
    CONTEXT: ClassVar[list[str]] = ["born", "birth", "dob", "d o b", "d.o.b", "birthday", "date of birth"]
    CONTEXT_SCORE = 0.95
    CONTEXT_WINDOW = 50
    HISTORIC_SCORE = 0.6
    HISTORIC_YEARS = 5

    def adjust_score(self, text: str, result: RecognizerResult) -> float:
        """Context makes any date a birth date; a full date more than a few years old counts too."""
        score = super().adjust_score(text, result)
        year = _YEAR_RE.search(text[result.start : result.end])
        if year and int(year.group()) <= datetime.now(UTC).year - self.HISTORIC_YEARS:
            score = max(score, self.HISTORIC_SCORE)
        return score

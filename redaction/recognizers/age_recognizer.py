"""Ages attached to a person: 'aged 84', '84 years old', 'she's 84 now'."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer


class AgeRecognizer(ContextPatternRecognizer):
    """Only the number is redacted, so the sentence still reads: 'aged [AGE_1]'."""

    ENTITY = "AGE"
    FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("aged n", r"(?<=\b(?:aged|age|turned|turns|turning)\s+)\d{1,3}\b", 0.7),
        Pattern("n years old", r"\b\d{1,3}(?=[\s\-]*(?:years?|yrs?)[\s\-]*(?:old|of\s+age)\b)", 0.7),
        Pattern(
            "pronoun is n",
            r"(?<=\b(?:she's|he's|she\s+is|he\s+is|i'm|i\s+am|they're|mum's|dad's|who's)\s+)"
            r"\d{2,3}(?=\s*(?:now\b|this\s+year\b|next\s+\w+|[.,;!?]|$))",
            0.6,
        ),
        Pattern(
            "name is n",
            r"(?<=\b[A-Z][a-z]+\s+(?:is|was)\s+)\d{2,3}(?=\s*(?:and\b|but\b|now\b|[.,;!?]|$))",
            0.5,
        ),
    ]

"""UK bank account numbers: eight digits near account or bank context."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer


class BankAccountRecognizer(ContextPatternRecognizer):
    """Eight digits, possibly grouped 4-4; without context an 8-digit number stays."""

    ENTITY = "UK_BANK_ACCOUNT"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("account number", r"(?<![\d\-/.])\d{4}[\s\-]{0,2}\d{4}(?!\d|[\-/.]\d)", 0.1)
    ]
    CONTEXT: ClassVar[list[str]] = ["account", "acc", "bank", "a/c", "account number", "building society"]
    CONTEXT_SCORE = 0.9
    CONTEXT_WINDOW = 80

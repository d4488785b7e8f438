"""Email addresses, typed or read aloud ('jane dot smith at gmail dot com'), with no network look-up.

Presidio's own EmailRecognizer validates the domain with tldextract, which fetches the public
suffix list over the network on first use; this one validates with a fixed pattern instead.
"""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer

_TLD = r"(?:com|net|org|uk|io|info|gov|nhs|ac|co|me|biz|email|scot|wales)"
_DOT = r"(?:\s+dot\s+|\.)"


class EmailRecognizer(ContextPatternRecognizer):
    """RFC-ish typed addresses and the spoken 'x dot y at z dot com' form."""

    ENTITY = "EMAIL_ADDRESS"
    FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "typed email", r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b", 0.9
        ),
        Pattern(
            "spoken email",
            rf"\b[A-Za-z0-9_\-]+(?:(?:\s+(?:dot|underscore|dash|hyphen)\s+|[._\-])[A-Za-z0-9]+)*"
            rf"(?:\s+at\s+|\s*@\s*)[A-Za-z0-9\-]+(?:{_DOT}[A-Za-z0-9\-]+)*{_DOT}{_TLD}\b",
            0.8,
        ),
    ]

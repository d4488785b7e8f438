"""The digit-run safety net: numbers garbled by speech recognition still never leak."""

from __future__ import annotations

import re

import pytest

from redaction.recognizers.digit_run_recognizer import DigitRunRecognizer
from redaction.redactor import Redactor


@pytest.mark.parametrize(
    "text",
    [
        "It's so seven, seven, one, five, three, three, two, one, I need.",  # tiny.en on "oh seven seven..."
        "It's 07715-332-1i8.",  # base heard "nine" as "i"
        "The account is 1234 5678 I think.",
        "My number is seven seven one, five three three, two.",
    ],
)
def test_garbled_numbers_are_redacted(redactor: Redactor, text: str) -> None:
    out = re.sub(r"\[[A-Z_]+_\d+\]", "[X]", redactor.redact_text(text).text)
    assert "[X]" in out and not re.search(r"\d", out), out
    spoken = re.findall(r"\b(?:one|two|three|five|seven)\b", out.lower())
    assert len(spoken) < 3, out


@pytest.mark.parametrize(
    "text",
    ["The rent is £1,250.00 a month.", "She owes 250000 pounds.", "Take 2 tablets at 10.30 every day."],
)
def test_money_and_short_numbers_stay(redactor: Redactor, text: str) -> None:
    assert redactor.redact_text(text).text == text


def test_recognizer_alone_finds_the_run() -> None:
    results = DigitRunRecognizer().analyze("call 0 7 7 1 5 3 3 2 1 now", ["OTHER"])
    assert len(results) == 1 and results[0].score >= 0.85  # boosted by "call"

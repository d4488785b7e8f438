"""The tokens of spoken identifiers: number words, spelled letters (either case) and typed codes.

The word tables and the per-token tests `normalise` builds its runs from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    """A word list written as one string."""
    return frozenset(text.split())


_TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?|[^\sA-Za-z0-9]")

_UNITS = {
    "zero": 0, "nought": 0, "nil": 0, "oh": 0,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 2, "thirty": 3, "forty": 4, "fourty": 4, "fifty": 5, "sixty": 6, "seventy": 7,
         "eighty": 8, "ninety": 9}  # fmt: skip
_ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                  "seventh": 7, "eighth": 8, "ninth": 9}  # fmt: skip
_ORDINAL_TEENS = {"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
                  "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                  "nineteenth": 19, "twentieth": 20, "thirtieth": 30}  # fmt: skip
_MULTIPLIERS = {"double": 2, "triple": 3, "treble": 3}
_SEPARATORS = {",", "-", "."}


def _suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def _is_letters(tok: _Tok) -> bool:
    """A spelled letter or letter pair as Whisper writes it: 'Q', 'QQ', 'LS'."""
    return tok.text.isalpha() and tok.text.isupper() and len(tok.text) <= 2


def _is_code(tok: _Tok) -> bool:
    """Typed digits or a mixed code such as 'SW1A' or '2AB'."""
    t = tok.text
    return t.isdigit() or (t.isalnum() and any(c.isdigit() for c in t) and t.upper() == t)


# Two-letter lower-case words and units: spelled letters only right before digits ("cm 59 05 36 d").
_LOWER_PAIR_WORDS = _words(
    "ad ah am an as at be by cm do dr eh er ex go ha he hi ho hr id if in is it kg km la lb ll me mg ml "
    "mm mr ms my no of oh ok on or ox oz pm re rd so st th to tv uh uk um up us ve we ye yo nd ft"
)
# Lower-case postcode halves ('ls6', 'sw1a', '2ab'), not ordinals, times or units ('2nd', '5pm', '6ft').
_LOWER_CODE = re.compile(r"(?:[a-z]{1,2}\d{1,2}[a-z]?|\d[a-z]{2})")
_NOT_LOWER_CODE = re.compile(r"\d+(?:st|nd|rd|th|am|pm|ft|kg|mg|ml|cm|mm|km|lb|oz|hr|yr|ish|s)")
_WEAK_LETTERS = ("a", "i")  # as often the words 'a' and 'I' as letters


def _is_lower_letters(tok: _Tok) -> bool:
    """A letter or letter pair spelled in lower case: 's', 'jt', and the weak 'at', 'cm'."""
    t = tok.text
    return t.isalpha() and t.islower() and len(t) <= 2


def _is_weak(tok: _Tok) -> bool:
    """A lower-case 'letter' that is as likely a word or a unit: 'a', 'i', 'at', 'cm'."""
    return tok.low in _WEAK_LETTERS or tok.low in _LOWER_PAIR_WORDS


def _is_lower_code(tok: _Tok) -> bool:
    return _LOWER_CODE.fullmatch(tok.text) is not None and _NOT_LOWER_CODE.fullmatch(tok.text) is None


def _letters_like(tok: _Tok, lower: bool) -> bool:
    """Spelled letters; in lower case not the two-letter words ('at', 'cm': see `_run_member`)."""
    return _is_letters(tok) or (lower and _is_lower_letters(tok) and tok.low not in _LOWER_PAIR_WORDS)


def _code_like(tok: _Tok, lower: bool) -> bool:
    return _is_code(tok) or (lower and _is_lower_code(tok))


def _is_number_word(low: str) -> bool:
    return (
        low in _UNITS
        or low in _TEENS
        or low in _TENS
        or low in _ORDINAL_UNITS
        or low in _ORDINAL_TEENS
        or low in ("hundred", "thousand")
    )

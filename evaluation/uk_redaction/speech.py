"""Render identifiers the way Whisper writes them from speech (digits as words, letters spelled)."""

from __future__ import annotations

import random

_DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORD = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth",
        9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth", 13: "thirteenth", 14: "fourteenth",
        15: "fifteenth", 16: "sixteenth", 17: "seventeenth", 18: "eighteenth", 19: "nineteenth",
        20: "twentieth", 30: "thirtieth"}  # fmt: skip


def number_words(n: int) -> str:
    """0-999 in words, British style ('one hundred and five')."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return _TEENS[n - 10]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _DIGITS[n % 10])
    rest = n % 100
    return _DIGITS[n // 100] + " hundred" + ("" if rest == 0 else " and " + number_words(rest))


def ordinal_words(n: int) -> str:
    """1-31 as an ordinal ('twenty third')."""
    if n in _ORD:
        return _ORD[n]
    return _TENS[n // 10] + " " + _ORD[n % 10]


def year_words(y: int) -> str:
    """1947 -> 'nineteen forty seven'; 1905 -> 'nineteen oh five'; 2003 -> 'two thousand and three'."""
    if 2000 <= y < 2010:
        return "two thousand" + ("" if y == 2000 else " and " + _DIGITS[y - 2000])
    hi, lo = divmod(y, 100)
    return number_words(hi) + " " + ("hundred" if lo == 0 else f"oh {_DIGITS[lo]}" if lo < 10 else number_words(lo))


def digits_spoken(digits: str, rng: random.Random, groups: list[int] | None = None) -> str:
    """Read a digit string aloud: 'oh'/'zero', 'double five', pauses (commas) between groups."""
    zero = rng.choice(["oh", "oh", "zero"])
    words: list[str] = []
    chunks = _chunk(digits, groups) if groups else [digits]
    for c, chunk in enumerate(chunks):
        i = 0
        part: list[str] = []
        while i < len(chunk):
            d = int(chunk[i])
            word = zero if d == 0 else _DIGITS[d]
            if i + 1 < len(chunk) and chunk[i + 1] == chunk[i] and rng.random() < 0.6:
                if i + 2 < len(chunk) and chunk[i + 2] == chunk[i] and rng.random() < 0.5:
                    part.append("triple " + word)
                    i += 3
                    continue
                part.append("double " + word)
                i += 2
                continue
            part.append(word)
            i += 1
        words.append(" ".join(part))
        if c < len(chunks) - 1:
            words.append("," if rng.random() < 0.6 else "")
    return " ".join(w for w in words if w).replace(" ,", ",")


def spell(code: str, rng: random.Random) -> str:
    """Letters spelled out, digits as words: 'LS6 2AB' -> 'L S six, two A B'."""
    out: list[str] = []
    for part in code.split():
        out.append(" ".join(c if c.isalpha() else _DIGITS[int(c)] for c in part))
    return (", " if rng.random() < 0.5 else " ").join(out)


def _chunk(s: str, groups: list[int]) -> list[str]:
    out, pos = [], 0
    for g in groups:
        out.append(s[pos : pos + g])
        pos += g
    if pos < len(s):
        out.append(s[pos:])
    return out

"""Spoken-form normalisation: a copy of the text where identifiers read aloud become typed.

Whisper writes what it hears: "oh seven seven one five, double three", "L S six two A B",
"the third of March nineteen forty seven". Recognizers run on a normalised copy
("07715 33", "LS62AB", "the 3rd of March 1947") and every character of that copy
remembers the span of original text it came from, so a detection maps back to whole
original words exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def _is_number_word(low: str) -> bool:
    return (
        low in _UNITS
        or low in _TEENS
        or low in _TENS
        or low in _ORDINAL_UNITS
        or low in _ORDINAL_TEENS
        or low in ("hundred", "thousand")
    )


@dataclass
class NormalisedText:
    """The normalised copy and, per character, the original span it came from."""

    original: str
    text: str
    src_start: list[int]
    src_end: list[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to whole original words."""
        if end <= start:
            return self.src_start[start], self.src_start[start]
        return self.src_start[start], self.src_end[end - 1]


class _RunConverter:
    """Turns one run of spoken-number/letter tokens into (piece, source token) pairs."""

    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.out: list[tuple[str, _Tok]] = []

    def emit(self, s: str, tok: _Tok) -> None:
        self.out.append((s, tok))

    def convert(self) -> list[tuple[str, _Tok]]:
        toks, i = self.toks, 0
        while i < len(toks):
            tok, low = toks[i], toks[i].low
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if tok.text in _SEPARATORS:
                if tok.text == ",":
                    self.emit(" ", tok)
                i += 1
            elif low in _MULTIPLIERS and nxt is not None:
                piece = self._single(nxt, prev_digit=True)
                self.emit(piece * _MULTIPLIERS[low], tok)
                self.emit("", nxt)
                i += 2
            elif low in _TENS:
                unit = nxt.low if nxt is not None else ""
                if unit in _UNITS and unit != "oh" and unit != "zero":
                    self.emit(f"{_TENS[low]}{_UNITS[unit]}", tok)
                    self.emit("", nxt)  # type: ignore[arg-type]
                    i += 2
                elif unit in _ORDINAL_UNITS:
                    n = _TENS[low] * 10 + _ORDINAL_UNITS[unit]
                    self.emit(f"{n}{_suffix(n)}", tok)
                    self.emit("", nxt)  # type: ignore[arg-type]
                    i += 2
                else:
                    self.emit(f"{_TENS[low]}0", tok)
                    i += 1
            elif low in ("hundred", "thousand"):
                i = self._scale(i, 2 if low == "hundred" else 3)
            elif low in _TEENS:
                self.emit(str(_TEENS[low]), tok)
                i += 1
            elif low in _ORDINAL_UNITS or low in _ORDINAL_TEENS:
                n = _ORDINAL_UNITS.get(low) or _ORDINAL_TEENS[low]
                self.emit(f"{n}{_suffix(n)}", tok)
                i += 1
            else:
                prev_digit = bool(self.out) and self.out[-1][0][-1:].isdigit()
                self.emit(self._single(tok, prev_digit), tok)
                i += 1
        return self.out

    def _single(self, tok: _Tok, prev_digit: bool) -> str:
        low = tok.low
        if tok.text == "O":
            # 'O' is a letter among spelled letters (postcode OL, plate 'M R O'), else a zero.
            idx = self.toks.index(tok)
            nxt = self.toks[idx + 1] if idx + 1 < len(self.toks) else None
            prev = self.toks[idx - 1] if idx > 0 else None
            if (nxt is not None and _is_letters(nxt)) or (prev is not None and _is_letters(prev)):
                return "O"
            return "0"
        if low in _UNITS:
            return str(_UNITS[low])
        if low == "plus":
            return "+"
        return tok.text

    def _scale(self, i: int, width: int) -> int:
        """'two hundred and five' -> 205; 'two thousand and three' -> 2003."""
        tok = self.toks[i]
        if not (self.out and self.out[-1][0].isdigit()):
            self.emit("1" + "0" * width, tok)
            return i + 1
        j = i + 1
        if j < len(self.toks) and self.toks[j].low == "and":
            value, k = _small_number(self.toks, j + 1)
        elif j < len(self.toks) and (self.toks[j].low in _TENS or self.toks[j].low in _TEENS):
            value, k = _small_number(self.toks, j)
        else:
            # Read-out digits: "nine hundred, one two three" is 900 then 123.
            value, k = None, j
        if value is None or len(str(value)) > width:
            value, k = 0, i + 1
        self.emit(str(value).rjust(width, "0"), tok)
        for t in self.toks[i + 1 : k]:
            self.emit("", t)
        return k


def _small_number(toks: list[_Tok], k: int) -> tuple[int | None, int]:
    """Parse 'five hundred and six', 'forty two', 'twelve', 'seven' starting at k."""
    if k >= len(toks):
        return None, k
    low = toks[k].low
    value: int | None = None
    if low in _UNITS and low != "oh":
        value, k = _UNITS[low], k + 1
        if k < len(toks) and toks[k].low == "hundred":
            k += 1
            if k < len(toks) and toks[k].low == "and":
                k += 1
            rest, k2 = _small_number(toks, k)
            if rest is not None and rest < 100:
                return value * 100 + rest, k2
            return value * 100, k
        return value, k
    if low in _TEENS:
        return _TEENS[low], k + 1
    if low in _TENS:
        value, k = _TENS[low] * 10, k + 1
        if k < len(toks) and toks[k].low in _UNITS and toks[k].low not in ("oh", "zero", "nought", "nil"):
            value, k = value + _UNITS[toks[k].low], k + 1
        return value, k
    return None, k


def _run_member(tok: _Tok, nxt: _Tok | None) -> bool:
    low = tok.low
    if _is_number_word(low) or _is_code(tok) or _is_letters(tok):
        return True
    if low in _MULTIPLIERS or low == "plus":
        return nxt is not None and (_is_number_word(nxt.low) or _is_letters(nxt) or _is_code(nxt))
    return False


def _continues(toks: list[_Tok], k: int) -> bool:
    """After a separator, the run goes on only into more of the identifier."""
    tok = toks[k]
    if _is_number_word(tok.low) or _is_code(tok) or tok.low in _MULTIPLIERS:
        return True
    after = toks[k + 1] if k + 1 < len(toks) else None
    return (
        _is_letters(tok)
        and after is not None
        and (_is_letters(after) or _is_code(after) or _is_number_word(after.low))
    )


def _worth_converting(run: list[_Tok]) -> bool:
    """Convert only runs that read an identifier or a number aloud."""
    words = [t for t in run if t.text not in _SEPARATORS]
    has_word = any(_is_number_word(t.low) or t.low in _MULTIPLIERS or t.low == "plus" for t in words)
    has_digit = has_word or any(_is_code(t) for t in words)
    spelled = sum(1 for t in words if _is_letters(t))
    if has_word:
        return not (len(words) == 1 and words[0].low == "oh")
    return has_digit and spelled > 0 and len(words) > 1


def normalise(text: str) -> NormalisedText:
    """Return the normalised copy of `text` with its character map back to `text`."""
    toks = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    pieces: list[str] = []
    src_s: list[int] = []
    src_e: list[int] = []
    pos = 0

    def copy_to(end: int) -> None:
        nonlocal pos
        if end > pos:
            pieces.append(text[pos:end])
            src_s.extend(range(pos, end))
            src_e.extend(range(pos + 1, end + 1))
            pos = end

    i = 0
    while i < len(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if not _run_member(toks[i], nxt):
            i += 1
            continue
        j = i + 1
        while j < len(toks):
            t, after = toks[j], toks[j + 1] if j + 1 < len(toks) else None
            prev = toks[j - 1]
            if (
                (t.low == "and" and prev.low in ("hundred", "thousand"))
                or (t.text in _SEPARATORS and after is not None and _continues(toks, j + 1))
                or (_run_member(t, after) and t.text not in _SEPARATORS)
            ):
                j += 1
            else:
                break
        run = toks[i:j]
        if _worth_converting(run):
            copy_to(run[0].start)
            converted = _RunConverter(run).convert()
            for piece, tok in converted:
                if not piece:
                    # A word absorbed into the previous piece ("forty seven" -> "47"): extend its end.
                    if src_e:
                        src_e[-1] = max(src_e[-1], tok.end)
                    continue
                pieces.append(piece)
                src_s.extend([tok.start] * len(piece))
                src_e.extend([tok.end] * len(piece))
            pos = run[-1].end
        i = j
    copy_to(len(text))
    return NormalisedText(original=text, text="".join(pieces), src_start=src_s, src_end=src_e)

"""Spoken-form normalisation: a copy of the text where identifiers read aloud become typed.

Whisper writes what it hears: "oh seven seven one five, double three", "L S six two A B",
"the third of March nineteen forty seven". Recognizers run on a normalised copy
("07715 33", "LS62AB", "the 3rd of March 1947") and every character of that copy
remembers the span of original text it came from, so a detection maps back to whole
original words exactly.

Two families of recognition noise are undone here too, for every recognizer at once:
punctuation inserted inside an identifier ("SN2, 7HQ", "J.T. 48 27 59 A", "OK53, BEW") and
letters spelled in lower case ("s n two seven h q", "jt 48 27 59 a"). Lower-case letters are
ordinary words far more often than spelled identifiers, so a run that uses them is converted
only when it holds a digit and at least two letters other than "a" and "i".
"""

from __future__ import annotations

from dataclasses import dataclass

from redaction.spoken_tokens import (
    _LOWER_PAIR_WORDS,
    _MULTIPLIERS,
    _ORDINAL_TEENS,
    _ORDINAL_UNITS,
    _SEPARATORS,
    _TEENS,
    _TENS,
    _TOKEN,
    _UNITS,
    _code_like,
    _is_code,
    _is_letters,
    _is_lower_code,
    _is_lower_letters,
    _is_number_word,
    _is_weak,
    _letters_like,
    _suffix,
    _Tok,
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

    def __init__(self, toks: list[_Tok], lower: bool = False) -> None:
        self.toks = toks
        self.lower = lower
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
        if tok.text == "O" or (self.lower and tok.text == "o"):
            # 'O' is a letter among spelled letters (postcode OL, plate 'M R O'), else a zero.
            idx = self.toks.index(tok)
            nxt = self.toks[idx + 1] if idx + 1 < len(self.toks) else None
            prev = self.toks[idx - 1] if idx > 0 else None
            if (nxt is not None and _letters_like(nxt, self.lower)) or (
                prev is not None and _letters_like(prev, self.lower)
            ):
                return "O"
            return "0"
        if low in _UNITS:
            return str(_UNITS[low])
        if low == "plus":
            return "+"
        return tok.text.upper() if self.lower else tok.text

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


def _run_member(tok: _Tok, nxt: _Tok | None, lower: bool = False) -> bool:
    low = tok.low
    if _is_number_word(low) or _code_like(tok, lower) or _letters_like(tok, lower):
        return True
    if lower and low in _LOWER_PAIR_WORDS and tok.text.islower():
        # 'cm 59 05 36 d', 'ye 24 65 90 a': a two-letter word counts only right before digits.
        return nxt is not None and (nxt.text.isdigit() or _is_number_word(nxt.low))
    if low in _MULTIPLIERS or low == "plus":
        return nxt is not None and (_is_number_word(nxt.low) or _letters_like(nxt, lower) or _code_like(nxt, lower))
    return False


def _tail_letters(toks: list[_Tok], k: int) -> bool:
    """The letters after a code and a separator: 'BEW' in 'OK53, BEW'."""
    t = toks[k].text
    if not (len(t) == 3 and t.isalpha() and t.isupper() and k >= 2):
        return False
    code = toks[k - 2].text
    return _is_code(toks[k - 2]) and any(c.isalpha() for c in code)


def _continues(toks: list[_Tok], k: int, lower: bool = False) -> bool:
    """After a separator, the run goes on only into more of the identifier."""
    tok = toks[k]
    if toks[k - 1].text == "." and tok.text[0].isupper() and not _letters_like(tok, lower) and not tok.text.isupper():
        return False  # a sentence ends: '... five R E. Second floor'
    if _is_number_word(tok.low) or _code_like(tok, lower) or tok.low in _MULTIPLIERS:
        return True
    if not _letters_like(tok, lower):
        return _tail_letters(toks, k)
    after = toks[k + 1] if k + 1 < len(toks) else None
    if after is not None and after.text in _SEPARATORS and k + 2 < len(toks):
        after = toks[k + 2]  # 'J.T. 48': look past the dot after a letter
    if after is not None and (_letters_like(after, lower) or _code_like(after, lower) or _is_number_word(after.low)):
        return True
    # A final letter, as in 'JT, 48, 27, 59, A.' or 'Y. R.'; not the 'A' of 'It was 59. A man came'.
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return nxt is None or not nxt.text[0].isalpha()


def _run_end(toks: list[_Tok], i: int, lower: bool) -> int:
    """The end (exclusive) of the run of identifier tokens that starts at `i`."""
    j = i + 1
    while j < len(toks):
        t, after, prev = toks[j], toks[j + 1] if j + 1 < len(toks) else None, toks[j - 1]
        if (
            (t.low == "and" and prev.low in ("hundred", "thousand"))
            or (t.text in _SEPARATORS and after is not None and _continues(toks, j + 1, lower))
            or (t.text not in _SEPARATORS and (_run_member(t, after, lower) or _tail_letters(toks, j)))
        ):
            j += 1
        else:
            break
    return j


def _worth_converting(run: list[_Tok]) -> bool:
    """Convert only runs that read an identifier or a number aloud, or a code with punctuation inside."""
    words = [t for t in run if t.text not in _SEPARATORS]
    has_word = any(_is_number_word(t.low) or t.low in _MULTIPLIERS or t.low == "plus" for t in words)
    has_digit = has_word or any(_is_code(t) for t in words)
    spelled = sum(1 for t in words if _is_letters(t))
    if has_word:
        return not (len(words) == 1 and words[0].low == "oh")
    punctuated = len(words) < len(run) and any(_is_code(t) and not t.text.isdigit() for t in words)
    return has_digit and len(words) > 1 and (spelled > 0 or punctuated)


def _worth_converting_lower(run: list[_Tok]) -> bool:
    """A run using lower-case letters is an identifier only with a digit and two strong letters,
    or, when it holds five digits or more (an NI number: 'cm 59 05 36 d'), three letters of any kind."""
    words = [t for t in run if t.text not in _SEPARATORS]
    if len(words) > 1 and _is_weak(words[0]) and words[1].text.isupper():
        return False  # the article before a typed code: 'a WM 98 15 40 D'
    uses_lower = any((_is_lower_letters(t) or _is_lower_code(t)) and not _run_member(t, None) for t in words)
    digits = sum(1 if _is_number_word(t.low) else sum(c.isdigit() for c in t.text) for t in words)
    strong = weak = 0
    for t in words:
        if _is_lower_code(t) or (_letters_like(t, True) and not _is_weak(t)):
            strong += sum(c.isalpha() for c in t.text)
        elif _is_lower_letters(t):
            weak += len(t.text)
    return uses_lower and digits > 0 and (strong >= 2 or (digits >= 5 and strong + weak >= 3))


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
        lower = False
        j = _run_end(toks, i, lower=True) if _run_member(toks[i], nxt, lower=True) else i + 1
        if _worth_converting_lower(toks[i:j]):
            lower = True
        elif _run_member(toks[i], nxt):
            j = _run_end(toks, i, lower=False)
        else:
            i += 1
            continue
        run = toks[i:j]
        if lower or _worth_converting(run):
            copy_to(run[0].start)
            converted = _RunConverter(run, lower).convert()
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

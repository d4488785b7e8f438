"""The numbers a statement states and the numbers its evidence says, in one form to compare.

A note writes "325 mg", "0.5 cm", "in 1 week", "10/2020", "COVID-19"; a dialogue says "three hundred
twenty five milligrams", "point five centimeters", "in about a week", "october twenty twenty". Both
sides are read into digit strings ('325', '0.5', '1', '2020') so that a number written another way
is not taken for a changed one, while a changed number still fails.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.lexicon import STOPWORDS, TENS_NUMBER_WORDS, UNIT_NUMBER_WORDS, numbers_in, stem
from core.text import words

# 'no one', 'any one of them', 'the other one': 'one' there is no number.
_NOT_A_NUMBER = re.compile(
    r"\b(?:no|any|every|each|some|the|this|that|which|little|other) one\b"
    # 'Once in the emergency department, ...', 'once he arrived': 'once' opening a clause means 'when'.
    r"|(?:^|(?<=[,;:]\s)|(?<=\band\s))once\b(?!\s+(?:a|an|or|per|every|daily|weekly|monthly|yearly|more|again|before|twice)\b)"
    # 'at first', 'it began first': the order of events, no count.
    r"|\bat first\b|\bfirst(?=\s*(?:[.,;!?]|$))",
    re.I,
)
# A number that belongs to a name ('COVID-19', 'H1N1', 'B12') states no quantity.
_NAMED = re.compile(r"\b[A-Za-z]+-?\d+[A-Za-z]*\b|\b\d+[A-Za-z]+\d*\b")
_DECIMAL = re.compile(r"\b\d*\.\d+\b")
# A unit after 'a' or 'an' counts one of it: 'in a week' is 'in 1 week', 'once a day' is '1 a day'.
_ONE_OF = re.compile(
    r"\b(?:a|an|one|single|per|each|every)\s+(?:\w+\s+)?(?:couple\s+)?"
    r"(?:second|minute|hour|day|night|week|fortnight|month|year|time|tablet|pill|dose|pack|puff|drop|glass|"
    r"bottle|can|pint|unit|cigarette|meal|visit|episode|child|son|daughter|brother|sister)s?\b",
    re.I,
)
_SCALE = {"hundred": 100, "thousand": 1000}
_TENS_WORDS = TENS_NUMBER_WORDS
_TIME_UNITS = frozenset(stem(w) for w in "second minute hour day night week fortnight month year time".split())  # noqa: SIM905
_NUMBER_WORDS = UNIT_NUMBER_WORDS | TENS_NUMBER_WORDS
_SPOKEN_DIGITS = {"zero": "0", "oh": "0", "nought": "0"}


def _strip(text: str) -> str:
    return _NOT_A_NUMBER.sub(" ", text)


def stated_numbers(statement: str) -> set[str]:
    """The numbers a statement states, as digits ('0.5 cm' -> '0.5'; names such as COVID-19 left out)."""
    text = _NAMED.sub(" ", _strip(statement))
    decimals = {_canon(m.group(0)) for m in _DECIMAL.finditer(text)}
    text = _DECIMAL.sub(" ", text)
    return numbers_in(words(text), parts=False) | decimals


def said_numbers(evidence: str) -> set[str]:
    """Every number the evidence says, in any of the forms people say it."""
    text = _strip(evidence)
    found = {_canon(m.group(0)) for m in _DECIMAL.finditer(text)}
    # Digits written as a name's part ('b12') still say the number.
    found |= {m for m in re.findall(r"\d+", text)}
    tokens = words(_DECIMAL.sub(" ", text))
    found |= numbers_in(tokens)
    found |= {str(int(x)) for x in found if x.isdigit()}
    found |= _hundreds(tokens) | _spoken_decimals(tokens) | _years(tokens)
    if _ONE_OF.search(text) or re.search(r"\b(?:daily|nightly|weekly|monthly|yearly|annually)\b", text, re.I):
        found.add("1")
    if re.search(r"\bhalf\b", text, re.I):
        found.add("0.5")
    return found


def missing_numbers(statement: str, evidence: str, counted: bool = True) -> list[str]:
    """The statement's numbers the evidence does not say, or says only of something else, in order.

    'eight pounds a day' fails beside 'twenty pounds a day ... eight o'clock': where the evidence counts
    the same thing (pounds), the number must be the one it gives that thing. `counted=False` skips that
    (a long statement gathers its numbers from more turns than its evidence holds).
    """
    said = said_numbers(evidence)
    missing = stated_numbers(statement) - said
    if not counted:
        return sorted(missing)
    by_unit: dict[str, set[str]] = {}
    for value, unit in _counted(evidence, spoken=True):
        by_unit.setdefault(unit, set()).add(value)
    for value, unit in _counted(statement):
        if value in said and unit in by_unit and value not in by_unit[unit]:
            missing.add(value)
    return sorted(missing)


def _counted(text: str, spoken: bool = False) -> set[tuple[str, str]]:
    """(number, the word it counts) for each number followed closely by a content word: ('20', 'pound')."""
    tokens = _number_stream(words(_NAMED.sub(" ", _strip(_DECIMAL.sub(" ", text)))), spoken)
    out: set[tuple[str, str]] = set()
    for i, t in enumerate(tokens):
        if not t.isdigit():
            continue
        for nxt in tokens[i + 1 : i + 6]:
            if nxt.isdigit() or nxt in {"or", "to", "and", "a", "an", "per", "of", "out", "over"}:
                continue  # 'two or three times', 'twenty five milligrams'
            if nxt not in STOPWORDS and len(nxt) > 1:
                out.add((t, stem(nxt)))
            break
    return out


def _number_stream(tokens: list[str], spoken: bool) -> list[str]:
    """The tokens with each spoken number as one digit token: 'twenty five milligrams' -> '25 milligrams'.

    Only compounds join ('twenty five', 'three hundred and ten'); 'two, three times' stays two numbers.
    """
    out: list[str] = []
    span: list[str] = []

    def close() -> None:
        if span:
            got = _hundreds(span) or numbers_in(span, parts=False)
            out.append(str(max(int(x) for x in got)) if got else span[0])
            span.clear()

    for i, t in enumerate(tokens):
        prev = span[-1] if span else ""
        joins = bool(span) and (
            (prev in _TENS_WORDS and t in _NUMBER_WORDS and t not in _TENS_WORDS and _is_unit(t))
            or t in _SCALE
            or (prev in _SCALE and (t in _NUMBER_WORDS or t == "and"))
            or (prev == "and" and t in _NUMBER_WORDS)
        )
        if joins:
            span.append(t)
            continue
        close()
        if t.isdigit() or t in _NUMBER_WORDS:
            span.append(t)
        elif spoken and t in {"a", "an"} and i + 1 < len(tokens) and stem(tokens[i + 1]) in _TIME_UNITS:
            out.append("1")  # 'in a week' counts one week
        else:
            out.append(t)
    close()
    return out


def _is_unit(t: str) -> bool:
    return (
        t in _NUMBER_WORDS and t not in _TENS_WORDS and t not in {"ten", "eleven", "twelve"} and not t.endswith("teen")
    )


def _canon(decimal: str) -> str:
    whole, _, frac = decimal.partition(".")
    frac = frac.rstrip("0")
    return f"{int(whole or 0)}.{frac}" if frac else str(int(whole or 0))


def _value(tokens: list[str]) -> int | None:
    """The value of a short spoken number ('twenty five' -> 25), None when it is not one."""
    got = numbers_in(tokens, parts=False)
    if len(tokens) == 1 and tokens[0].isdigit():
        return int(tokens[0])
    return max((int(x) for x in got), default=None) if got else None


def _hundreds(tokens: list[str]) -> set[str]:
    """'three hundred twenty five' -> '325', 'a thousand' -> '1000', 'two thousand and five' -> '2005'."""
    out: set[str] = set()
    for i, t in enumerate(tokens):
        if t not in _SCALE:
            continue
        before = tokens[i - 1] if i else ""
        head = 1 if before in {"a", "one", ""} else _value([before])
        if head is None:
            continue
        base = head * _SCALE[t]
        out.add(str(base))
        rest = [w for w in tokens[i + 1 : i + 4] if w != "and"]
        for n in (2, 1):
            tail = _value(rest[:n]) if len(rest) >= n else None
            if tail is not None and tail < _SCALE[t]:
                out.add(str(base + tail))
                break
    return out


def _spoken_decimals(tokens: list[str]) -> set[str]:
    """'point five' -> '0.5', 'one point two' -> '1.2'."""
    out: set[str] = set()
    for i, t in enumerate(tokens):
        if t != "point" or i + 1 >= len(tokens):
            continue
        frac = _SPOKEN_DIGITS.get(tokens[i + 1]) or next(iter(numbers_in([tokens[i + 1]], parts=False)), None)
        if frac is None:
            continue
        whole = _value([tokens[i - 1]]) if i else None
        out.add(_canon(f"{whole or 0}.{frac}"))
    return out


def _years(tokens: list[str]) -> set[str]:
    """'twenty twenty' -> '2020', 'nineteen ninety three' -> '1993': a year said as two numbers."""
    out: set[str] = set()
    for i in range(len(tokens) - 1):
        first = _value(tokens[i : i + 1])
        if first is None or not 10 <= first <= 20 or tokens[i].isdigit():
            continue
        for n in (2, 1):
            second = _value(tokens[i + 1 : i + 1 + n])
            if second is not None and 0 <= second <= 99 and not tokens[i + 1].isdigit():
                out.add(f"{first}{second:02d}")
                break
    return out


ALONGSIDE = 1  # words the statement and the visit must both say around the number
NEAR = 4  # tokens either side of a number that say what it is of
# Words a number is said of in every visit ('six months', 'three out of ten' for pain): they tell no one number apart.
_VAGUE = _TIME_UNITS | frozenset(stem(w) for w in "pain level scale out times".split())  # noqa: SIM905
_AGE = frozenset({"year", "old", "ag", "age", "yo"})
_SAYS_AGE = frozenset({"old", "age", "ag", "turn", "birthday"})


def said_alongside(statement: str, number: str, text: str) -> bool:
    """The visit says the number next to a word the statement says next to it.

    The retriever may miss the turn a number was said in ('lisinopril twenty milligrams' said long
    before the plan); a number said anywhere of the same thing ('twenty' beside 'lisinopril') is said.
    An age ('a 58-year-old male') is said as 'I'm fifty eight' or 'fifty eight years old'.
    """
    if _scored(statement, number, text):
        return True
    if number == "1":
        return False  # 'a month', 'an hour', 'once': one is said of everything, so nothing tells it apart
    around = _context(_stream(statement, spoken=False), number)
    if not around:
        return False
    if around & _AGE:
        around = around | _SAYS_AGE
    spoken = _stream(text, spoken=True)
    return any(len(around & ctx) >= ALONGSIDE for ctx in _contexts(spoken, number))


@lru_cache(maxsize=256)
def _stream(text: str, spoken: bool) -> tuple[str, ...]:
    return tuple(_number_stream(words(_NAMED.sub(" ", _strip(_DECIMAL.sub(" ", text)))), spoken))


def _context(tokens: tuple[str, ...], number: str) -> set[str]:
    out: set[str] = set()
    for ctx in _contexts(tokens, number):
        out |= ctx
    return out


def _contexts(tokens: tuple[str, ...], number: str) -> list[set[str]]:
    """For each place the number is said, the stems of the words around it."""
    out = []
    for i, t in enumerate(tokens):
        if t != number:
            continue
        near = tokens[max(0, i - NEAR) : i] + tokens[i + 1 : i + 1 + NEAR]
        out.append({stem(w) for w in near if not w.isdigit() and w not in STOPWORDS and len(w) > 1} - _VAGUE)
    return out


# '6/10 pain', 'a 9 out of 10': a score on a scale, which a visit asks for ('on a scale of one to ten how bad is
# it') and the person answers a few words later ('probably a six').
_SCORE = re.compile(r"\b(\d+)\s*(?:/|out of)\s*(\d+)\b", re.I)
SCALE_REPLY = 40  # tokens after the scale is named within which the answer is said


def _scored(statement: str, number: str, text: str) -> bool:
    """The number is a score's value or top ('6/10'), and the visit names that scale and then says the value."""
    scores = [(m.group(1), m.group(2)) for m in _SCORE.finditer(statement) if number in m.groups()]
    if not scores:
        return False
    tokens = _stream(text, spoken=True)
    for i, t in enumerate(tokens):
        if t != "scale" and not (t == "out" and tokens[i + 1 : i + 2] == ("of",)):
            continue
        window = tokens[i : i + 8]
        for value, top in scores:
            # the value said after the scale's top: 'one to ten ... it's like a nine' (not the top itself)
            if top in window and value in tokens[i + window.index(top) + 1 : i + SCALE_REPLY]:
                return True
    return False

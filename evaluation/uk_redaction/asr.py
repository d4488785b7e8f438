"""Identifiers as speech recognition really writes them: the third style of the UK set ("asr").

The `spoken` style reads identifiers aloud cleanly. Whisper's output is messier, in three
families, each seen in real output (the demo wrote the postcode `SN2, 7HQ`):
- punctuation it inserts inside an identifier: `SN2, 7HQ`, `J.T. 48 27 59 A`, `485-773-4451`;
- letters spoken one by one, written lower case: `s n two seven h q`, `jt 48 27 59 a`;
- a misheard name beside a reliable cue: `12 row and close` (Rowan Close): the house number and
  the street type survive, the name does not.
It also ends sentences at an identifier (`... 59 A. Is that right?`), which puts a capitalised
everyday word right after the number.
"""

from __future__ import annotations

import random
import re

from evaluation.uk_redaction.speech import number_words, spell

# How a recogniser mishears street names: sound-alike words, often function words among them.
MISHEARD_STREETS = {
    "Acacia": "a casia", "Beech": "beach", "Mill": "mil", "Station": "stay shun", "Church": "church",
    "Victoria": "victor ya", "Hawthorn": "haw thorn", "Queens": "queen's", "Albert": "al bert",
    "Chapel": "chap all", "Meadow": "med oh", "Orchard": "or chard", "Windsor": "wind sir",
    "Highfield": "high field", "Rosemary": "rose marry", "Cedar": "see the", "Brook": "brooke",
    "Kingsway": "kings", "Oakwood": "oak would", "Primrose": "prim rose", "Rowan": "row and",
}  # fmt: skip
_SEPARATORS = [", ", ". ", "-", " - ", ","]


def _punctuate(parts: list[str], rng: random.Random) -> str:
    """Join the parts of a typed identifier with the punctuation a recogniser inserts."""
    sep = rng.choice(_SEPARATORS)
    return sep.join(parts)


def _letters_dotted(code: str) -> str:
    """'JT' -> 'J.T.'; digits stay."""
    return "".join(c + "." if c.isalpha() else c for c in code)


def _lower_spelled(code: str, rng: random.Random) -> str:
    """Letters spelled lower case, digits as words or kept: 'SN2 7HQ' -> 's n two seven h q'."""
    words = rng.random() < 0.6
    out = []
    for part in code.split():
        out.append(" ".join(c.lower() if c.isalpha() else (number_words(int(c)) if words else c) for c in part))
    return (", " if rng.random() < 0.4 else " ").join(out)


def postcode(typed: str, rng: random.Random) -> str:
    outward, inward = typed.split()
    kind = rng.choice(["punct", "lower", "dotted", "spelled-dots"])
    if kind == "punct":
        return _punctuate([outward, inward], rng)
    if kind == "lower":
        return _lower_spelled(typed, rng)
    if kind == "dotted":
        return f"{_letters_dotted(outward)} {inward}"
    return spell(typed, rng).replace(" ", ". ").replace(",.", ",")


def ni_number(typed: str, rng: random.Random) -> str:
    compact = typed.replace(" ", "")
    prefix, digits, suffix = compact[:2], compact[2:8], compact[8]
    groups = [prefix, digits[:2], digits[2:4], digits[4:], suffix]
    kind = rng.choice(["dotted", "lower", "lower-words", "punct"])
    if kind == "dotted":
        return f"{_letters_dotted(prefix)} {' '.join(groups[1:4])} {suffix}"
    if kind == "lower":
        return " ".join(g.lower() for g in groups)
    if kind == "lower-words":
        return _lower_spelled(f"{prefix} {digits} {suffix}", rng).replace(",", "")
    return _punctuate(groups, rng)


def grouped_digits(typed: str, rng: random.Random) -> str:
    """NHS, phone, sort code, account: the typed groups joined by inserted punctuation."""
    groups = re.split(r"[\s\-]+", typed.strip())
    if len(groups) == 1:
        digits = groups[0]
        groups = [digits[:4], digits[4:]]
    return _punctuate(groups, rng)


def vehicle(typed: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return _lower_spelled(typed, rng)
    return _punctuate(typed.split(), rng)


def case_ref(typed: str, rng: random.Random) -> str:
    m = re.match(r"([A-Z]+)-?(\d+)", typed)
    if m is None:
        return typed
    prefix, digits = m.groups()
    if rng.random() < 0.5:
        return " ".join(c.lower() for c in prefix) + " " + " ".join(number_words(int(c)) for c in digits)
    return f"{_letters_dotted(prefix)} {digits}"


def street(typed: str, rng: random.Random) -> str:
    """'68 Chapel Lane, Leeds' -> '68 chap all lane, Leeds': the name misheard, number and type kept."""
    m = re.match(r"(\d+) (\w+) (\w+)(.*)", typed)
    if m is None:
        return typed
    number, name, kind, rest = m.groups()
    n = number if rng.random() < 0.6 else number_words(int(number))
    heard = MISHEARD_STREETS.get(name, name.lower())
    return f"{n} {heard} {kind.lower()}{rest}"


def email(typed: str, rng: random.Random) -> str:
    local, domain = typed.split("@")
    if rng.random() < 0.5:
        return f"{local} at {domain}"
    return f"{local.replace('.', ' dot ')} at {domain}"


RENDER = {
    "postcode": postcode, "ni": ni_number, "nhs": grouped_digits, "phone": grouped_digits,
    "sort": grouped_digits, "account": grouped_digits, "reg": vehicle, "case": case_ref,
    "address": street, "email": email,
}  # fmt: skip


def asr_surface(slot: str, typed: str, spoken: str, rng: random.Random) -> str:
    """How Whisper might write this identifier; slots without an ASR family keep their spoken form."""
    render = RENDER.get(slot)
    return render(typed, rng) if render is not None else spoken


def asr_tail(tail: str, rng: random.Random) -> str:
    """Whisper often ends the sentence at an identifier: ', is that right?' -> '. Is that right?'."""
    m = re.match(r", ([a-z])", tail)
    if m is not None and rng.random() < 0.6:
        return ". " + m.group(1).upper() + tail[m.end() :]
    return tail

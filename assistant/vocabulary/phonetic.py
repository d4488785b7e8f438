"""A small English phonetic key, enough to tell that 'Remi-prill' sounds like 'ramipril'.

Consonants are folded into sound classes (b/p, d/t, g/k/c/q, f/v/ph, s/z/soft c), vowels, h, w
and y after the first letter are dropped and repeats collapsed; a leading h is silent.
"""

from __future__ import annotations

import re

_DIGRAPHS = [
    ("ph", "f"), ("ck", "k"), ("gh", "g"), ("wh", "w"), ("kn", "n"), ("dg", "j"), ("sch", "sk"),
    ("sh", "x"), ("ch", "x"), ("th", "0"), ("qu", "k"), ("x", "ks"),
]  # fmt: skip
_CLASSES = str.maketrans({"b": "p", "d": "t", "g": "k", "c": "k", "q": "k", "v": "f", "z": "s", "j": "x", "m": "n"})


def phonetic_key(text: str) -> str:
    """The sound skeleton of `text` (letters only, case-insensitive)."""
    s = re.sub(r"[^a-z]", "", text.lower())
    if not s:
        return ""
    s = re.sub(r"c(?=[eiy])", "s", s)
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    if s[0] == "h" and len(s) > 1:
        s = s[1:]
    first = "a" if s[0] in "aeiouy" else s[0]
    rest = re.sub(r"[aeiouyhw]", "", s[1:])
    key = (first + rest).translate(_CLASSES)
    return re.sub(r"(.)\1+", r"\1", key).upper()

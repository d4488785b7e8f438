"""Keep medicine names visible: a drug name is clinical information, not personal data.

Statistical NER and the first-name list mistake medicines for people or organisations
("Alendronic acid" as an organisation; "Remi" of the misheard "Remi-prill" as a first name), and
a redacted medicine makes the health section of a draft useless. A detection is dropped when the
whole word it sits in is a medicine by name, by drug-class suffix, or within two edits of a listed
medicine (speech recognition mangles them). Identifiers the practitioner supplied are never dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extractOne

from core.lexicon import MEDICATIONS, is_medication
from redaction.spans import Span

GUARDED_TYPES = frozenset({"PERSON", "ORGANIZATION", "LOCATION"})
_WORD_CHARS = re.compile(r"[\w'-]")
_MIN_FUZZY_LENGTH = 7
_MAX_EDITS = 2


@lru_cache(maxsize=8192)
def sounds_like_medicine(word: str) -> bool:
    """A medicine by list or suffix, or a close misspelling of a listed one (7+ letters)."""
    w = word.lower().replace("-", "")
    if is_medication(w) or is_medication(word.lower()):
        return True
    if len(w) < _MIN_FUZZY_LENGTH:
        return False
    best = extractOne(w, MEDICATIONS, scorer=Levenshtein.distance, score_cutoff=_MAX_EDITS)
    return best is not None


def _whole_word(text: str, start: int, end: int) -> str:
    while start > 0 and _WORD_CHARS.match(text[start - 1]):
        start -= 1
    while end < len(text) and _WORD_CHARS.match(text[end]):
        end += 1
    return text[start:end].strip("'-")


def drop_medications(spans: list[Span], text: str) -> list[Span]:
    """Remove name/organisation/place detections whose words are all medicine names."""
    out = []
    for s in spans:
        if s.entity_type in GUARDED_TYPES and not s.known_key:
            words = _whole_word(text, s.start, s.end).split()
            if words and all(sounds_like_medicine(w) for w in words):
                continue
        out.append(s)
    return out

"""Drop statistical-NER detections that are everyday words or function words, not names."""

from __future__ import annotations

import re
from functools import lru_cache

from redaction.recognizers.first_name_recognizer import COMMON_WORD_ZIPF, first_names
from redaction.spans import Span

_WORD = re.compile(r"[A-Za-z]+")
NER_RECOGNIZER = "SpacyRecognizer"
# Places have their own common-word rules in the gazetteer ("in Reading" is a town).
EVERYDAY_GUARDED = frozenset({"PERSON", "ORGANIZATION"})


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=8192)
def _everyday_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    from redaction.recognizers.uk_place_recognizer import _gazetteer

    places = _gazetteer()[0]
    return word not in first_names() and word not in places and zipf_frequency(word, "en") >= COMMON_WORD_ZIPF


def _capitalised_by_position(text: str, start: int) -> bool:
    """Lower case, or at a sentence start; a capitalised everyday word mid-sentence may be a
    surname ('Brown', 'Green'), so it stays."""
    if not text[start].isupper():
        return True
    before = text[max(0, start - 40) : start]
    stripped = before.rstrip()
    return not stripped or stripped[-1] in ".!?:;\n\"'…" or "\n" in before[len(stripped) :]


def drop_unlikely_ner(spans: list[Span], text: str) -> list[Span]:
    """Remove spaCy spans made only of function words ('I. It's') or one everyday word that is
    neither a first name nor a place ('School', 'Broken'); pattern and gazetteer detections are kept."""
    out = []
    for s in spans:
        if s.recognizer == NER_RECOGNIZER and not s.known_key:
            words = [w.lower() for w in _WORD.findall(text[s.start : s.end]) if w.lower() != "s"]
            if not words or all(w in _stop_words() for w in words):
                continue
            if (
                len(words) == 1
                and s.entity_type in EVERYDAY_GUARDED
                and _capitalised_by_position(text, s.start)
                and _everyday_word(words[0])
            ):
                continue
        out.append(s)
    return out

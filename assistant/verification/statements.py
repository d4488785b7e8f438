"""Check one statement against evidence quotes: supported, partly supported or unsupported, with why."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from assistant.drafting.cues import find_dates, words
from core.lexicon import NEGATIONS, STOPWORDS, is_medication, numbers_in, stem

SUPPORTED_COVERAGE = 0.75
PARTLY_COVERAGE = 0.45

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[\"\u201c])|\n+")
_PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")
# A capitalised word that does not start a sentence, a list line or a 'HEADER: value' is a name.
_CAPITALISED = re.compile(r"(?<![.!?:]\s)(?<!^)(?<![:\-])\b([A-Z][a-z]{2,})\b")


def split_statements(value: str) -> list[str]:
    """Sentences of a field value, and one statement per list line."""
    parts = [p.strip().lstrip("-*\u2022 ").strip() for p in _SENTENCE.split(value)]
    return [p for p in parts if len(content_words(p)) >= 1]


def content_words(text: str, ignore: frozenset[str] = frozenset()) -> list[str]:
    """The words that carry facts: no stopwords, no reporting verbs, no speaker names."""
    return [w for w in words(text) if (w not in STOPWORDS and w not in ignore and len(w) > 1) or w.isdigit()]


@dataclass
class Verdict:
    support: str
    reason: str
    coverage: float


def _has_negation(tokens: list[str]) -> bool:
    return any(t in NEGATIONS or t.endswith("n't") for t in tokens)


def critical_missing(statement: str, evidence: str, ignore: frozenset[str]) -> list[str]:
    """Facts in the statement (numbers, dates, names, medicines, negation) that the evidence lacks."""
    ev_tokens = set(words(evidence))
    ev_stems = {stem(t) for t in ev_tokens}
    missing: list[str] = []
    st_tokens = words(statement)
    ev_numbers = numbers_in(words(evidence))
    for number in sorted(numbers_in(st_tokens, parts=False) - ev_numbers):
        missing.append(f"number '{number}'")
    for t in st_tokens:
        if is_medication(t) and stem(t) not in ev_stems:
            missing.append(f"medication '{t}'")
    for ph in _PLACEHOLDER.findall(statement):
        if ph.lower() not in ev_tokens:
            missing.append(f"name '{ph}'")
    for name in _CAPITALISED.findall(statement):
        low = name.lower()
        if low not in ev_tokens and low not in ignore and low not in STOPWORDS | NEGATIONS and not is_medication(low):
            missing.append(f"name '{name}'")
    ev_low = evidence.lower()
    for d in find_dates(statement):
        core = re.sub(r"^(?:by|on|next|this|last)\s+", "", d.lower())
        if core not in ev_low:
            missing.append(f"date '{d}'")
    if _has_negation(st_tokens) and not _has_negation(list(ev_tokens)):
        missing.append("negation")
    return list(dict.fromkeys(missing))


def check(statement: str, evidence: list[str], ignore: frozenset[str] = frozenset()) -> Verdict:
    """Verdict for one statement against the evidence quotes it should rest on."""
    if not evidence:
        return Verdict("unsupported", "no transcript evidence for this statement", 0.0)
    joined = " ".join(evidence)
    ev_stems = {stem(w) for w in words(joined)}
    content = content_words(statement, ignore)
    coverage = sum(stem(w) in ev_stems for w in content) / len(content) if content else 1.0
    missing = critical_missing(statement, joined, ignore)
    if missing:
        return Verdict("unsupported", f"{', '.join(missing)} absent from the evidence", coverage)
    if coverage >= SUPPORTED_COVERAGE:
        return Verdict("supported", "", coverage)
    absent = [w for w in content if stem(w) not in ev_stems][:5]
    if coverage >= PARTLY_COVERAGE:
        return Verdict("partly_supported", f"words not in the evidence: {', '.join(absent)}", coverage)
    return Verdict(
        "unsupported", f"most of it is not in the evidence (missing: {', '.join(absent)})", coverage
    )


class Retriever:
    """Finds the transcript segments a statement most likely rests on (IDF-weighted word overlap)."""

    def __init__(self, segments: list[tuple[str, str]]) -> None:
        self.segments = segments
        self.stems = [{stem(w) for w in content_words(text)} for _, text in segments]
        df = Counter(s for stems in self.stems for s in stems)
        n = max(len(segments), 1)
        self.idf = {s: math.log(1 + n / c) for s, c in df.items()}

    def ranked(self, statement: str, k: int = 3) -> list[int]:
        """Indices of the k best-matching segments, best first (only those sharing at least one word)."""
        q = {stem(w) for w in content_words(statement)}
        scored = [(sum(self.idf.get(s, 0.0) for s in q & st), -i) for i, st in enumerate(self.stems)]
        scored = [x for x in scored if x[0] > 0]
        scored.sort(reverse=True)
        return [-i for _, i in scored[:k]]

    def top(self, statement: str, k: int = 3) -> list[int]:
        """Indices of the k best-matching segments, in transcript order."""
        return sorted(self.ranked(statement, k))

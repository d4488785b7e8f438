"""Check one statement against evidence quotes: supported, partly supported or unsupported, with why.

A confabulation detector, not a paraphrase judge: a statement is unsupported when a fact that
matters is absent from or contradicts its evidence (a number or dose, a date, a medicine, a name,
the polarity of what was said) or when almost none of it is there. Rewording and a shift from
"I" to "she" are not errors.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from core.lexicon import NEGATIONS, STOPWORDS, is_medication, numbers_in, stem
from core.text import content_words, date_core, find_dates, sentences, statements, words

SUPPORTED_COVERAGE = 0.6
PARTLY_COVERAGE = 0.3

_PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")
# A capitalised word that does not start a sentence, a list line or a 'HEADER: value' is a name.
_CAPITALISED = re.compile(r"(?<![.!?:;]\s)(?<!^)(?<![:\-(])\b([A-Z][a-z]{2,})\b")
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december mr mrs ms miss dr nhs gp english asked agreed mum dad nan
    she he they her his their the practitioner person""".split()  # noqa: SIM905
)

split_statements = statements  # the one statement splitter, under the name the verifier has used

__all__ = ["Retriever", "Verdict", "check", "content_words", "critical_missing", "split_statements"]


@dataclass
class Verdict:
    support: str
    reason: str
    coverage: float


def _negative(text: str) -> bool:
    return any(t in NEGATIONS or t.endswith("n't") for t in words(text))


def _best_sentence(statement: str, evidence: str) -> tuple[str, float]:
    """The evidence sentence sharing most content with the statement, and the share it covers."""
    want = {stem(w) for w in content_words(statement)}
    best, best_share = "", 0.0
    for s in sentences(evidence):
        have = {stem(w) for w in content_words(s)}
        share = len(want & have) / len(want) if want else 0.0
        if share > best_share:
            best, best_share = s, share
    return best, best_share


def polarity_mismatch(statement: str, evidence: str) -> bool:
    """The statement says 'not' where its evidence says it did, or the other way round."""
    best, share = _best_sentence(statement, evidence)
    if share < 0.5:
        return _negative(statement) and not _negative(evidence)
    if _negative(statement) == _negative(best):
        return False
    # A yes/no answer carries the polarity of the question it answers ('Any pain? No.').
    return not (_negative(statement) and _negative(evidence))


def critical_missing(statement: str, evidence: str, ignore: frozenset[str]) -> list[str]:
    """Facts in the statement (numbers, doses, dates, names, medicines, polarity) the evidence lacks."""
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
        if (
            low not in ev_tokens
            and low not in ignore
            and low not in STOPWORDS | NEGATIONS | _NOT_NAMES
            and not is_medication(low)
            and stem(low) not in ev_stems
        ):
            missing.append(f"name '{name}'")
    ev_low = evidence.lower()
    for d in find_dates(statement):
        if date_core(d) not in ev_low:
            missing.append(f"date '{d}'")
    if polarity_mismatch(statement, evidence):
        missing.append("negation" if _negative(statement) else "the evidence says the opposite (negation)")
    return list(dict.fromkeys(missing))


def coverage_of(statement: str, evidence: str, ignore: frozenset[str]) -> tuple[float, list[str]]:
    """Share of the statement's content words found in the evidence (stemmed), and the absent ones."""
    ev_stems = {stem(w) for w in words(evidence)}
    content = content_words(statement, ignore)
    if not content:
        return 1.0, []
    absent = [w for w in content if stem(w) not in ev_stems and w not in ev_stems]
    return 1 - len(absent) / len(content), absent


def check(statement: str, evidence: list[str], ignore: frozenset[str] = frozenset()) -> Verdict:
    """Verdict for one statement against the evidence quotes it should rest on."""
    if not evidence:
        return Verdict("unsupported", "no transcript evidence for this statement", 0.0)
    joined = " ".join(evidence)
    coverage, absent = coverage_of(statement, joined, ignore)
    missing = critical_missing(statement, joined, ignore)
    if missing:
        return Verdict("unsupported", f"{', '.join(missing)} absent from the evidence", coverage)
    if coverage >= SUPPORTED_COVERAGE:
        return Verdict("supported", "", coverage)
    if coverage >= PARTLY_COVERAGE:
        return Verdict("partly_supported", f"words not in the evidence: {', '.join(absent[:5])}", coverage)
    return Verdict("unsupported", f"most of it is not in the evidence (missing: {', '.join(absent[:5])})", coverage)


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

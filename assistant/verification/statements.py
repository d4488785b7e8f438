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


_CLAUSE = re.compile(r"[,;:]\s*|\s+(?:and|but|because|so|although|though|while)\s+|(?<=[.!?])\s+", re.I)
_MORE_NEGATIONS = frozenset({"unable", "nor", "neither", "nowhere", "hardly"})


def _negations(text: str) -> int:
    return sum(t in NEGATIONS or t in _MORE_NEGATIONS or t.endswith("n't") for t in words(text))


def _negative(text: str) -> bool:
    return _negations(text) % 2 == 1


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.split(text) if c and c.strip()]


def polarity_mismatch(statement: str, evidence: str) -> bool:
    """A clause of the statement says 'not' where the evidence clause it rests on does not, or the reverse.

    Clauses are compared with the evidence clause sharing most of their content words. An answer
    carries the polarity of its question ('Any chest pain? No.'), so a question is read with its reply.
    """
    ev_sentences = sentences(evidence)
    ev_clauses = [(c, _negative(c)) for s in ev_sentences for c in _clauses(s)]
    for clause in _clauses(statement):
        want = {stem(w) for w in content_words(clause)}
        if not want:
            continue
        shares = [(len(want & {stem(w) for w in content_words(ev)}) / len(want), ev, neg) for ev, neg in ev_clauses]
        best_share = max((sh for sh, _, _ in shares), default=0.0)
        if best_share < 0.6:
            continue
        # Every clause that fits it best must disagree: 'I understand bills' answers 'He doesn't understand
        # bills', and 'I wasn't missing' the question 'can we talk about the night you went missing?'.
        best = [(ev, neg) for sh, ev, neg in shares if sh == best_share]
        negative = _negative(clause)
        if any(neg == negative or _answered(ev, ev_sentences, negative) for ev, neg in best):
            continue
        return True
    return False


def _answered(clause: str, ev_sentences: list[str], negative: bool) -> bool:
    """The evidence clause is a question whose reply has the statement's polarity ('Any fever? No.')."""
    for i, s in enumerate(ev_sentences):
        if clause.strip() in s and s.rstrip().endswith("?") and i + 1 < len(ev_sentences):
            reply = ev_sentences[i + 1]
            said_no = re.match(r"^\s*(?:no|nope|none|never|not)\b", reply, re.I) is not None or _negative(
                _clauses(reply)[0] if _clauses(reply) else reply
            )
            return said_no == negative
    return False


_DATE_GLUE = frozenset({"of", "the", "in", "a", "an", "on", "by", "within", "time"})
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_NOT_A_NUMBER = re.compile(r"\b(?:no|any|every|each|some|the|this|that|which|little|other) one\b", re.I)


def _tokens(text: str) -> set[str]:
    toks = set(words(text))
    return toks | {t[:-2] for t in toks if t.endswith("'s")}


def critical_missing(statement: str, evidence: str, ignore: frozenset[str], transcript: str = "") -> list[str]:
    """Facts in the statement (numbers, doses, dates, names, medicines, polarity) the evidence lacks.

    A name only has to be said somewhere in the visit (`transcript`): who said what is checked apart.
    """
    ev_tokens = _tokens(evidence)
    ev_stems = {stem(t) for t in ev_tokens}
    names_seen = _tokens(transcript) | ev_tokens if transcript else ev_tokens
    missing: list[str] = []
    st_tokens = words(_NOT_A_NUMBER.sub(" ", statement))
    ev_numbers = numbers_in(words(_NOT_A_NUMBER.sub(" ", evidence)))
    for number in sorted(numbers_in(st_tokens, parts=False) - ev_numbers):
        missing.append(f"number '{number}'")
    for t in st_tokens:
        if is_medication(t) and stem(t) not in ev_stems:
            missing.append(f"medication '{t}'")
    for ph in _PLACEHOLDER.findall(statement):
        if ph.lower() not in names_seen:
            missing.append(f"name '{ph}'")
    for name in _CAPITALISED.findall(statement):
        low = name.lower()
        if (
            low not in names_seen
            and low not in ignore
            and low not in STOPWORDS | NEGATIONS | _NOT_NAMES
            and not is_medication(low)
            and stem(low) not in ev_stems
        ):
            missing.append(f"name '{name}'")
    for d in find_dates(statement):
        # The date's words must be in the evidence ('Friday', 'November'); its numbers were checked above.
        said = [w for w in words(date_core(d)) if not w.isdigit() and w not in _DATE_GLUE and not _ORDINAL.match(w)]
        if any(w not in ev_tokens for w in said):
            missing.append(f"date '{d}'")
    if polarity_mismatch(statement, evidence):
        missing.append(
            "a negation ('not') that the evidence does not have"
            if _negative(statement)
            else "the 'not' the evidence has"
        )
    return list(dict.fromkeys(missing))


def coverage_of(statement: str, evidence: str, ignore: frozenset[str]) -> tuple[float, list[str]]:
    """Share of the statement's content words found in the evidence (stemmed), and the absent ones."""
    ev_stems = {stem(w) for w in words(evidence)}
    # Negation words are judged by polarity_mismatch; 'cannot' for "can't" is not a missing word.
    content = [w for w in content_words(statement, ignore) if w not in NEGATIONS and not w.endswith("n't")]
    if not content:
        return 1.0, []
    absent = [w for w in content if stem(w) not in ev_stems and w not in ev_stems]
    return 1 - len(absent) / len(content), absent


def check(statement: str, evidence: list[str], ignore: frozenset[str] = frozenset(), transcript: str = "") -> Verdict:
    """Verdict for one statement against the evidence quotes it should rest on (names: the whole visit)."""
    if not evidence:
        return Verdict("unsupported", "no transcript evidence for this statement", 0.0)
    joined = " ".join(evidence)
    coverage, absent = coverage_of(statement, joined, ignore)
    missing = critical_missing(statement, joined, ignore, transcript)
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

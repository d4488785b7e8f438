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
from functools import lru_cache

from assistant.verification.polarity import contradiction, evidence_polarity, evidence_units, polarity_of
from assistant.verification.quantities import missing_numbers, said_alongside
from assistant.verification.synonyms import term
from core.lexicon import NEGATIONS, STOPWORDS, is_medication, stem
from core.text import content_words, date_core, find_dates, sentences, statements, words

SUPPORTED_COVERAGE = 0.6
LONG_STATEMENT = 12  # content words: more than three segments of evidence may hold
PARTLY_COVERAGE = 0.3

_PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")
# A capitalised word that does not start a sentence, a list line or a 'HEADER: value' is a name.
_CAPITALISED = re.compile(r"(?<![.!?:;]\s)(?<!^)(?<![:\-(])\b([A-Z][a-z]{2,})\b")
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december mr mrs ms miss dr nhs gp english asked agreed mum dad nan
    she he they her his their the practitioner person""".split()  # noqa: SIM905
) | frozenset(
    # Capitalised in notes but no one's name: places in a hospital, units, headings, ethnicity.
    """emergency department room center centre care unit hospital clinic ward office fahrenheit celsius
    caucasian african american hispanic asian white black latino treatment reasoning examination exam plan
    assessment history impression diagnosis recommendations medical physical review systems""".split()  # noqa: SIM905
)

split_statements = statements  # the one statement splitter, under the name the verifier has used

__all__ = [
    "Retriever",
    "Verdict",
    "check",
    "content_words",
    "critical_missing",
    "polarity_mismatch",
    "polarity_problem",
    "split_statements",
]


@dataclass
class Verdict:
    support: str
    reason: str
    coverage: float


def polarity_mismatch(statement: str, evidence: str) -> bool:
    """A statement says 'not' about words the evidence says plainly, or the reverse (`polarity.py`).

    An answer carries the polarity of its question ('Any chest pain? No.'), so a question is read with its reply.
    """
    return bool(contradiction(statement, evidence_polarity([(evidence, None)])))


# 'presents today', 'seen in clinic today', 'here today for': the visit itself, not a date someone said.
_VISIT_TODAY = re.compile(
    r"\b(?:presents?|presenting|presented|comes?|came|coming|seen|here|visit|clinic|appointment|evaluation|office"
    r"|reviewed|obtained|performed|examined|examination|exam|discussed|done|earlier)"
    r"\b(?:\s+\w+){0,4}?\s+today\b|\btoday'?s? (?:visit|appointment|evaluation|exam)\b",
    re.I,
)
# '3 to 3 times', '8-8 hours': a range whose ends are one number was never said as a range.
_EQUAL_RANGE = re.compile(
    r"\b(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty)"
    r"(?:\s*(?:-|\u2013)\s*|\s+(?:to|or)\s+)\1\b(?![./:]\d)",
    re.I,
)
_DATE_GLUE = frozenset({"of", "the", "in", "a", "an", "on", "by", "within", "time"})
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")


# Who someone is to the person ('his daughter', 'the patient's wife'): the same relation in other words.
_KIN = {
    "mother": "mother", "mum": "mother", "mom": "mother", "mam": "mother", "mommy": "mother", "mummy": "mother",
    "father": "father", "dad": "father", "daddy": "father", "son": "son", "sons": "son", "daughter": "daughter",
    "daughters": "daughter", "wife": "wife", "husband": "husband", "brother": "brother", "brothers": "brother",
    "sister": "sister", "sisters": "sister", "nephew": "nephew", "niece": "niece", "neighbour": "neighbour",
    "neighbor": "neighbour", "grandson": "grandson", "granddaughter": "granddaughter", "aunt": "aunt",
    "auntie": "aunt", "uncle": "uncle", "grandmother": "grandmother", "grandma": "grandmother", "nan": "grandmother",
    "nana": "grandmother", "grandfather": "grandfather", "grandad": "grandfather", "granddad": "grandfather",
    "grandpa": "grandfather",
}  # fmt: skip


def _relations(tokens: list[str]) -> set[str]:
    return {_KIN[t] for t in tokens if t in _KIN}


def relation_of(word: str) -> str | None:
    """The relation a word names ('mum' -> 'mother'), None when it names none."""
    return _KIN.get(word.lower())


def relations_in(text: str) -> set[str]:
    """The relations a text names ('my mum and her brother' -> mother, brother)."""
    return _relations([t[:-2] if t.endswith("'s") else t for t in words(text)])


def _tokens(text: str) -> set[str]:
    toks = set(words(text))
    return toks | {t[:-2] for t in toks if t.endswith("'s")}


@lru_cache(maxsize=64)
def _visit_tokens(transcript: str) -> frozenset[str]:
    """The whole visit's tokens (the same transcript is read for every statement of a draft)."""
    return frozenset(_tokens(transcript))


@lru_cache(maxsize=64)
def _visit_stems(transcript: str) -> frozenset[str]:
    return frozenset(stem(t) for t in _visit_tokens(transcript))


def critical_missing(
    statement: str, evidence: str, ignore: frozenset[str], transcript: str = "", near: str | None = None
) -> list[str]:
    """Facts in the statement (numbers, doses, dates, names, medicines, relations) the evidence lacks.

    A name only has to be said somewhere in the visit (`transcript`): who said what is checked apart.
    A date's words must be in the evidence the rest of the statement rests on (`near`), not just in
    any segment cited with it ('last week' is not supported by 'last month' beside 'a week ago').
    """
    ev_tokens = _tokens(evidence)
    near_tokens = _tokens(near) if near is not None else ev_tokens
    ev_stems = {stem(t) for t in ev_tokens}
    names_seen = _visit_tokens(transcript) | ev_tokens if transcript else ev_tokens
    missing: list[str] = []
    st_tokens = words(statement)
    med_seen = _visit_stems(transcript) if transcript else frozenset()
    for number in missing_numbers(statement, evidence, counted=len(content_words(statement)) <= LONG_STATEMENT):
        if transcript and said_alongside(statement, number, transcript):
            continue  # said elsewhere in the visit, of the same thing ('lisinopril twenty milligrams')
        missing.append(f"number '{number}'")
    for t in st_tokens:
        if is_medication(t) and stem(t) not in ev_stems and stem(t) not in med_seen:
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
    # A relation, like a name, has to be said in the visit; the evidence of a long statement may not hold it.
    rel_seen = list(names_seen) if len(content_words(statement)) > LONG_STATEMENT else list(ev_tokens)
    for rel in _relations(st_tokens) - _relations(rel_seen):
        missing.append(f"relation '{rel}'")
    for m in _EQUAL_RANGE.finditer(statement):
        missing.append(f"a range with both ends {m.group(1)} ('{m.group(0)}')")
    for d in find_dates(statement):
        if d.lower() == "today" and _VISIT_TODAY.search(statement):
            continue  # 'presents to clinic today': the day of the visit, which the note is written for
        # The date's words must be in the evidence ('Friday', 'November'); its numbers were checked above.
        said = [w for w in words(date_core(d)) if not w.isdigit() and w not in _DATE_GLUE and not _ORDINAL.match(w)]
        if any(w not in near_tokens for w in said):
            missing.append(f"date '{d}'")
    return list(dict.fromkeys(missing))


def polarity_problem(statement: str, turns: list[tuple[str, str | None]], ignore: frozenset[str] = frozenset()) -> str:
    """Why the statement's polarity contradicts the evidence turns ('' when it does not)."""
    answered: dict[str, set[bool]] = {}
    texts: list[str] = []
    units = evidence_units(turns, ignore, answered, texts)
    found = contradiction(statement, polarity_of(units), ignore, units, answered, texts)
    if found == "negated":
        return "it says 'not' where the evidence does not"
    if found == "plain":
        return "it leaves out a 'not' the evidence has"
    return ""


def nearest_text(statement: str, evidence: list[str]) -> str:
    """The evidence quotes the statement's dated clauses rest on: sharing most of their other words."""
    # Read sentence by sentence: 'He rings on a Sunday. ... She comes Saturday afternoons.' is one turn,
    # and 'rings' rests on the first sentence only (a question stays with the sentence that answers it).
    evidence = [x for e in evidence for x in _answered_sentences(e)]
    dated = {w for d in find_dates(statement) for w in words(d)}
    clauses = [c for c in re.split(r"[,;:]|\band\b", statement) if dated & set(words(c))] or [statement]
    want = {stem(w) for c in clauses for w in content_words(c) if w not in dated}
    overlap = [len(want & {stem(w) for w in content_words(e)}) for e in evidence]
    top = max(overlap, default=0)
    # 'that was sunday.', 'it was yesterday.': a reply that says only when is about the clause it is cited for.
    when = [_says_only_when(re.split(r"(?<=[.!?])\s", e.strip())[0]) for e in evidence]
    return " ".join(e for e, n, w in zip(evidence, overlap, when, strict=True) if top == 0 or n * 2 >= top or w)


def _answered_sentences(text: str) -> list[str]:
    """The text's sentences, each question joined to the one after it ('On the 28th?' 'That's right.')."""
    out: list[str] = []
    for sent in sentences(text) or [text]:
        if out and out[-1].rstrip().endswith("?"):
            out[-1] = f"{out[-1]} {sent}"
        else:
            out.append(sent)
    return out


def _says_only_when(text: str) -> bool:
    """A short sentence that says when and nothing else ('that was sunday.')."""
    return len(text.split()) <= 6 and bool(find_dates(text)) and all(find_dates(w) for w in content_words(text))


def coverage_of(statement: str, evidence: str, ignore: frozenset[str]) -> tuple[float, list[str]]:
    """Share of the statement's content words found in the evidence (stemmed), and the absent ones."""
    ev_stems = {term(w) for w in words(evidence)}
    # Negation words are judged by polarity_mismatch; 'cannot' for "can't" is not a missing word.
    content = [w for w in content_words(statement, ignore) if w not in NEGATIONS and not w.endswith("n't")]
    if not content:
        return 1.0, []
    absent = [w for w in content if term(w) not in ev_stems and w not in ev_stems]
    return 1 - len(absent) / len(content), absent


def check(
    statement: str,
    evidence: list[str],
    ignore: frozenset[str] = frozenset(),
    transcript: str = "",
    turns: list[tuple[str, str | None]] | None = None,
    polar: str | None = None,
) -> Verdict:
    """Verdict for one statement against the evidence quotes it should rest on (names: the whole visit).

    `turns` are the evidence with each question's reply after it (for polarity; the quotes when not
    given); `polar` is the statement as its polarity reads ('Asked about pain, she said no': 'no pain').
    """
    if not evidence:
        return Verdict("unsupported", "no transcript evidence for this statement", 0.0)
    # A long statement gathers several facts, each from its own segment: its dates are read in them all.
    turns = turns if turns is not None else [(e, None) for e in evidence]
    # 'do you ever drink alcohol?' 'only once or twice a year': a question's facts are in its reply.
    replies = [r for t, r in turns if r and t.rstrip().endswith("?") and r not in evidence]
    joined = " ".join([*evidence, *replies])
    coverage, absent = coverage_of(statement, joined, ignore)
    # A question and its reply are one unit: 'does your wife help?' 'yes, on a Tuesday'.
    units = [f"{t} {r}" if r and (t.rstrip().endswith("?") or len(r.split()) <= 12) else t for t, r in turns]
    near = nearest_text(statement, units) if len(content_words(statement)) <= LONG_STATEMENT else None
    missing = critical_missing(statement, joined, ignore, transcript, near)
    polarity = polarity_problem(polar or statement, turns, ignore)
    if missing or polarity:
        # A practitioner reads this reason: the words the evidence lacks, then a negation it contradicts.
        parts = [f"{', '.join(missing)} absent from the evidence"] if missing else []
        return Verdict("unsupported", "; ".join([*parts, *([polarity] if polarity else [])]), coverage)
    if coverage >= SUPPORTED_COVERAGE:
        return Verdict("supported", "", coverage)
    if coverage >= PARTLY_COVERAGE:
        return Verdict("partly_supported", f"words not in the evidence: {', '.join(absent[:5])}", coverage)
    return Verdict("unsupported", f"most of it is not in the evidence (missing: {', '.join(absent[:5])})", coverage)


class Retriever:
    """Finds the transcript segments a statement most likely rests on (IDF-weighted word overlap)."""

    def __init__(self, segments: list[tuple[str, str]]) -> None:
        self.segments = segments
        self.stems = [{term(w) for w in content_words(text)} for _, text in segments]
        df = Counter(s for stems in self.stems for s in stems)
        n = max(len(segments), 1)
        self.idf = {s: math.log(1 + n / c) for s, c in df.items()}

    def ranked(self, statement: str, k: int = 3) -> list[int]:
        """Indices of the k best-matching segments, best first (only those sharing at least one word)."""
        q = {term(w) for w in content_words(statement)}
        scored = [(sum(self.idf.get(s, 0.0) for s in q & st), -i) for i, st in enumerate(self.stems)]
        scored = [x for x in scored if x[0] > 0]
        scored.sort(reverse=True)
        return [-i for _, i in scored[:k]]

    def top(self, statement: str, k: int = 3) -> list[int]:
        """Indices of the k best-matching segments, in transcript order."""
        return sorted(self.ranked(statement, k))

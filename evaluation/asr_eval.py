"""Word error rate, overall and on the words that matter most (identifiers and key terms).

Text normalisation, applied identically to reference and hypothesis, one whitespace token at a
time (so every normalised word can be traced back to a character span of the reference):

1. Unicode NFKC, lower case; curly quotes made straight.
2. Hyphens, slashes and dashes become spaces; other punctuation is removed, apostrophes too
   ("I'm" -> "im", "Smith's" -> "smiths").
3. Hesitations are dropped: um, uh, er, erm, ah, hmm, mm, mhm. Scripts contain them for realism;
   Whisper mostly leaves them out, and a case note never needs them.
4. Number words zero to twenty and the tens become digits, and every run of digits is split into
   single digits, so "07700 900123", "0770 0900 123" and "zero seven seven..." all compare equal.
5. British spellings become one form (organise/organize, behaviour/behavior...), from a short list,
   and spoken titles one form ("Mr" and "mister" -> "mister", "Dr" -> "doctor").

WER is jiwer's (substitutions + deletions + insertions over reference words). Span error rates
count reference words inside a labelled span that were not recognised exactly (substituted or
deleted); insertions are not attributed to spans.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import jiwer

FILLERS = frozenset({"um", "umm", "uh", "uhm", "er", "erm", "ah", "hmm", "mm", "mhm", "mmm"})
_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
NUMBER_WORDS = {w: str(i) for i, w in enumerate(_UNITS)}
NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70"})
NUMBER_WORDS.update({"eighty": "80", "ninety": "90"})
SPELLINGS = {
    "organisation": "organization", "organisations": "organizations", "organise": "organize",
    "organised": "organized", "recognise": "recognize", "recognised": "recognized", "realise": "realize",
    "realised": "realized", "apologise": "apologize", "behaviour": "behavior", "behaviours": "behaviors",
    "centre": "center", "centres": "centers", "colour": "color", "favour": "favor", "neighbour": "neighbor",
    "neighbours": "neighbors", "programme": "program", "programmes": "programs", "prioritise": "prioritize",
    "specialised": "specialized", "mum": "mom", "travelling": "traveling", "cancelled": "canceled",
    "okay": "ok", "judgement": "judgment", "paediatric": "pediatric", "anaemia": "anemia",
    "emphasise": "emphasize", "minimise": "minimize", "summarise": "summarize", "practise": "practice",
    "licence": "license", "grey": "gray", "mould": "mold", "storey": "story", "tyre": "tire",
}  # fmt: skip
SPELLINGS.update({"mr": "mister", "mrs": "missus", "ms": "miz", "dr": "doctor"})
_SPLIT = re.compile(r"[-\u2010-\u2015/\\]+")
_STRIP = re.compile(r"[^\w\s]")


def normalise_token(token: str) -> list[str]:
    """Normalise one whitespace-separated token into zero or more comparison words."""
    token = unicodedata.normalize("NFKC", token).lower().replace("\u2019", "'")
    out: list[str] = []
    for part in _SPLIT.sub(" ", token).split():
        word = _STRIP.sub("", part).replace("_", "")
        if not word or word in FILLERS:
            continue
        word = SPELLINGS.get(word, NUMBER_WORDS.get(word, word))
        # Split digit runs into single digits, keeping letters together: "m4" -> "m 4".
        out.extend(re.findall(r"\d|[^\d]+", word))
    return out


def normalise(text: str) -> str:
    """The normalised text as one string (what WER is computed on)."""
    return " ".join(w for token in text.split() for w in normalise_token(token))


@dataclass(frozen=True)
class Span:
    """A labelled stretch of the reference text (character offsets, end exclusive)."""

    start: int
    end: int
    label: str


@dataclass
class SpanScores:
    words: int = 0
    errors: int = 0
    spans: int = 0
    spans_exact: int = 0

    @property
    def error_rate(self) -> float | None:
        return None if self.words == 0 else self.errors / self.words

    @property
    def exact_rate(self) -> float | None:
        return None if self.spans == 0 else self.spans_exact / self.spans

    def add(self, other: SpanScores) -> None:
        self.words += other.words
        self.errors += other.errors
        self.spans += other.spans
        self.spans_exact += other.spans_exact

    def as_dict(self) -> dict:
        return {
            "words": self.words,
            "errors": self.errors,
            "error_rate": None if self.error_rate is None else round(self.error_rate, 4),
            "spans": self.spans,
            "spans_exact": self.spans_exact,
            "exact_rate": None if self.exact_rate is None else round(self.exact_rate, 4),
        }


@dataclass
class AsrScores:
    """Counts for one or more utterances; rates are computed from the summed counts."""

    reference_words: int = 0
    substitutions: int = 0
    deletions: int = 0
    insertions: int = 0
    by_label: dict[str, SpanScores] = field(default_factory=lambda: defaultdict(SpanScores))

    @property
    def wer(self) -> float:
        errors = self.substitutions + self.deletions + self.insertions
        return errors / self.reference_words if self.reference_words else 0.0

    def add(self, other: AsrScores) -> None:
        self.reference_words += other.reference_words
        self.substitutions += other.substitutions
        self.deletions += other.deletions
        self.insertions += other.insertions
        for label, scores in other.by_label.items():
            self.by_label[label].add(scores)

    def as_dict(self) -> dict:
        return {
            "wer": round(self.wer, 4),
            "reference_words": self.reference_words,
            "substitutions": self.substitutions,
            "deletions": self.deletions,
            "insertions": self.insertions,
            "by_label": {k: v.as_dict() for k, v in sorted(self.by_label.items())},
        }


def _reference_words(text: str) -> list[tuple[str, int, int]]:
    """Normalised reference words with the character span of the token each came from."""
    words = []
    for m in re.finditer(r"\S+", text):
        for w in normalise_token(m.group()):
            words.append((w, m.start(), m.end()))
    return words


def score_asr(reference: str, hypothesis: str, spans: list[Span] | None = None) -> AsrScores:
    """WER of `hypothesis` against `reference`, and error rates inside each labelled span."""
    ref_words = _reference_words(reference)
    hyp = normalise(hypothesis)
    scores = AsrScores(reference_words=len(ref_words))
    if not ref_words:
        scores.insertions = len(hyp.split())
        return scores
    correct = [False] * len(ref_words)
    if hyp:
        out = jiwer.process_words(" ".join(w for w, _, _ in ref_words), hyp)
        scores.substitutions, scores.deletions, scores.insertions = (
            out.substitutions,
            out.deletions,
            out.insertions,
        )
        for chunk in out.alignments[0]:
            if chunk.type == "equal":
                for i in range(chunk.ref_start_idx, chunk.ref_end_idx):
                    correct[i] = True
    else:
        scores.deletions = len(ref_words)
    for span in spans or []:
        inside = [i for i, (_, s, e) in enumerate(ref_words) if s < span.end and e > span.start]
        if not inside:
            continue
        errors = sum(not correct[i] for i in inside)
        scores.by_label[span.label].add(SpanScores(len(inside), errors, 1, int(errors == 0)))
    return scores


def key_term_spans(text: str, terms: list[str], label: str = "KEY_TERM") -> list[Span]:
    """Every case-insensitive whole-word occurrence of each term in `text`."""
    spans = []
    for term in terms:
        for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags=re.IGNORECASE):
            spans.append(Span(m.start(), m.end(), label))
    return spans

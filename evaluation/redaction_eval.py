"""Score redaction on labelled text: recall, precision, F2 and leak rate per entity type.

Leak rate is the headline: the share of labelled identifiers left fully or partly visible
(any letter or digit of the identifier not covered by a redacted span). Recall counts an
identifier as found when any redacted span overlaps it; precision counts a redacted span as
right when it overlaps any labelled identifier. Over-redaction counts words: the share of words
outside every labelled identifier that a redaction replaced anyway ("Call" in "... 59 A. Call me"
swallowed by a placeholder), since a span can overlap an identifier and still eat the words beside it.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from assistant.errors import InvalidDocumentError

UK_SET_DIR = Path(__file__).parent / "uk_redaction"
STRUCTURED = ("UK_NHS", "UK_NINO", "PHONE_NUMBER", "UK_POSTCODE", "EMAIL_ADDRESS", "UK_SORT_CODE",
              "UK_BANK_ACCOUNT", "DATE_OF_BIRTH")  # fmt: skip
# presidio-research synthetic set -> Offset types; None = not an identifier (not scored).
PRESIDIO_SYNTH_TYPES: dict[str, str | None] = {
    "PERSON": "PERSON", "STREET_ADDRESS": "STREET_ADDRESS", "GPE": "LOCATION", "ORGANIZATION": "ORGANIZATION",
    "CREDIT_CARD": "CREDIT_CARD", "PHONE_NUMBER": "PHONE_NUMBER", "AGE": "AGE", "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "ZIP_CODE": "ZIP_CODE", "DOMAIN_NAME": "DOMAIN_NAME", "IBAN_CODE": "IBAN_CODE", "US_SSN": "US_SSN",
    "IP_ADDRESS": "IP_ADDRESS", "US_DRIVER_LICENSE": "US_DRIVER_LICENSE",
    "DATE_TIME": None, "TITLE": None, "NRP": None,
}  # fmt: skip


@dataclass
class LabelledSpan:
    start: int
    end: int
    entity_type: str


@dataclass
class LabelledExample:
    text: str
    spans: list[LabelledSpan]
    style: str = "typed"
    ignored: list[LabelledSpan] = field(default_factory=list)
    known: object | None = None  # KnownIdentifiers supplied at upload (e.g. the practitioner's name)


class TypeScore(BaseModel):
    """Counts and rates for one entity type (or overall)."""

    gold: int = 0
    found: int = 0
    leaked: int = 0
    predicted: int = 0
    correct_predictions: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def leak_rate(self) -> float | None:
        return self.leaked / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.correct_predictions / self.predicted if self.predicted else None

    @property
    def f2(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 5 * p * r / (4 * p + r)

    def add(self, other: TypeScore) -> None:
        for name in TypeScore.model_fields:
            setattr(self, name, getattr(self, name) + getattr(other, name))


class OverRedaction(BaseModel):
    """Words that were not personal data but were replaced: the cost of redaction to the reader."""

    clean_words: int = 0
    over_redacted_words: int = 0

    @property
    def rate(self) -> float | None:
        return self.over_redacted_words / self.clean_words if self.clean_words else None


class RedactionScores(BaseModel):
    """Per-type scores, overall, per style (typed/spoken), over-redaction, and the speed of the run."""

    per_type: dict[str, TypeScore]
    overall: TypeScore
    structured: TypeScore
    by_style: dict[str, TypeScore]
    over_redaction: OverRedaction = OverRedaction()
    over_redaction_by_style: dict[str, OverRedaction] = {}
    over_redacted_by_type: dict[str, int] = {}
    over_redacted_top: list[tuple[str, int]] = []
    examples: int
    words: int
    seconds: float


def _coerce(example: LabelledExample | Mapping[str, object]) -> LabelledExample:
    if isinstance(example, LabelledExample):
        return example
    spans = [LabelledSpan(int(s["start"]), int(s["end"]), str(s["entity_type"])) for s in example["spans"]]  # type: ignore[attr-defined, index]
    return LabelledExample(str(example["text"]), spans, str(example.get("style", "typed")), known=example.get("known"))


_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


def _over_redacted(ex: LabelledExample, entities: list[Any], covered: bytearray) -> tuple[int, list[tuple[str, str]]]:
    """Clean words (outside every labelled span) and those a redaction replaced: (count, [(word, type)])."""
    labelled = bytearray(len(ex.text))
    for g in ex.spans + ex.ignored:
        labelled[g.start : g.end] = b"\x01" * (g.end - g.start)
    clean, hit = 0, []
    for m in _WORD.finditer(ex.text):
        if any(labelled[m.start() : m.end()]):
            continue
        clean += 1
        if any(covered[m.start() : m.end()]):
            by = next((e.entity_type for e in entities if e.start < m.end() and m.start() < e.end), "?")
            hit.append((m.group(), by))
    return clean, hit


def score_redaction(
    examples: Iterable[LabelledExample | Mapping[str, object]], redactor: object
) -> RedactionScores:
    """Redact every example with `redactor.redact_text` and score it against the labels."""
    per_type: dict[str, TypeScore] = {}
    by_style: dict[str, TypeScore] = {}
    over, over_by_style = OverRedaction(), dict[str, OverRedaction]()
    over_by_type: Counter[str] = Counter()
    over_words: Counter[str] = Counter()
    n, words, started = 0, 0, time.perf_counter()
    for raw in examples:
        ex = _coerce(raw)
        n += 1
        words += len(ex.text.split())
        entities = redactor.redact_text(ex.text, ex.known).entities  # type: ignore[attr-defined]
        covered = bytearray(len(ex.text))
        for e in entities:
            covered[e.start : e.end] = b"\x01" * (e.end - e.start)
        style = by_style.setdefault(ex.style, TypeScore())
        for g in ex.spans:
            row = per_type.setdefault(g.entity_type, TypeScore())
            chars = [i for i in range(g.start, g.end) if ex.text[i].isalnum()]
            hit = any(covered[g.start : g.end])
            leak = any(not covered[i] for i in chars)
            for target in (row, style):
                target.gold += 1
                target.found += hit
                target.leaked += leak
        clean, swallowed = _over_redacted(ex, entities, covered)
        style_over = over_by_style.setdefault(ex.style, OverRedaction())
        for target_over in (over, style_over):
            target_over.clean_words += clean
            target_over.over_redacted_words += len(swallowed)
        over_by_type.update(t for _, t in swallowed)
        over_words.update(w.lower() for w, _ in swallowed)
        labelled = ex.spans + ex.ignored
        for e in entities:
            row = per_type.setdefault(e.entity_type, TypeScore())
            ok = any(e.start < g.end and g.start < e.end for g in labelled)
            for target in (row, style):
                target.predicted += 1
                target.correct_predictions += ok
    overall, structured = TypeScore(), TypeScore()
    for name, row in per_type.items():
        overall.add(row)
        if name in STRUCTURED:
            structured.add(row)
    return RedactionScores(
        per_type=dict(sorted(per_type.items())), overall=overall, structured=structured, by_style=by_style,
        over_redaction=over, over_redaction_by_style=dict(sorted(over_by_style.items())),
        over_redacted_by_type=dict(over_by_type.most_common()), over_redacted_top=over_words.most_common(15),
        examples=n, words=words, seconds=time.perf_counter() - started,
    )  # fmt: skip


def load_uk_set(split: str = "dev") -> list[LabelledExample]:
    """The committed UK set: 'dev', 'heldout' or 'all'."""
    splits = ["dev", "heldout"] if split == "all" else [split]
    out = []
    for s in splits:
        path = UK_SET_DIR / f"{s}.jsonl"
        if not path.is_file():
            raise InvalidDocumentError(f"{path}: no such split. Use dev, heldout or all.")
        out += [_coerce(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return out


def load_presidio_synth(path: Path) -> list[LabelledExample]:
    """presidio-research's synthetic dataset (full_text + spans), types mapped to Offset's."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InvalidDocumentError(f"{path}: cannot read it as a presidio-research JSON dataset ({e}).") from e
    out = []
    for item in data:
        spans: list[LabelledSpan] = []
        ignored: list[LabelledSpan] = []
        for s in item["spans"]:
            mapped = PRESIDIO_SYNTH_TYPES.get(s["entity_type"], s["entity_type"])
            span = LabelledSpan(s["start_position"], s["end_position"], mapped or s["entity_type"])
            (spans if mapped else ignored).append(span)
        out.append(LabelledExample(item["full_text"], spans, "typed", ignored))
    return out


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def format_table(scores: RedactionScores, title: str = "") -> str:
    """A fixed-width table: one row per type, then structured, overall and per style."""
    head = f"{'entity type':<26}{'gold':>6}{'pred':>6}{'recall':>9}{'prec.':>9}{'F2':>9}{'leak':>9}"
    lines = [title, head, "-" * len(head)] if title else [head, "-" * len(head)]

    def row(name: str, s: TypeScore) -> str:
        return (f"{name:<26}{s.gold:>6}{s.predicted:>6}{_pct(s.recall):>9}{_pct(s.precision):>9}"
                f"{_pct(s.f2):>9}{_pct(s.leak_rate):>9}")  # fmt: skip

    lines += [row(name, s) for name, s in scores.per_type.items()]
    lines.append("-" * len(head))
    lines.append(row("structured identifiers", scores.structured))
    lines.append(row("overall", scores.overall))
    lines += [row(f"  style: {name}", s) for name, s in sorted(scores.by_style.items())]
    lines.append(_over_line("over-redaction", scores.over_redaction))
    lines += [_over_line(f"  style: {name}", o) for name, o in scores.over_redaction_by_style.items()]
    if scores.over_redacted_top:
        top = ", ".join(f"{w} ({c})" for w, c in scores.over_redacted_top[:10])
        lines.append(f"  most often over-redacted: {top}")
    wps = scores.words / scores.seconds if scores.seconds else 0.0
    lines.append(f"{scores.examples} texts, {scores.words} words in {scores.seconds:.1f} s ({wps:,.0f} words/s)")
    return "\n".join(lines)


def _over_line(name: str, o: OverRedaction) -> str:
    rate = _pct(o.rate).strip()
    return f"{name:<26}{o.over_redacted_words:>6} of {o.clean_words} non-identifying words replaced ({rate})"


def print_table(scores: RedactionScores, title: str = "") -> None:
    """Print `format_table` to standard output."""
    print(format_table(scores, title))

"""Detected spans in original-text offsets, and the rules that combine them."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from redaction.allowlist import NEVER_REDACT, NOT_NAME_TOKENS
from redaction.registry import TYPE_PRIORITY

_TITLE = regex.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Nurse|Sister|Father|Rev|Reverend|Prof)\.?\s+)+")
_RANK = {t: i for i, t in enumerate(TYPE_PRIORITY)}
_NER_RECOGNIZERS = {"SpacyRecognizer", "NameRecurrence"}


@dataclass
class Span:
    """One detection, in original-text offsets; `norm` is its text in the normalised copy."""

    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str
    norm: str = ""
    known_key: str | None = None
    parts: list[Span] = field(default_factory=list)

    def rank(self) -> tuple[bool, bool, int, float, int]:
        """The part that names a merged span: a known identifier, then a pattern over the statistical
        NER model, then the widest, the surest, the most specific."""
        return (
            self.known_key is not None or self.recognizer == "KnownIdentifierRecognizer",
            self.recognizer not in _NER_RECOGNIZERS,
            self.end - self.start,
            self.score,
            -_RANK.get(self.entity_type, len(_RANK)),
        )


def drop_allowed(spans: list[Span], text: str) -> list[Span]:
    """Remove model detections of words on the allowlist (known identifiers always stay)."""
    return [s for s in spans if s.known_key or text[s.start : s.end].strip().lower() not in NEVER_REDACT]


def strip_titles(spans: list[Span], text: str) -> list[Span]:
    """'Dr Patel' -> 'Patel', so the note keeps the role: 'Dr [PERSON_2]'."""
    out = []
    for s in spans:
        if s.entity_type == "PERSON":
            m = _TITLE.match(text[s.start : s.end])
            if m and m.end() < s.end - s.start:
                s.start += m.end()
            # "Margaret's" -> "Margaret": the possessive stays readable.
            if text[s.start : s.end].endswith(("'s", "’s")):
                s.end -= 2
        out.append(s)
    return out


def name_tokens(name: str) -> list[str]:
    """The parts of a name that identify on their own."""
    return [
        t
        for t in regex.findall(r"[A-Z][A-Za-z\-]+(?:'[A-Za-z]+)?", name)
        if len(t) >= 2 and t.lower() not in NOT_NAME_TOKENS and not t.isupper()
    ]


def recurring_names(spans: list[Span], text: str) -> list[Span]:
    """Every other place a detected name (or one of its parts) occurs, as PERSON spans."""
    names: set[str] = set()
    for s in spans:
        if s.entity_type == "PERSON":
            name = text[s.start : s.end]
            names.add(name)
            names.update(name_tokens(name))
    names = {n for n in names if n.lower() not in NOT_NAME_TOKENS and len(n) >= 2}
    if not names:
        return []
    alternation = "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = regex.compile(rf"(?<![A-Za-z])(?:{alternation})(?![A-Za-z])")
    return [Span(m.start(), m.end(), "PERSON", 0.8, "NameRecurrence") for m in pattern.finditer(text)]


def merge(spans: list[Span], text: str) -> list[Span]:
    """Union overlapping spans (and names separated only by spaces); the top-ranked type wins."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out:
            last = out[-1]
            adjacent_names = (
                last.entity_type == s.entity_type == "PERSON"
                and s.start >= last.end
                and not text[last.end : s.start].strip()
                and "\n" not in text[last.end : s.start]
            )
            if s.start < last.end or adjacent_names:
                merged = Span(
                    last.start, max(last.end, s.end), last.entity_type, last.score, last.recognizer,
                    parts=(last.parts or [last]) + [s],
                )  # fmt: skip
                best = max(merged.parts, key=Span.rank)
                merged.entity_type, merged.score, merged.recognizer = (
                    best.entity_type,
                    best.score,
                    best.recognizer,
                )
                merged.known_key = next((p.known_key for p in merged.parts if p.known_key), None)
                merged.norm = best.norm
                out[-1] = merged
                continue
        out.append(s)
    return out

"""Verify a draft: every statement of every field against the transcript, and every risk flagged.

Statements are first checked against the field's own evidence; when that fails, against the
transcript segments they most resemble (so a right fact with a wrong citation is not called
invented). Unsupported statements and all risk statements become flags for the reviewer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from assistant.drafting.models import NOT_DISCUSSED, Draft, DraftField, Flag, StatementCheck
from assistant.verification.risk import RISK_LABELS, risk_categories
from assistant.verification.statements import Retriever, check, split_statements

if TYPE_CHECKING:
    from prompts.schema import FormTemplate
    from redaction.models import RedactedTranscript

_RANK = {"supported": 2, "partly_supported": 1, "unsupported": 0}
# How a statement that is not fully supported is flagged for the reviewer.
_DOUBT: dict[str, tuple[Literal["unsupported", "low_confidence"], str]] = {
    "unsupported": ("unsupported", "Not supported by the transcript"),
    "partly_supported": ("low_confidence", "Only partly supported"),
}
# The drafters' own reporting frame ("Agreed: ...", "Asked ..., the reply was ...") is not a claim.
FRAMING_WORDS = frozenset({"agreed", "reported", "asked", "reply", "replied", "said", "says", "told"})


class Verifier:
    """Checks statements against one redacted transcript."""

    def __init__(self, redacted: RedactedTranscript) -> None:
        self.redacted = redacted
        self.segments = [s for s in redacted.segments if s.text.strip()]
        self.retriever = Retriever([(s.id, s.text) for s in self.segments])
        names = {n.lower() for label, n in redacted.speakers.items() for n in (label, n)}
        self.ignore = frozenset(w for n in names for w in n.split()) | FRAMING_WORDS

    def check_statement(self, statement: str, evidence_ids: list[str]) -> StatementCheck:
        """Supported / partly supported / unsupported, against the cited segments then the best matches."""
        by_id = {s.id: s for s in self.segments}
        cited = [by_id[i] for i in evidence_ids if i in by_id]
        verdict = check(statement, [s.text for s in cited], self.ignore)
        ids = [s.id for s in cited]
        if verdict.support != "supported":
            found = [self.segments[i] for i in self.retriever.top(statement)]
            alt = check(statement, [s.text for s in found], self.ignore)
            if _RANK[alt.support] > _RANK[verdict.support] or not cited:
                verdict, ids = alt, [s.id for s in found]
        return StatementCheck(
            statement=statement, support=verdict.support, reason=verdict.reason, evidence_segment_ids=ids
        )

    def check_text(self, text: str) -> list[StatementCheck]:
        """Check free text (e.g. a summary) statement by statement against the whole transcript."""
        return [self.check_statement(s, []) for s in split_statements(text)]

    def risk_flags(self, statement: str, evidence_ids: list[str]) -> list[Flag]:
        """One flag per risk category the statement mentions: with its quote, or a loud warning."""
        flags = []
        for cat in risk_categories(statement):
            label = RISK_LABELS[cat]
            # The quote is the segment this statement rests on: best word match first, cited before uncited.
            ranked = [self.segments[i] for i in self.retriever.ranked(statement, k=5)]
            cited = [s for s in ranked if s.id in evidence_ids]
            pool = cited + ranked + [s for s in self.segments if s.id in evidence_ids] + self.segments
            quote = next((s for s in pool if cat in risk_categories(s.text)), None)
            if quote is not None:
                flags.append(
                    Flag(
                        kind="risk",
                        message=f"Risk ({label}): confirm with the person and follow safeguarding procedure.",
                        statement=statement,
                        quote=quote.text.strip(),
                        segment_ids=[quote.id],
                    )
                )
            else:
                flags.append(
                    Flag(
                        kind="risk",
                        message=(
                            f"WARNING: this draft states a risk ({label}) that NOBODY SAID in the "
                            "transcript. Do not submit it unconfirmed: remove it, or confirm it with "
                            "the person and record how."
                        ),
                        statement=statement,
                    )
                )
        return flags

    def verify_field(self, field: DraftField) -> DraftField:
        """The field with `checks` filled and unsupported and risk statements flagged."""
        if field.status == "not_discussed" or field.value.strip() == NOT_DISCUSSED:
            return field
        evidence_ids = [e.segment_id for e in field.evidence]
        checks: list[StatementCheck] = []
        flags = [f for f in field.flags if f.kind in {"fallback", "risk", "unsupported"}]
        for statement in split_statements(field.value):
            c = self.check_statement(statement, evidence_ids)
            checks.append(c)
            if c.support in _DOUBT:
                kind, lead = _DOUBT[c.support]
                message = f"{lead}: {c.reason}."
                flags.append(Flag(kind=kind, message=message, statement=statement, segment_ids=c.evidence_segment_ids))
            flags.extend(self.risk_flags(statement, evidence_ids))
        return field.model_copy(update={"checks": checks, "flags": _dedupe(flags)})

    def uncovered_risks(self, draft: Draft) -> list[Flag]:
        """Risk cues said in the transcript that no field of the draft flags."""
        covered = {
            c
            for f in draft.fields
            for fl in f.flags
            if fl.kind == "risk"
            for c in risk_categories(f"{fl.statement or ''} {fl.quote or ''}")
        }
        flags = []
        for seg in self.segments:
            for cat in risk_categories(seg.text):
                if cat not in covered:
                    covered.add(cat)
                    flags.append(
                        Flag(
                            kind="risk",
                            message=f"Risk ({RISK_LABELS[cat]}) was said in the visit, not in the draft.",
                            quote=seg.text.strip(),
                            segment_ids=[seg.id],
                        )
                    )
        return flags


def _dedupe(flags: list[Flag]) -> list[Flag]:
    seen: set[str] = set()
    out = []
    for f in flags:
        key = f.model_dump_json()
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def verify_draft(draft: Draft, redacted: RedactedTranscript, template: FormTemplate | None = None) -> Draft:
    """Verify every field; risk cues the draft misses are flagged on the form's risk field."""
    verifier = Verifier(redacted)
    fields = [verifier.verify_field(f) for f in draft.fields]
    draft = draft.model_copy(update={"fields": fields})
    missed = verifier.uncovered_risks(draft)
    if missed and fields:
        risk_ids = {f.id for f in template.fields if f.risk} if template else set()
        target = next((i for i, f in enumerate(fields) if f.id in risk_ids), 0)
        fields[target] = fields[target].model_copy(update={"flags": fields[target].flags + missed})
    return draft


def unsupported_rate(draft: Draft) -> float:
    """Share of checked statements in the draft that are unsupported (0 when nothing was checked)."""
    checks = [c for f in draft.fields for c in f.checks]
    return sum(c.support == "unsupported" for c in checks) / len(checks) if checks else 0.0

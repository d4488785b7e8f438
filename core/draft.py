"""Typed, serialisable drafts: every field carries the transcript evidence it rests on.

A draft is a shared document: the pipeline writes it, the service stores it and the review API
reads its flags. Schema version 2 added participants and risk flags with category, status, quote
and segment id; version-1 drafts still load (the new fields have defaults).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from core import __version__
from core.outputs import atomic_write_text
from core.transcript import load_document, stable_id

NOT_DISCUSSED = "Not discussed"

FieldStatus = Literal["drafted", "not_discussed", "fallback"]
Support = Literal["supported", "partly_supported", "unsupported"]
FlagKind = Literal["unsupported", "risk", "fallback", "low_confidence"]
RiskStatus = Literal["disclosed", "denied", "concern"]
Role = Literal["practitioner", "person", "family", "carer", "interpreter", "other", "unknown"]


class Evidence(BaseModel):
    """A transcript segment a field rests on, quoted from the redacted transcript."""

    model_config = ConfigDict(extra="forbid")

    segment_id: str
    start: float
    end: float
    speaker: str | None = None
    quote: str
    score: float | None = Field(None, description="How strongly the drafter matched it to the field.")


class StatementCheck(BaseModel):
    """The verifier's verdict on one statement of a drafted field."""

    model_config = ConfigDict(extra="forbid")

    statement: str
    support: Support
    reason: str = ""
    evidence_segment_ids: list[str] = Field(default_factory=list)


class Quote(BaseModel):
    """One thing said that a flag rests on."""

    model_config = ConfigDict(extra="forbid")

    quote: str
    segment_id: str
    status: RiskStatus | None = None


class Flag(BaseModel):
    """Something the reviewer must look at before submitting.

    Risk flags carry `category` (e.g. 'falls'), `status` (disclosed: someone says it happened or is
    happening; denied: asked and denied; concern: someone fears it may happen), the first `quote`
    and its `segment_id`, and every quote merged into the flag in `quotes`.
    """

    model_config = ConfigDict(extra="forbid")

    id: str = ""
    kind: FlagKind
    message: str
    category: str | None = None
    status: RiskStatus | None = None
    statement: str | None = None
    quote: str | None = None
    segment_id: str | None = None
    quotes: list[Quote] = Field(default_factory=list)
    segment_ids: list[str] = Field(default_factory=list)

    def with_id(self, field_id: str) -> Flag:
        """The flag with a stable id: the same finding on the same field always gets the same id."""
        key = self.category if self.kind == "risk" and self.category else self.statement or self.message
        return self.model_copy(update={"id": stable_id("flag", field_id, self.kind, key)})


class ActionItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    what: str
    who: str | None = None
    by_when: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class DraftField(BaseModel):
    """One filled field of a form."""

    model_config = ConfigDict(extra="forbid")

    id: str
    label: str
    type: str = "text"
    value: str
    status: FieldStatus = "drafted"
    actions: list[ActionItem] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    checks: list[StatementCheck] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    drafter: str | None = Field(None, description="Which drafter wrote this field (differs on fall-back).")


class Participant(BaseModel):
    """Who a speaker label is in the visit, and how the note refers to them."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field(description="Speaker label in the transcript, e.g. 'SPEAKER_2'.")
    role: Role
    relation: str | None = Field(None, description="For family and carers: 'son', 'daughter', 'mum' ...")
    name: str = Field(description="How the note names them: 'She', 'Her son', 'The practitioner'.")
    pronoun: Literal["she", "he", "they"] = "they"
    reason: str = Field("", description="Why this role was assigned (profile, introduction, questions asked).")


class DraftProvenance(BaseModel):
    """What produced the draft, for the supervisor and the auditor."""

    model_config = ConfigDict(extra="forbid")

    template: str
    template_version: str
    prompt_hash: str
    drafter: str
    model: str | None = None
    code_version: str = __version__


class Draft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: int = 2
    id: str
    transcript_id: str
    redaction_id: str
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    title: str
    fields: list[DraftField]
    participants: list[Participant] = Field(default_factory=list)
    provenance: DraftProvenance

    def field(self, field_id: str) -> DraftField:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    @property
    def flags(self) -> list[Flag]:
        """Every flag of every field, in form order (what the review API lists)."""
        return [fl for f in self.fields for fl in f.flags]

    @classmethod
    def load(cls, path: Path) -> Draft:
        return load_document(cls, path, "a draft (draft.json from `offset draft --json`)")

    def save(self, path: Path) -> None:
        atomic_write_text(path, self.model_dump_json(indent=2))

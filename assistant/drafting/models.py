"""Typed, serialisable drafts: every field carries the transcript evidence it rests on."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant import __version__
from core.outputs import atomic_write_text
from core.transcript import load_document

NOT_DISCUSSED = "Not discussed"

FieldStatus = Literal["drafted", "not_discussed", "fallback"]
Support = Literal["supported", "partly_supported", "unsupported"]


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


class Flag(BaseModel):
    """Something the reviewer must look at before submitting."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["unsupported", "risk", "fallback", "low_confidence"]
    message: str
    statement: str | None = None
    quote: str | None = None
    segment_ids: list[str] = Field(default_factory=list)


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

    schema_version: int = 1
    id: str
    transcript_id: str
    redaction_id: str
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    title: str
    fields: list[DraftField]
    provenance: DraftProvenance

    def field(self, field_id: str) -> DraftField:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    @classmethod
    def load(cls, path: Path) -> Draft:
        return load_document(cls, path, "a draft (draft.json from `offset draft --json`)")

    def save(self, path: Path) -> None:
        atomic_write_text(path, self.model_dump_json(indent=2))

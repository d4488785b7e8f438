"""The review workflow as the API shows it: draft versions, flags, diffs, and the requests that change them."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from api.schemas.visits import PersonRef
from core.draft import DraftField, DraftProvenance, Participant

MAX_FIELD_CHARS = 20_000


def _typed_text(value: str) -> str:
    """What a person can type into a text box: line breaks and tabs, no other control characters."""
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in value):
        raise ValueError("must not contain control characters other than line breaks and tabs")
    return value.replace("\r\n", "\n")


FieldText = Annotated[str, StringConstraints(max_length=MAX_FIELD_CHARS), AfterValidator(_typed_text)]
Comments = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000), AfterValidator(_typed_text)
]


class FlagPublic(BaseModel):
    """A flag of the draft (risk, unsupported statement, fall-back) and whether it is dealt with."""

    id: str
    field_id: str
    field_label: str
    kind: str = Field(description="risk, unsupported, fallback or low_confidence.")
    category: str | None = Field(description="Risk category, e.g. 'falls' (risk flags).")
    status: str | None = Field(description="Risk status: disclosed, denied or concern (risk flags).")
    quote: str | None = Field(description="What was said that the flag rests on (redacted).")
    segment_id: str | None = Field(description="The transcript segment of the quote.")
    statement: str | None = Field(description="The draft's statement the flag is about (unsupported statements).")
    message: str
    acknowledged: bool
    acknowledged_by: PersonRef | None = None
    acknowledged_at: datetime | None = None
    edited_away: bool = Field(description="The flagged statement is no longer in the field's text.")
    open: bool = Field(description="Neither acknowledged nor edited away: submitting is refused while any is open.")


class DraftPublic(BaseModel):
    """The current version of a visit's draft, with every flag gathered from its fields."""

    version: int
    visit_id: str
    visit_status: str
    editable: bool = Field(description="The practitioner may save a new version now (drafted or returned).")
    updated_by: PersonRef | None = Field(description="Who saved this version (null: drafted by Offset).")
    updated_at: datetime
    edited_fields: list[str] = Field(description="Fields whose text differs from the drafted version 1.")
    flags: list[FlagPublic]
    open_flags: int
    schema_version: int
    id: str
    transcript_id: str
    redaction_id: str
    created_at: datetime
    title: str
    fields: list[DraftField]
    participants: list[Participant]
    provenance: DraftProvenance


class DraftEdit(BaseModel):
    """A new version: the version it was edited from and the new text of the fields that changed."""

    model_config = ConfigDict(extra="forbid")

    base_version: int = Field(ge=1, le=1_000_000, description="The version the edit starts from (GET .../draft).")
    fields: dict[Annotated[str, StringConstraints(max_length=100)], FieldText] = Field(
        min_length=1, max_length=200, description="Field id -> the field's whole new text."
    )


class DraftSaved(BaseModel):
    version: int
    saved: bool = Field(description="False when nothing changed (no new version).")
    changed_fields: list[str]


class VersionPublic(BaseModel):
    version: int
    author: PersonRef | None = Field(description="Who saved it; null for version 1, drafted by Offset.")
    created_at: datetime
    changed_fields: list[str]
    deleted_at: datetime | None = Field(
        default=None, description="When retention deleted this edited version's text (the row stays as history)."
    )


class ReviewStepPublic(BaseModel):
    action: str
    by: PersonRef
    at: datetime
    version: int
    comments: str | None = None


class VersionList(BaseModel):
    visit_id: str
    current: int
    versions: list[VersionPublic]
    steps: list[ReviewStepPublic] = Field(
        default_factory=list, description="Every submission, return (with its comments) and approval, oldest first."
    )


class DiffOp(BaseModel):
    op: Literal["equal", "insert", "delete", "replace"]
    old: str
    new: str


class FieldDiff(BaseModel):
    field_id: str
    label: str
    changed: bool
    old: str
    new: str
    ops: list[DiffOp] = Field(description="Word-level changes from old to new (empty when unchanged).")


class DraftDiff(BaseModel):
    visit_id: str
    from_version: int
    to_version: int
    changed_fields: list[str]
    fields: list[FieldDiff]


class ReturnRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comments: Comments = Field(description="What the practitioner should change, for them to read.")


class EditBurden(BaseModel):
    """How much the practitioner changed the generated draft (version 1) before submitting it."""

    draft_words: int = Field(description="Words in the generated draft.")
    draft_chars: int = Field(description="Characters in the generated draft.")
    edit_chars: int = Field(description="Character edit distance (Levenshtein), generated draft to submitted.")
    fields_total: int
    fields_changed: int


class ReviewState(BaseModel):
    """Where the visit is in the workflow after a step."""

    visit_id: str
    status: str
    version: int
    step: ReviewStepPublic
    edit_burden: EditBurden | None = Field(None, description="On submit: what the practitioner changed.")

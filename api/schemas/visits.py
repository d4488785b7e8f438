"""Visits as the API shows them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.db.models import Job, User, Visit, VisitStatus
from api.schemas.accounts import TeamPublic


class VisitCreated(BaseModel):
    id: str
    status: str = Field(description="'queued': the upload is stored and a job will process it.")


class VisitError(BaseModel):
    stage: str | None = Field(description="The stage that failed: transcribe, speakers, redact or draft.")
    reason: str = Field(description="What went wrong and what to do.")


class PersonRef(BaseModel):
    id: int
    email: str
    display_name: str

    @classmethod
    def of(cls, user: User) -> PersonRef:
        return cls(id=user.id, email=user.email, display_name=user.display_name)


class VisitPublic(BaseModel):
    id: str
    status: str = Field(
        description="queued, processing, drafted, failed; then the review states submitted, returned, approved."
    )
    stage: str | None = Field(description="The stage running now, or the last one reached.")
    progress: float = Field(ge=0, le=1)
    error: VisitError | None = None
    attempts: int = Field(0, description="Processing attempts so far.")
    template: str
    filename: str = Field(description="The uploaded file's name, for display only.")
    audio_format: str
    audio_bytes: int
    audio_seconds: float | None
    speakers: int | None
    owner: PersonRef
    team: TeamPublic
    created_at: datetime
    updated_at: datetime
    drafted_at: datetime | None
    draft_version: int | None = Field(None, description="The current draft version (1: as drafted).")
    submitted_at: datetime | None = None
    returned_at: datetime | None = None
    return_comments: str | None = Field(None, description="The supervisor's comments when it was last returned.")
    approved_by: PersonRef | None = None
    approved_at: datetime | None = None

    @classmethod
    def of(cls, visit: Visit, job: Job | None = None) -> VisitPublic:
        error = None
        if visit.status == VisitStatus.failed and visit.error_message:
            error = VisitError(stage=visit.error_stage, reason=visit.error_message)
        return cls(
            id=visit.id,
            status=visit.status,
            stage=visit.stage,
            progress=round(visit.progress, 4),
            error=error,
            attempts=job.attempts if job else 0,
            template=visit.template,
            filename=visit.filename,
            audio_format=visit.audio_format,
            audio_bytes=visit.audio_bytes,
            audio_seconds=visit.audio_seconds,
            speakers=visit.speakers,
            owner=PersonRef.of(visit.owner),
            team=TeamPublic.of(visit.team),
            created_at=visit.created_at,
            updated_at=visit.updated_at,
            drafted_at=visit.drafted_at,
            draft_version=visit.draft_version,
            submitted_at=visit.submitted_at,
            returned_at=visit.returned_at,
            return_comments=visit.return_comments,
            approved_by=PersonRef.of(visit.approved_by) if visit.approved_by else None,
            approved_at=visit.approved_at,
        )


class VisitPage(BaseModel):
    items: list[VisitPublic]
    total: int
    limit: int
    offset: int


class VisitDeleted(BaseModel):
    """What deleting a visit removed (the audit entry `audit_seq` records it)."""

    id: str
    deleted: bool = True
    status_before: str = Field(description="The visit's status when it was deleted.")
    objects: int = Field(description="Stored objects destroyed: the recording, transcripts, drafts, versions.")
    bytes: int
    audit_seq: int

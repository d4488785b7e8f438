"""What retention deletes, and when: per kind of stored object, days after approval (or after upload for
visits never approved). The approved record itself (the visit, its approved draft, the vault that lets
an allowed export restore names, and the audit log) is never deleted here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.db.models import Artefact, ArtefactKind, AuditEntry, Visit, VisitStatus
from api.settings import ServiceSettings

# Kinds of stored object by retention setting (the vault is kept with the record: exports restore names).
AUDIO = (ArtefactKind.audio.value,)
TRANSCRIPTS = (ArtefactKind.asr.value, ArtefactKind.transcript.value, ArtefactKind.known.value)
WORKING = (ArtefactKind.redacted.value, ArtefactKind.draft.value)
# A visit in one of these states was never approved and is not being worked on by a job or a supervisor.
UNAPPROVED_IDLE = {VisitStatus.failed.value, VisitStatus.drafted.value, "returned"}
# The review workflow's state, when the visits table has it; before that, the audit entry alone decides.
APPROVED_STATE: str | None = getattr(VisitStatus, "approved", None)


@dataclass(frozen=True)
class Due:
    """One stored object that retention deletes now, and why."""

    visit_id: str
    artefact_id: int
    kind: str
    storage_key: str
    size: int
    basis: str  # "approved" or "uploaded"
    since: datetime
    days: int

    @property
    def due_at(self) -> datetime:
        return self.since + timedelta(days=self.days)

    def reason(self) -> str:
        what = "after approval" if self.basis == "approved" else "after upload, never approved"
        return f"{self.kind} kept {self.days} days {what} (since {self.since.date().isoformat()})"


def approval_times(session: Session) -> dict[str, datetime]:
    """When each visit was approved: its latest `visit.approve` audit entry."""
    rows = session.execute(
        select(AuditEntry.visit_id, func.max(AuditEntry.at))
        .where(AuditEntry.action == "visit.approve", AuditEntry.visit_id.is_not(None))
        .group_by(AuditEntry.visit_id)
    )
    return {str(visit_id): at for visit_id, at in rows}


def days_for(kind: str, settings: ServiceSettings) -> int | None:
    if kind in AUDIO:
        return settings.retention_audio_days
    if kind in TRANSCRIPTS:
        return settings.retention_transcript_days
    if kind in WORKING:
        return settings.retention_working_days
    return None


def due_deletions(session: Session, settings: ServiceSettings, now: datetime) -> Iterator[Due]:
    """Every stored object whose time is up at `now`, oldest visit first."""
    approved = approval_times(session)
    kinds = [*AUDIO, *TRANSCRIPTS, *WORKING]
    query = (
        select(Artefact.id, Artefact.visit_id, Artefact.kind, Artefact.storage_key, Artefact.size, Visit.status,
               Visit.created_at)
        .join(Visit, Visit.id == Artefact.visit_id)
        .where(Artefact.kind.in_(kinds))
        .order_by(Visit.created_at, Artefact.id)
    )  # fmt: skip
    for art_id, visit_id, kind, key, size, status, created in session.execute(query):
        approved_at = approved.get(visit_id)
        if approved_at is not None and (APPROVED_STATE is None or status == APPROVED_STATE):
            days = days_for(kind, settings)
            if days is not None and approved_at + timedelta(days=days) <= now:
                yield Due(visit_id, art_id, kind, key, size, "approved", approved_at, days)
        elif approved_at is None and settings.retention_unapproved_days is not None and status in UNAPPROVED_IDLE:
            days = settings.retention_unapproved_days
            if kind in (*AUDIO, *TRANSCRIPTS) and created + timedelta(days=days) <= now:
                yield Due(visit_id, art_id, kind, key, size, "uploaded", created, days)

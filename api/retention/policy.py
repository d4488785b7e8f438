"""What retention deletes, and when: per kind of stored object, days after approval (or after upload for
visits never approved). The approved record itself (the visit, its approved draft, the vault that lets
an allowed export restore names, and the audit log) is never deleted here.

The edited versions between the generated draft and the approved one (`draft_version` objects) are
working documents too: they go with the generated draft (`RETENTION_WORKING_DAYS`). Their rows stay,
marked deleted, so the history still says who changed which fields when."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.db.models import Artefact, ArtefactKind, AuditEntry, DraftVersion, Visit, VisitStatus
from api.settings import ServiceSettings

# Kinds of stored object by retention setting (the vault is kept with the record: exports restore names).
AUDIO = (ArtefactKind.audio.value,)
TRANSCRIPTS = (ArtefactKind.asr.value, ArtefactKind.transcript.value, ArtefactKind.known.value)
WORKING = (ArtefactKind.redacted.value, ArtefactKind.draft.value)
DRAFT_VERSION = "draft_version"  # an edited version's document (a draft_versions row, not an artefact)
# A visit in one of these states was never approved and is not being worked on by a job or a supervisor.
UNAPPROVED_IDLE = {VisitStatus.failed.value, VisitStatus.drafted.value, VisitStatus.returned.value}


@dataclass(frozen=True)
class Due:
    """One stored object that retention deletes now, and why."""

    visit_id: str
    artefact_id: int  # the artefact's id, or the draft_versions row's id for a DRAFT_VERSION
    kind: str
    storage_key: str
    size: int
    basis: str  # "approved" or "uploaded"
    since: datetime
    days: int
    version: int | None = None  # which draft version, for a DRAFT_VERSION

    @property
    def due_at(self) -> datetime:
        return self.since + timedelta(days=self.days)

    def reason(self) -> str:
        what = "after approval" if self.basis == "approved" else "after upload, never approved"
        return f"{self.kind} kept {self.days} days {what} (since {self.since.date().isoformat()})"


def audited_approvals(session: Session) -> dict[str, datetime]:
    """When each visit was approved by the audit log: its latest `visit.approve` entry."""
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
    if kind in WORKING or kind == DRAFT_VERSION:
        return settings.retention_working_days
    return None


def due_deletions(session: Session, settings: ServiceSettings, now: datetime) -> Iterator[Due]:
    """Every stored object whose time is up at `now`, oldest visit first."""
    audited = audited_approvals(session)
    kinds = [*AUDIO, *TRANSCRIPTS, *WORKING]
    query = (
        select(
            Artefact.id,
            Artefact.visit_id,
            Artefact.kind,
            Artefact.storage_key,
            Artefact.size,
            Visit.status,
            Visit.created_at,
            Visit.approved_at,
        )
        .join(Visit, Visit.id == Artefact.visit_id)
        .where(Artefact.kind.in_(kinds))
        .order_by(Visit.created_at, Artefact.id)
    )
    # The approved version of a draft is the record; when nobody edited the draft, that version is the
    # generated draft artefact itself (api/review/versions.py), so it is kept whatever WORKING says.
    approved_versions = set(
        session.scalars(
            select(DraftVersion.storage_key)
            .join(Visit, Visit.id == DraftVersion.visit_id)
            .where(Visit.status == VisitStatus.approved.value, DraftVersion.version == Visit.draft_version)
        )
    )
    for art_id, visit_id, kind, key, size, status, created, approved_at in session.execute(query):
        if key in approved_versions:
            continue
        if status == VisitStatus.approved.value:
            # The review state says when; the audit entry stands in where the state has no time.
            since = approved_at or audited.get(visit_id)
            days = days_for(kind, settings)
            if since is not None and days is not None and since + timedelta(days=days) <= now:
                yield Due(visit_id, art_id, kind, key, size, "approved", since, days)
        elif settings.retention_unapproved_days is not None and status in UNAPPROVED_IDLE:
            days = settings.retention_unapproved_days
            if kind in (*AUDIO, *TRANSCRIPTS) and created + timedelta(days=days) <= now:
                yield Due(visit_id, art_id, kind, key, size, "uploaded", created, days)
    yield from _edited_versions(session, settings, now, audited)


def _edited_versions(
    session: Session, settings: ServiceSettings, now: datetime, audited: dict[str, datetime]
) -> Iterator[Due]:
    """Edited versions (2 and later) of approved visits, other than the approved one, not yet deleted."""
    days = settings.retention_working_days
    if days is None:
        return
    query = (
        select(
            DraftVersion.id, DraftVersion.visit_id, DraftVersion.version, DraftVersion.storage_key, Visit.approved_at
        )
        .join(Visit, Visit.id == DraftVersion.visit_id)
        .where(
            Visit.status == VisitStatus.approved.value,
            DraftVersion.version > 1,  # version 1 is the generated draft artefact, deleted as such
            DraftVersion.version != Visit.draft_version,
            DraftVersion.deleted_at.is_(None),
        )
        .order_by(Visit.created_at, DraftVersion.version)
    )
    for version_id, visit_id, version, key, approved_at in session.execute(query):
        since = approved_at or audited.get(visit_id)
        if since is not None and since + timedelta(days=days) <= now:
            # A version's size is not recorded (its document is a whole draft, like the generated one).
            yield Due(visit_id, version_id, DRAFT_VERSION, key, 0, "approved", since, days, version)

"""Deleting a whole visit: consent withdrawn, the wrong recording uploaded, or an erasure the council agreed.

Everything the visit holds goes: the recording, every transcript, the draft and each edited version, the
vault, the review steps and flag acknowledgements, the job. The audit log keeps a `visit.delete` entry
(who, when, why, what was held), so a later read of the visit answers 410 with that, not a bare 404.
An approved visit is the council's record: the API refuses to delete it; the digital team can, from the
server, with `offset visits delete ID --reason ... --approved-record`.

The rows go first, with the audit entry, in one transaction; then the objects are destroyed in storage.
A crash between the two leaves objects no row names, which the start-up clean-up removes. A job still
working on the visit loses its lease when its row goes, and every result it then tries to record is
refused and deleted (api/jobs/runner.py), so nothing is written back.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from fastapi import Request
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.audit import record
from api.context import ServiceContext
from api.db.models import (
    Artefact,
    AuditEntry,
    DraftVersion,
    FlagAck,
    Job,
    ReviewStep,
    StageRun,
    User,
    Visit,
    VisitStatus,
)
from api.errors import Conflict, Unprocessable

log = logging.getLogger(__name__)
REASON_MIN, REASON_MAX = 3, 500


@dataclass
class VisitDeletion:
    visit_id: str
    status: str  # the visit's status when it was deleted
    objects: int
    bytes: int
    audit_seq: int
    not_removed: list[str] = field(default_factory=list)  # storage keys that could not be destroyed


def clean_reason(reason: str | None) -> str:
    text = " ".join((reason or "").split())
    if not REASON_MIN <= len(text) <= REASON_MAX:
        raise Unprocessable(
            f"Say why the visit is being deleted ({REASON_MIN} to {REASON_MAX} characters), for example "
            "'consent withdrawn' or 'wrong recording uploaded'; the reason is kept in the audit log.",
            code="reason_required",
            detail={"min": REASON_MIN, "max": REASON_MAX},
        )
    return text


def _stored(session: Session, visit_id: str) -> dict[str, int]:
    """Every storage key the visit's rows name, with its plaintext size (draft versions share version 1's)."""
    keys: dict[str, int] = {}
    for key, size in session.execute(select(Artefact.storage_key, Artefact.size).where(Artefact.visit_id == visit_id)):
        keys[key] = int(size)
    for key in session.scalars(select(DraftVersion.storage_key).where(DraftVersion.visit_id == visit_id)):
        keys.setdefault(key, 0)
    return keys


def delete_visit(
    ctx: ServiceContext,
    session: Session,
    visit: Visit,
    reason: str,
    *,
    user: User | None,
    username: str | None = None,
    request: Request | None = None,
    approved_record: bool = False,
) -> VisitDeletion:
    """Delete `visit` and all it holds, auditing it; commits. Refuses an approved record unless
    `approved_record` (the server-side command only)."""
    reason = clean_reason(reason)
    if visit.status == VisitStatus.approved.value and not approved_record:
        raise Conflict(
            f"Visit {visit.id} is approved: it is the council's record and is kept under its records policy "
            "(the recording and transcripts go under retention). If the council has agreed to erase it, the "
            f"digital team can run `offset visits delete {visit.id} --reason ... --approved-record` on the server.",
            code="approved_record",
            detail={"status": visit.status},
        )
    visit_id, status = visit.id, visit.status
    keys = _stored(session, visit_id)
    entry = record(
        session,
        action="visit.delete",
        user=user,
        username=username,
        visit_id=visit_id,
        request=request,
        detail={
            "reason": reason,
            "status": status,
            "template": visit.template,
            "owner_id": visit.owner_id,
            "team_id": visit.team_id,
            "objects": len(keys),
            "bytes": sum(keys.values()),
        },
    )
    seq = entry.seq
    # Every child by statement, not left to ON DELETE CASCADE (off on a SQLite connection not made by us).
    jobs = select(Job.id).where(Job.visit_id == visit_id).scalar_subquery()
    session.execute(delete(StageRun).where(StageRun.job_id.in_(jobs)))
    for model in (Job, Artefact, DraftVersion, FlagAck, ReviewStep):
        session.execute(delete(model).where(model.visit_id == visit_id))
    session.execute(delete(Visit).where(Visit.id == visit_id))
    session.commit()
    result = VisitDeletion(visit_id, status, len(keys), sum(keys.values()), seq)
    for key in keys:
        try:
            ctx.store.destroy(key)
        except OSError as e:
            log.error("visit %s deleted from the database; %s not removed from storage: %s", visit_id, key, e)
            result.not_removed.append(key)
    return result


def deletion_entry(session: Session, visit_id: str) -> AuditEntry | None:
    """The audit entry of the visit's deletion, if it was deleted."""
    return session.scalars(
        select(AuditEntry)
        .where(AuditEntry.visit_id == visit_id, AuditEntry.action == "visit.delete")
        .order_by(AuditEntry.seq.desc())
        .limit(1)
    ).one_or_none()

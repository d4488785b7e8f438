"""Claiming jobs with leases: one atomic UPDATE decides which worker runs a job.

A job is claimable when it is queued and due, or running under a lease that has lapsed (its
worker died). Whoever's UPDATE matches the row holds the lease; the worker renews it while it
works, and every write of a result is fenced on still holding it, so a worker that lost its lease
(paused, cut off from the database) can never record a result over the new owner's.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from api.db.base import utcnow
from api.db.models import Job, JobStatus


class LeaseLost(Exception):
    """Another worker holds this job now; stop working on it."""


def claimable(now: datetime) -> ColumnElement[bool]:
    return or_(
        and_(Job.status == JobStatus.queued.value, Job.available_at <= now),
        and_(Job.status == JobStatus.running.value, Job.lease_expires_at < now),
    )


def claimable_ids(session: Session, limit: int = 10) -> list[int]:
    now = utcnow()
    return list(session.scalars(select(Job.id).where(claimable(now)).order_by(Job.available_at).limit(limit)))


def try_claim(session: Session, job_id: int, worker: str, lease: float) -> bool:
    now = utcnow()
    result = session.execute(
        update(Job)
        .where(Job.id == job_id, claimable(now))
        .values(
            status=JobStatus.running.value,
            lease_owner=worker,
            lease_expires_at=now + timedelta(seconds=lease),
            attempts=Job.attempts + 1,
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def renew(session: Session, job_id: int, worker: str, lease: float) -> None:
    """Extend the lease; LeaseLost if this worker no longer holds it. Call inside every result write."""
    result = session.execute(
        update(Job)
        .where(Job.id == job_id, Job.lease_owner == worker, Job.status == JobStatus.running.value)
        .values(lease_expires_at=utcnow() + timedelta(seconds=lease))
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise LeaseLost(f"job {job_id} is no longer held by {worker}")

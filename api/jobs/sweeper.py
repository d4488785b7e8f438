"""Re-send jobs the broker lost or whose worker died, so Celery mode recovers like the in-process one."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from api.context import ServiceContext
from api.db.base import utcnow
from api.db.models import Job, JobStatus
from api.jobs.base import JobQueue

log = logging.getLogger(__name__)
LOST_AFTER = timedelta(minutes=10)  # a sent job nobody claimed in this long: the message was lost


def due_for_sending(s: Session) -> list[int]:
    now = utcnow()
    return list(
        s.scalars(
            select(Job.id)
            .where(
                or_(
                    and_(Job.status == JobStatus.queued.value, Job.available_at <= now, Job.enqueued_at.is_(None)),
                    and_(Job.status == JobStatus.queued.value, Job.enqueued_at < now - LOST_AFTER),
                    and_(
                        Job.status == JobStatus.running.value,
                        Job.lease_expires_at < now,
                        or_(Job.enqueued_at.is_(None), Job.enqueued_at < Job.lease_expires_at),
                    ),
                )
            )
            .limit(100)
        )
    )


class Sweeper:
    def __init__(self, ctx: ServiceContext, queue: JobQueue, every: float) -> None:
        self.ctx = ctx
        self.queue = queue
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="offset-sweeper", daemon=True)

    def sweep(self) -> int:
        ids = self.ctx.db.with_retry(due_for_sending)
        for job_id in ids:
            self.queue.submit(job_id)
        if ids:
            log.info("sent %d job(s) again: %s", len(ids), ids)
        return len(ids)

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.sweep()
            except Exception as e:
                log.warning("sweep failed: %s", e)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

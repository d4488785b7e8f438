"""Celery with Redis as the broker: the server sends "run job N", `offset worker` processes run it.

The message carries only the job id; the database decides who runs it (claims with leases), so a
duplicate or redelivered message is harmless, and a lost one is re-sent by the sweeper.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Celery
from sqlalchemy import update

from api.context import ServiceContext
from api.db.base import utcnow
from api.db.models import Job
from api.jobs.base import JobQueue, QueueHealth
from api.jobs.presence import live_workers
from api.retention.schedule import beat_schedule
from api.settings import ServiceSettings

log = logging.getLogger(__name__)
TASK = "offset.run_job"


def make_celery(settings: ServiceSettings) -> Celery:
    app = Celery("offset", broker=settings.broker_url, set_as_current=False)
    transport: dict[str, Any] = {"visibility_timeout": 3600}
    if settings.broker_key_prefix:
        transport["global_keyprefix"] = settings.broker_key_prefix
    app.conf.update(
        task_default_queue=settings.celery_queue_name,
        task_acks_late=True,  # a worker killed mid-job leaves the message to be redelivered
        task_reject_on_worker_lost=True,
        task_ignore_result=True,
        worker_prefetch_multiplier=1,
        broker_transport_options=transport,
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=3,
        task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5},
        worker_hijack_root_logger=False,
        # The daily retention run, sent by Celery beat (`offset worker --beat`) to any worker.
        beat_schedule=beat_schedule(settings.retention_interval_hours),
    )
    return app


class CeleryQueue(JobQueue):
    name = "celery"

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.app = make_celery(ctx.settings)

    def submit(self, job_id: int) -> None:
        try:
            self.app.send_task(TASK, args=[job_id], queue=self.ctx.settings.celery_queue_name)
        except Exception as e:  # the broker is down: the job waits in the database for the sweeper
            log.warning("could not send job %s to the broker (%s); a worker's sweeper will send it", job_id, e)
            return
        try:
            with self.ctx.db.session() as s:
                s.execute(update(Job).where(Job.id == job_id).values(enqueued_at=utcnow()))
        except Exception as e:
            log.warning("could not mark job %s as sent: %s", job_id, e)

    def health(self) -> QueueHealth:
        try:
            with self.app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
        except Exception as e:
            return QueueHealth(
                ok=False, detail=f"broker {self.ctx.settings.broker_url} unreachable ({e.__class__.__name__})"
            )
        n = live_workers(self.ctx.db, self.name)
        if n == 0:
            return QueueHealth(ok=False, detail="broker reachable, but no worker is running: start `offset worker`")
        return QueueHealth(ok=True, detail=f"celery: {n} worker(s)")

"""`offset worker` with OFFSET_QUEUE=celery: a Celery worker whose task runs one job by id."""

from __future__ import annotations

import logging
import threading

from celery import Celery

from api.context import ServiceContext
from api.jobs.base import new_worker_id
from api.jobs.celery_queue import TASK, CeleryQueue
from api.jobs.presence import WorkerPresence
from api.jobs.runner import JobRunner
from api.jobs.sweeper import Sweeper
from api.retention.schedule import TASK as RETENTION_TASK

log = logging.getLogger(__name__)


def register_tasks(app: Celery, ctx: ServiceContext, worker_id: str) -> None:
    """The worker's tasks: run one job; run retention (sent daily by Celery beat).

    Not shared: a shared task would be added to every Celery app made later in the process, bound to
    this context.
    """

    @app.task(name=TASK, ignore_result=True, shared=False)
    def run_job(job_id: int) -> None:
        JobRunner(ctx, f"{worker_id}/{threading.get_ident()}").run(job_id)

    @app.task(name=RETENTION_TASK, ignore_result=True, shared=False)
    def retention_run() -> None:
        from api.retention import run_retention

        log.info("retention run: %s", run_retention(ctx).summary())


def run_celery_worker(ctx: ServiceContext, beat: bool = False) -> None:
    settings = ctx.settings
    queue = CeleryQueue(ctx)
    app = queue.app
    worker_id = new_worker_id("celery")
    register_tasks(app, ctx, worker_id)

    presence = WorkerPresence(ctx.db, worker_id, queue.name)
    presence.start()
    sweeper = Sweeper(ctx, queue, every=max(1.0, min(settings.job_lease_seconds / 2, 10.0)))
    sweeper.sweep()  # jobs left by workers that died before this one started
    sweeper.start()
    try:
        app.worker_main(
            [
                "worker",
                "--pool=threads",
                f"--concurrency={settings.workers}",
                "--queues",
                settings.celery_queue_name,
                "--hostname",
                f"{worker_id.replace('@', '-').replace(':', '-')}@%h",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                *(["--beat", f"--schedule={settings.data_dir / 'celerybeat-schedule'}"] if beat else []),
            ]
        )
    finally:
        sweeper.stop()
        presence.stop()

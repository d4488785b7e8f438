"""Worker threads inside the server process (`offset serve`), or in the foreground of `offset worker`.

They poll the database for claimable jobs, so a job submitted before a crash, or whose worker
died, is found again without any broker; `submit()` only wakes them up early.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading

from sqlalchemy import update

from api.context import ServiceContext
from api.db.base import utcnow
from api.db.models import Job, JobStatus
from api.jobs.base import JobQueue, QueueHealth, new_worker_id
from api.jobs.presence import WorkerPresence
from api.jobs.runner import JobRunner

log = logging.getLogger(__name__)


def lower_thread_priority(nice: int) -> None:
    """Renice this thread; threads it starts later (CTranslate2's, PyTorch's) inherit it (Linux only)."""
    if nice <= 0 or not hasattr(os, "setpriority"):
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)
    except OSError as e:
        log.warning("could not lower the job threads' priority (%s); requests may slow while jobs run", e)


class InProcessQueue(JobQueue):
    name = "inprocess"

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.worker_id = new_worker_id("inprocess")
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._presence = WorkerPresence(ctx.db, self.worker_id, self.name)

    def submit(self, job_id: int) -> None:
        self._wake.set()

    def start(self) -> None:
        self._presence.start()
        for i in range(self.ctx.settings.workers):
            t = threading.Thread(
                target=self._loop, args=(f"{self.worker_id}/{i}",), name=f"offset-job-{i}", daemon=True
            )
            t.start()
            self._threads.append(t)

    def run_forever(self) -> None:
        """The foreground loop of `offset worker` with the in-process queue."""
        self.start()
        try:
            while not self._stop.wait(1.0):
                pass
        finally:
            self.stop()

    def _loop(self, worker_id: str) -> None:
        lower_thread_priority(self.ctx.settings.worker_nice)
        runner = JobRunner(self.ctx, worker_id)
        poll = self.ctx.settings.job_poll_seconds
        while not self._stop.is_set():
            try:
                ran = runner.run_next()
            except Exception:
                log.exception("worker %s: could not look for jobs; trying again", worker_id)
                ran = False
            if not ran:
                self._wake.wait(poll)
                self._wake.clear()

    def stop(self) -> None:
        """Stop the threads; leases they hold are released so the next worker resumes at once."""
        if self._stop.is_set():
            return
        self._stop.set()
        self._wake.set()
        with contextlib.suppress(Exception), self.ctx.db.session() as s:
            s.execute(
                update(Job)
                .where(Job.lease_owner.like(f"{self.worker_id}/%"), Job.status == JobStatus.running.value)
                .values(lease_expires_at=utcnow())
            )
        self._presence.stop()

    def health(self) -> QueueHealth:
        alive = sum(t.is_alive() for t in self._threads)
        if alive == 0:
            return QueueHealth(ok=False, detail="no worker thread is running in this process")
        return QueueHealth(ok=True, detail=f"inprocess: {alive} worker thread(s)")

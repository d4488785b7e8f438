"""Run one visit's job: claim it, run the stages not yet done, record each result exactly once.

Failure handling, as i.AI Minute records it: a stage that raises is recorded with its reason and
the job is tried again after a delay, up to `job_max_attempts`; input the pipeline refuses
(BadInputError: not audio, too long) fails at once, since retrying cannot help. A worker killed
mid-stage leaves its lease to lapse; the next worker resumes at the first stage without results.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import secrets
import threading
import time
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.context import ServiceContext
from api.db.base import utcnow
from api.db.models import Artefact, Job, JobStatus, StageRun, Visit, VisitStatus
from api.jobs.claims import LeaseLost, claimable_ids, renew, try_claim
from api.jobs.stages import STAGES, Stage
from api.jobs.work import VisitWork
from core.errors import BadInputError, OffsetError

log = logging.getLogger(__name__)
PROGRESS_EVERY_S = 1.0


class Heartbeat:
    """Renews the lease every third of its length while the job runs."""

    def __init__(self, runner: JobRunner, job_id: int) -> None:
        self.runner = runner
        self.job_id = job_id
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"offset-lease-{job_id}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _beat(self) -> None:
        lease = self.runner.lease
        while not self._stop.wait(lease / 3):
            try:
                with self.runner.ctx.db.session() as s:
                    renew(s, self.job_id, self.runner.worker_id, lease)
            except LeaseLost:
                self.lost.set()
                return
            except Exception as e:  # a dropped connection: the next beat gets a fresh one
                log.warning("lease renewal for job %s failed: %s", self.job_id, e)


class JobRunner:
    def __init__(self, ctx: ServiceContext, worker_id: str) -> None:
        self.ctx = ctx
        self.worker_id = worker_id
        self.lease = ctx.settings.job_lease_seconds

    # --- claiming ------------------------------------------------------------------------
    def run_next(self) -> bool:
        """Claim and run one claimable job; False when there was none."""
        return any(self.run(job_id) for job_id in self.ctx.db.with_retry(claimable_ids))

    def run(self, job_id: int) -> bool:
        """Run the job if this worker can claim it (a no-op when another worker has it or it is done)."""
        visit_id = self.ctx.db.with_retry(lambda s: self._claim(s, job_id))
        if visit_id is None:
            return False
        self._execute(job_id, visit_id)
        return True

    def _claim(self, s: Session, job_id: int) -> str | None:
        if not try_claim(s, job_id, self.worker_id, self.lease):
            return None
        job = s.get(Job, job_id, populate_existing=True)
        assert job is not None
        now = utcnow()
        # Stages a dead worker started and never finished.
        s.execute(
            update(StageRun)
            .where(StageRun.job_id == job_id, StageRun.outcome.is_(None))
            .values(outcome="interrupted", finished_at=now)
        )
        visit = s.get(Visit, job.visit_id)
        assert visit is not None
        if job.attempts > job.max_attempts:  # the worker died on every attempt (killed, out of memory)
            stage = visit.stage or "transcribe"
            self._give_up(
                s,
                job,
                visit,
                stage,
                "the worker stopped during this stage on every attempt (killed or out of memory)",
                permanent=False,
            )
            return None
        visit.status = VisitStatus.processing.value
        return visit.id

    # --- running ---------------------------------------------------------------------------
    def _execute(self, job_id: int, visit_id: str) -> None:
        stage: Stage | None = None
        run_id: int | None = None
        try:
            with Heartbeat(self, job_id) as beat:
                work = VisitWork(self.ctx, visit_id)
                for stage in STAGES:
                    if stage.produces <= set(work.keys):
                        continue  # done on an earlier attempt
                    run_id = self.ctx.db.with_retry(
                        functools.partial(self._begin, job_id=job_id, visit_id=visit_id, stage=stage)
                    )
                    started = time.perf_counter()
                    outputs = stage.run(work, self._progress_reporter(visit_id, stage))
                    if beat.lost.is_set():
                        raise LeaseLost(f"job {job_id} lease lost during {stage.name}")
                    work.keys.update(self._store(job_id, visit_id, stage, run_id, outputs, started))
                    run_id = None
                self.ctx.db.with_retry(lambda s: self._finish(s, job_id, visit_id))
        except LeaseLost as e:
            log.warning("%s; leaving it to its new owner", e)
        except Exception as e:
            log.exception("job %s failed in stage %s", job_id, stage.name if stage else "-")
            name = stage.name if stage else "start"
            self.ctx.db.with_retry(
                functools.partial(self._fail, job_id=job_id, visit_id=visit_id, stage=name, run_id=run_id, exc=e)
            )

    def _begin(self, s: Session, job_id: int, visit_id: str, stage: Stage) -> int:
        renew(s, job_id, self.worker_id, self.lease)
        job = s.get(Job, job_id)
        assert job is not None
        run = StageRun(job_id=job_id, stage=stage.name, attempt=job.attempts, worker=self.worker_id)
        s.add(run)
        s.execute(
            update(Visit)
            .where(Visit.id == visit_id)
            .values(stage=stage.name, progress=stage.start, status=VisitStatus.processing.value)
        )
        s.flush()
        return run.id

    def _progress_reporter(self, visit_id: str, stage: Stage):  # type: ignore[no-untyped-def]
        last = [0.0]

        def report(fraction: float) -> None:
            now = time.monotonic()
            if now - last[0] < PROGRESS_EVERY_S:
                return
            last[0] = now
            overall = stage.start + (stage.end - stage.start) * max(0.0, min(1.0, fraction))
            # Progress is informative: a failed update is not an error.
            with contextlib.suppress(Exception), self.ctx.db.session() as s:
                s.execute(update(Visit).where(Visit.id == visit_id).values(progress=overall))

        return report

    def _store(
        self, job_id: int, visit_id: str, stage: Stage, run_id: int, outputs: dict[str, bytes], started: float
    ) -> dict[str, str]:
        """Write the artefacts under fresh keys, then record them fenced on the lease; on failure delete them."""
        written: dict[str, tuple[str, int, str]] = {}
        try:
            for kind, data in outputs.items():
                key = f"visits/{visit_id}/{kind}.{secrets.token_hex(4)}.enc"
                w = self.ctx.store.write_bytes(key, data)
                written[kind] = (key, w.size, w.sha256)

            def record(s: Session) -> None:
                renew(s, job_id, self.worker_id, self.lease)
                for kind, (key, size, sha) in written.items():
                    s.add(Artefact(visit_id=visit_id, kind=kind, storage_key=key, size=size, sha256=sha))
                s.execute(
                    update(StageRun)
                    .where(StageRun.id == run_id)
                    .values(outcome="done", finished_at=utcnow(), seconds=round(time.perf_counter() - started, 3))
                )
                s.execute(update(Visit).where(Visit.id == visit_id).values(progress=stage.end))

            self.ctx.db.with_retry(record)
        except BaseException:
            for key, _, _ in written.values():
                with contextlib.suppress(Exception):
                    self.ctx.store.delete(key)
            raise
        return {kind: key for kind, (key, _, _) in written.items()}

    def _finish(self, s: Session, job_id: int, visit_id: str) -> None:
        from api.review.versions import record_first_version

        renew(s, job_id, self.worker_id, self.lease)
        record_first_version(s, visit_id)  # the drafted artefact is version 1 of the draft
        now = utcnow()
        s.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(status=JobStatus.done.value, finished_at=now, lease_owner=None, lease_expires_at=None)
        )
        s.execute(
            update(Visit)
            .where(Visit.id == visit_id)
            .values(
                status=VisitStatus.drafted.value,
                stage=None,
                progress=1.0,
                drafted_at=now,
                draft_version=1,
                error_stage=None,
                error_message=None,
            )
        )

    # --- failing ---------------------------------------------------------------------------
    def _fail(self, s: Session, job_id: int, visit_id: str, stage: str, run_id: int | None, exc: Exception) -> None:
        job = s.get(Job, job_id)
        visit = s.get(Visit, visit_id)
        if job is None or visit is None or job.lease_owner != self.worker_id:
            return  # someone else owns it now
        reason = str(exc) if isinstance(exc, OffsetError) else f"{type(exc).__name__}: {exc}"
        reason = reason[:2000]
        if run_id is not None:
            s.execute(
                update(StageRun)
                .where(StageRun.id == run_id)
                .values(outcome="failed", error=reason, finished_at=utcnow())
            )
        permanent = isinstance(exc, BadInputError)
        if permanent or job.attempts >= job.max_attempts:
            self._give_up(s, job, visit, stage, reason, permanent)
            return
        job.status = JobStatus.queued.value
        job.last_error_stage, job.last_error = stage, reason
        job.lease_owner, job.lease_expires_at, job.enqueued_at = None, None, None
        job.available_at = utcnow() + timedelta(seconds=self.ctx.settings.job_retry_delay_seconds * job.attempts)
        visit.status = VisitStatus.queued.value

    @staticmethod
    def _give_up(s: Session, job: Job, visit: Visit, stage: str, reason: str, permanent: bool) -> None:
        job.status = JobStatus.failed.value
        job.last_error_stage, job.last_error = stage, reason
        job.lease_owner, job.lease_expires_at, job.finished_at = None, None, utcnow()
        visit.status = VisitStatus.failed.value
        visit.error_stage = stage
        if permanent:
            visit.error_message = f"{reason} Upload a corrected recording as a new visit."
        else:
            visit.error_message = (
                f"{reason} (stage {stage}; stopped after {min(job.attempts, job.max_attempts)} attempts). "
                f"Retry with POST /api/visits/{visit.id}/retry; if it fails again, tell your administrator."
            )


def stage_runs(s: Session, job_id: int) -> list[StageRun]:
    return list(s.scalars(select(StageRun).where(StageRun.job_id == job_id).order_by(StageRun.id)))

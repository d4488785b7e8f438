"""Running retention daily: a thread in `offset serve`, or Celery beat in the scaled-out mode."""

from __future__ import annotations

import logging
import threading

from api.context import ServiceContext

log = logging.getLogger(__name__)
TASK = "offset.retention_run"
FIRST_RUN_DELAY_SECONDS = 60.0  # let the server finish starting before the first run


class RetentionScheduler:
    """Runs `run_retention` every `interval_hours`, first shortly after start. Several servers may each
    run one: a deletion is claimed by removing its row, so nothing is deleted or audited twice."""

    def __init__(self, ctx: ServiceContext, interval_hours: float, first_delay: float = FIRST_RUN_DELAY_SECONDS):
        self.ctx = ctx
        self.interval = interval_hours * 3600
        self.first_delay = first_delay
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="offset-retention", daemon=True)
        self.runs = 0

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _loop(self) -> None:
        from api.retention.run import run_retention

        delay = self.first_delay
        while not self._stop.wait(delay):
            try:
                report = run_retention(self.ctx)
                log.info("retention run: %s", report.summary())
            except Exception:  # the next run tries again; the log has the reason
                log.exception("retention run failed")
            self.runs += 1
            delay = self.interval


def beat_schedule(interval_hours: float) -> dict[str, dict[str, object]]:
    """Celery beat's entry for retention (none when the interval is 0)."""
    if interval_hours <= 0:
        return {}
    return {"offset-retention": {"task": TASK, "schedule": interval_hours * 3600}}

"""Workers announce themselves in the database with a heartbeat, so health checks see them."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
from datetime import timedelta

from sqlalchemy import delete, func, select, update

from api.db import Database
from api.db.base import utcnow
from api.db.models import WorkerRecord

log = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 5.0
STALE_AFTER = timedelta(seconds=30)


class WorkerPresence:
    def __init__(self, db: Database, worker_id: str, queue: str) -> None:
        self.db = db
        self.worker_id = worker_id
        self.queue = queue
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        def register(s):  # type: ignore[no-untyped-def]
            s.merge(WorkerRecord(id=self.worker_id, queue=self.queue, host=socket.gethostname(), pid=os.getpid()))

        self.db.with_retry(register)
        self._thread = threading.Thread(target=self._beat, name="offset-worker-presence", daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            try:
                with self.db.session() as s:
                    s.execute(
                        update(WorkerRecord).where(WorkerRecord.id == self.worker_id).values(heartbeat_at=utcnow())
                    )
                    # Forget workers that stopped beating long ago (killed without saying goodbye).
                    s.execute(delete(WorkerRecord).where(WorkerRecord.heartbeat_at < utcnow() - 20 * STALE_AFTER))
            except Exception as e:  # a database blip must not stop the worker
                log.warning("worker heartbeat failed: %s", e)

    def stop(self) -> None:
        self._stop.set()
        with contextlib.suppress(Exception), self.db.session() as s:
            s.execute(delete(WorkerRecord).where(WorkerRecord.id == self.worker_id))


def live_workers(db: Database, queue: str) -> int:
    with db.session() as s:
        return int(
            s.scalar(
                select(func.count()).where(
                    WorkerRecord.queue == queue, WorkerRecord.heartbeat_at >= utcnow() - STALE_AFTER
                )
            )
            or 0
        )

"""The job queue interface. The database is the source of truth for job state; a queue only says
"look at job N now" (celery) or runs the workers that poll for claimable jobs (inprocess)."""

from __future__ import annotations

import os
import socket
import uuid
from abc import ABC, abstractmethod
from typing import ClassVar

from pydantic import BaseModel


class QueueHealth(BaseModel):
    ok: bool
    detail: str


def new_worker_id(kind: str) -> str:
    """Unique per process: host, pid and a random suffix (a restarted worker is a new worker)."""
    return f"{kind}@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class JobQueue(ABC):
    name: ClassVar[str]

    @abstractmethod
    def submit(self, job_id: int) -> None:
        """Ask for the job to run soon. Best effort: a job the queue loses is found again in the database."""

    def start(self) -> None:  # noqa: B027 (optional hook: only the in-process queue runs jobs itself)
        """Start executing jobs in this process, if this queue does that (inprocess)."""

    def stop(self) -> None:  # noqa: B027
        """Stop executing jobs in this process."""

    @abstractmethod
    def health(self) -> QueueHealth: ...

"""Server and worker processes sharing one database and storage, for the tests that SIGKILL them."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import redis

from api.bench.servers import OffsetProcess, clean_env, serve, spawn

REDIS_URL = os.environ.get("OFFSET_TEST_REDIS", "redis://127.0.0.1:6379/0")


@dataclass
class Cluster:
    data_dir: Path
    database_url: str
    queue: str
    prefix: str = field(default_factory=lambda: f"offset-test-{uuid.uuid4().hex[:10]}")
    procs: list[OffsetProcess] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return clean_env(
            OFFSET_DATA_DIR=str(self.data_dir),
            OFFSET_DATABASE_URL=self.database_url,
            OFFSET_WHISPER_MODEL="tiny.en",
            OFFSET_QUEUE=self.queue,
            OFFSET_BROKER_URL=REDIS_URL,
            # Other engineers share this Redis: every key and the queue carry this run's own prefix.
            OFFSET_BROKER_KEY_PREFIX=f"{self.prefix}:",
            OFFSET_CELERY_QUEUE_NAME=self.prefix,
            OFFSET_JOB_LEASE_SECONDS="4",
            OFFSET_JOB_POLL_SECONDS="0.3",
            OFFSET_PASSWORD_HASH_TIME_COST="1",
            OFFSET_PASSWORD_HASH_MEMORY_KIB="1024",
        )

    def _log(self, name: str) -> Path:
        return self.data_dir / f"{name}-{len(self.procs)}.log"

    def serve(self) -> OffsetProcess:
        proc = serve(self.env, self._log("serve"))
        self.procs.append(proc)
        return proc

    def worker(self) -> OffsetProcess:
        proc = spawn(["worker"], self.env, self._log("worker"))
        self.procs.append(proc)
        return proc

    def logs(self) -> str:
        return "\n".join(f"--- {p.log.name}\n{p.log.read_text()[-4000:]}" for p in self.procs)

    def close(self) -> None:
        for p in self.procs:
            p.stop()
        if self.queue == "celery":
            r = redis.Redis.from_url(REDIS_URL)
            keys = list(r.scan_iter(f"{self.prefix}*"))
            if keys:
                r.delete(*keys)


@contextmanager
def cluster(data_dir: Path, database_url: str, queue: str) -> Iterator[Cluster]:
    c = Cluster(data_dir, database_url, queue)
    try:
        yield c
    finally:
        c.close()

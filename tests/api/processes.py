"""`offset serve` and `offset worker` as real processes, for the tests that kill them with SIGKILL."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import redis

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("OFFSET_TEST_REDIS", "redis://127.0.0.1:6379/0")


def service_env(data_dir: Path, database_url: str, queue: str, prefix: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OFFSET_")}
    env.update(
        PYTHONPATH=str(ROOT),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        OFFSET_DATA_DIR=str(data_dir),
        OFFSET_DATABASE_URL=database_url,
        OFFSET_WHISPER_MODEL="tiny.en",
        OFFSET_QUEUE=queue,
        OFFSET_BROKER_URL=REDIS_URL,
        # Other engineers share this Redis: every key and the queue carry this run's own prefix.
        OFFSET_BROKER_KEY_PREFIX=f"{prefix}:",
        OFFSET_CELERY_QUEUE_NAME=prefix,
        OFFSET_JOB_LEASE_SECONDS="4",
        OFFSET_JOB_POLL_SECONDS="0.3",
        OFFSET_PASSWORD_HASH_TIME_COST="1",
        OFFSET_PASSWORD_HASH_MEMORY_KIB="1024",
    )
    return env


@dataclass
class Proc:
    popen: subprocess.Popen[str]
    log: Path
    url: str | None = None

    def kill9(self) -> None:
        """SIGKILL the whole process group: no clean-up, exactly like a crash or the OOM killer."""
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=30)

    def stop(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill9()


@dataclass
class Cluster:
    """Server and worker processes sharing one database and storage."""

    data_dir: Path
    database_url: str
    queue: str
    prefix: str = field(default_factory=lambda: f"offset-test-{uuid.uuid4().hex[:10]}")
    procs: list[Proc] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return service_env(self.data_dir, self.database_url, self.queue, self.prefix)

    def _spawn(self, args: list[str], name: str) -> Proc:
        log = self.data_dir / f"{name}-{len(self.procs)}.log"
        out = log.open("w")
        popen = subprocess.Popen(
            [sys.executable, "-m", "api.cli", *args],
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        proc = Proc(popen, log)
        self.procs.append(proc)
        return proc

    def serve(self, timeout: float = 120) -> Proc:
        proc = self._spawn(["serve", "--port", "0"], "serve")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.search(r"Offset is running at (http://127\.0\.0\.1:\d+)/", proc.log.read_text())
            if m:
                proc.url = m.group(1)
                self._wait_healthy(proc.url, deadline)
                return proc
            if proc.popen.poll() is not None:
                raise AssertionError(f"offset serve exited: {proc.log.read_text()[-3000:]}")
            time.sleep(0.2)
        raise AssertionError(f"offset serve printed no URL: {proc.log.read_text()[-3000:]}")

    @staticmethod
    def _wait_healthy(url: str, deadline: float) -> None:
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/api/templates", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)

    def worker(self) -> Proc:
        return self._spawn(["worker"], "worker")

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

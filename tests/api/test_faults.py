"""Faults: a job killed with SIGKILL mid-stage completes exactly once after a restart (in-process
queue and Celery, SQLite and PostgreSQL); a dropped PostgreSQL connection is survived; a full disk
refuses the upload cleanly."""

from __future__ import annotations

import errno
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import httpx
import pytest

from api.context import build_context
from api.db import upgrade
from api.storage import LocalStorage
from tests.api.conftest import PASSWORD, Service, running_service, seed_accounts, service_settings
from tests.api.databases import database, terminate_connections
from tests.api.helpers import FIXTURE_AUDIO, artefact_kinds, counts, stage_history, upload, wait_for
from tests.api.processes import cluster

pytestmark = pytest.mark.slow
KINDS = ["asr", "audio", "draft", "redacted", "transcript", "vault"]
DONE_ONCE = [("transcribe", "done"), ("speakers", "done"), ("redact", "done"), ("draft", "done")]


def _token(client: httpx.Client, who: str) -> dict[str, str]:
    r = client.post("/api/auth/token", data={"username": f"{who}@example.org", "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _wait_stage(client: httpx.Client, headers: dict[str, str], visit_id: str, stage: str, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/api/visits/{visit_id}", headers=headers).json()
        if body["stage"] == stage:
            return
        assert body["status"] not in ("drafted", "failed"), body
        time.sleep(0.1)
    raise AssertionError(f"visit never reached stage {stage}")


def _storage_keys(data_dir: Path, visit_id: str) -> list[str]:
    return list(LocalStorage(data_dir / "storage").keys(f"visits/{visit_id}"))


@pytest.mark.parametrize("queue", ["inprocess", "celery"])
def test_killed_during_transcription_completes_once(queue: str, backend: str, tmp_path: Path) -> None:
    with database(backend, tmp_path) as url, cluster(tmp_path, url, queue) as c:
        settings = service_settings(tmp_path, url)
        ctx = build_context(settings)
        upgrade(ctx.db)
        seed_accounts(ctx)
        server = c.serve()
        worker = c.worker() if queue == "celery" else server
        client = httpx.Client(base_url=server.url or "", timeout=60)
        me = _token(client, "practitioner")
        with FIXTURE_AUDIO.open("rb") as f:
            r = client.post(
                "/api/visits",
                headers=me,
                files={"audio": ("visit.wav", f, "audio/wav")},
                data={"template": "general_visit", "consent": "true"},
            )
        assert r.status_code == 202, r.text
        visit_id = r.json()["id"]
        _wait_stage(client, me, visit_id, "transcribe")
        time.sleep(1.0)  # well inside speech-to-text (model loaded, decoding under way)
        worker.kill9()
        assert "asr" not in artefact_kinds(ctx, visit_id)

        if queue == "celery":
            c.worker()
        else:
            server = c.serve()
            client = httpx.Client(base_url=server.url or "", timeout=60)
        try:
            visit = wait_for(lambda u: client.get(u, headers=me), f"/api/visits/{visit_id}", timeout=300)
        except AssertionError:
            raise AssertionError(c.logs()) from None
        assert visit["status"] == "drafted", (visit, c.logs())
        assert visit["attempts"] == 2
        history = stage_history(ctx, visit_id)
        assert history[0] == ("transcribe", 1, "interrupted")
        assert [(s, o) for s, _, o in history[1:]] == DONE_ONCE
        assert artefact_kinds(ctx, visit_id) == KINDS  # one of each: one transcript, one draft
        with ctx.db.session() as s:
            from sqlalchemy import select

            from api.db.models import Artefact

            keys = sorted(s.scalars(select(Artefact.storage_key).where(Artefact.visit_id == visit_id)))
        assert sorted(_storage_keys(tmp_path, visit_id)) == keys  # nothing orphaned, nothing lost

        # Through the API: the draft is there for its practitioner, invisible to the other team,
        # content-free for the evaluator.
        assert client.get(f"/api/visits/{visit_id}/draft", headers=me).status_code == 200
        other = _token(client, "practitioner_other")
        assert client.get(f"/api/visits/{visit_id}/draft", headers=other).status_code == 404
        evaluator = _token(client, "evaluator")
        assert client.get(f"/api/visits/{visit_id}/transcript", headers=evaluator).status_code == 403
        assert client.get("/api/metrics/visits", headers=evaluator).status_code == 200
        ctx.close()


def test_killed_after_transcription_does_not_transcribe_again(tmp_path: Path) -> None:
    with database("sqlite", tmp_path) as url, cluster(tmp_path, url, "inprocess") as c:
        ctx = build_context(service_settings(tmp_path, url))
        upgrade(ctx.db)
        seed_accounts(ctx)
        server = c.serve()
        client = httpx.Client(base_url=server.url or "", timeout=60)
        me = _token(client, "practitioner")
        r = upload(client, me)
        visit_id = r.json()["id"]
        _wait_stage(client, me, visit_id, "speakers")
        server.kill9()
        server = c.serve()
        client = httpx.Client(base_url=server.url or "", timeout=60)
        visit = wait_for(lambda u: client.get(u, headers=me), f"/api/visits/{visit_id}", timeout=300)
        assert visit["status"] == "drafted", c.logs()
        history = stage_history(ctx, visit_id)
        assert history[:2] == [("transcribe", 1, "done"), ("speakers", 1, "interrupted")]
        assert [s for s, _, _ in history].count("transcribe") == 1
        assert [(s, o) for s, _, o in history[2:]] == DONE_ONCE[1:]
        ctx.close()


@pytest.fixture
def postgres_service(tmp_path: Path) -> Iterator[tuple[Service, str]]:
    with database("postgresql", tmp_path) as url, running_service(tmp_path, url, workers=True) as svc:
        yield svc, url


def test_postgres_connection_dropped_mid_job_recovers(postgres_service: tuple[Service, str]) -> None:
    svc, url = postgres_service
    r = upload(svc.client, svc.headers("practitioner"))
    visit_id = r.json()["id"]
    deadline = time.monotonic() + 240
    dropped = 0
    for stage in ("transcribe", "speakers"):
        while svc.as_("practitioner").get(f"/api/visits/{visit_id}").json()["stage"] != stage:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        dropped += terminate_connections(url)
    assert dropped >= 1  # the worker's connections really were cut
    visit = wait_for(svc.as_("practitioner").get, f"/api/visits/{visit_id}")
    assert visit["status"] == "drafted", visit
    assert artefact_kinds(svc.ctx, visit_id) == KINDS
    done = [(s, o) for s, _, o in stage_history(svc.ctx, visit_id) if o == "done"]
    assert done == DONE_ONCE


class _FullFile:
    """A file on a disk that fills up after `room` bytes: writes fail with ENOSPC, as the OS reports it."""

    def __init__(self, f: BinaryIO, room: int) -> None:
        self._f, self._room = f, room

    def write(self, data: bytes) -> int:
        if self._room < len(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        self._room -= len(data)
        return self._f.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._f, name)


class FullDiskStorage(LocalStorage):
    """The local storage on a disk with `room` bytes free (the edge that cannot be filled safely here)."""

    def __init__(self, root: Path, room: int) -> None:
        super().__init__(root)
        self.room = room

    @contextmanager
    def writer(self, key: str) -> Iterator[BinaryIO]:  # type: ignore[override]
        with super().writer(key) as f:
            yield _FullFile(f, self.room)  # type: ignore[misc]


@contextmanager
def _tmpfs(path: Path, size: str) -> Iterator[Path]:
    path.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    res = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True, text=True
    )
    if res.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({res.stderr.strip()}): the ENOSPC case covers it")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def _assert_full_disk_refusal(svc: Service) -> None:
    before = counts(svc.ctx)
    r = upload(svc.client, svc.headers("practitioner"))
    assert r.status_code == 507, r.text
    body = r.json()
    assert body["code"] == "storage_full" and "full" in body["message"] and "upload again" in body["message"]
    assert counts(svc.ctx) == before


@pytest.mark.parametrize("disk", ["enospc", "tmpfs"])
def test_storage_full_on_upload(disk: str, tmp_path: Path) -> None:
    with database("sqlite", tmp_path) as url:
        if disk == "tmpfs":
            with (
                _tmpfs(tmp_path / f"small-{uuid.uuid4().hex[:6]}", "1m") as mount,
                running_service(tmp_path, url, storage_dir=mount) as svc,
            ):
                _assert_full_disk_refusal(svc)
        else:
            with running_service(tmp_path, url) as svc:
                svc.ctx.store.storage = FullDiskStorage(svc.ctx.settings.resolved_storage_dir, room=300_000)
                _assert_full_disk_refusal(svc)

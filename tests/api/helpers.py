"""Small helpers shared by the service tests: uploads, polling, what is left in the database and storage."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from api.context import ServiceContext
from api.db.models import Artefact, Job, StageRun, Visit

FIXTURE_AUDIO = Path(__file__).resolve().parents[1] / "fixtures" / "audio" / "visit_short.wav"


def upload(
    client: Any, headers: dict[str, str], audio: bytes | None = None, filename: str = "visit.wav", **fields: str
) -> httpx.Response:
    data = {"template": "general_visit", "consent": "true", **fields}
    files = {"audio": (filename, FIXTURE_AUDIO.read_bytes() if audio is None else audio, "audio/wav")}
    return client.post("/api/visits", headers=headers, data=data, files=files)


def wait_for(get: Any, url: str, statuses: tuple[str, ...] = ("drafted", "failed"), timeout: float = 300) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        r = get(url)
        assert r.status_code == 200, r.text
        body = r.json()
        if body["status"] in statuses:
            return body  # type: ignore[no-any-return]
        if time.monotonic() > deadline:
            raise AssertionError(f"visit still {body['status']} ({body['stage']}) after {timeout} s")
        time.sleep(0.25)


def counts(ctx: ServiceContext) -> dict[str, int]:
    """Rows in each visit table and objects in storage: what a refused upload must leave unchanged."""
    with ctx.db.session() as s:
        rows = {
            m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0
            for m in (Visit, Artefact, Job, StageRun)
        }
    rows["stored_objects"] = sum(1 for k in ctx.store.storage.keys("visits"))
    root = ctx.settings.resolved_storage_dir
    rows["partial_files"] = sum(1 for _ in root.rglob(".*.part")) if root.exists() else 0
    return rows


def artefact_kinds(ctx: ServiceContext, visit_id: str) -> list[str]:
    with ctx.db.session() as s:
        return sorted(s.scalars(select(Artefact.kind).where(Artefact.visit_id == visit_id)))


def stage_history(ctx: ServiceContext, visit_id: str) -> list[tuple[str, int, str | None]]:
    with ctx.db.session() as s:
        job_id = s.scalar(select(Job.id).where(Job.visit_id == visit_id))
        return [
            (r.stage, r.attempt, r.outcome)
            for r in s.scalars(select(StageRun).where(StageRun.job_id == job_id).order_by(StageRun.id))
        ]

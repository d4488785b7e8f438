"""Retention: the audio (and transcripts before redaction) go when due, from storage and database, each
deletion audited; the approved record stays; a dry run deletes nothing."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from api.audit import verify_chain
from api.cli import app as cli
from api.db.base import utcnow
from api.db.models import Artefact, Visit
from api.retention import run_retention
from api.storage import DamagedFileError, ObjectNotFoundError
from tests.api.audit_helpers import audited, detail, processed_visit, reviewed
from tests.api.conftest import Service, running_service
from tests.api.databases import database


@pytest.fixture
def svc(backend: str, tmp_path: Path) -> Iterator[Service]:
    # A fresh database per test: the tests move time forward and delete things.
    with database(backend, tmp_path / "db") as url, running_service(tmp_path / "data", url) as s:
        yield s


def _keys(svc: Service, visit_id: str) -> dict[str, str]:
    with svc.ctx.db.sessions() as s:
        return {a.kind: a.storage_key for a in s.scalars(select(Artefact).where(Artefact.visit_id == visit_id))}


def test_audio_goes_after_approval_and_the_record_stays(svc: Service) -> None:
    visit_id = processed_visit(svc)
    kept_visit = processed_visit(svc)  # drafted, never approved: nothing of it goes
    reviewed(svc, visit_id)
    keys = _keys(svc, visit_id)
    audio_path = svc.ctx.settings.resolved_storage_dir / keys["audio"]
    assert audio_path.is_file()

    # Not due yet: 30 days by default.
    assert run_retention(svc.ctx, now=utcnow() + timedelta(days=29)).due == []
    status = svc.as_("admin").get("/api/retention").json()
    assert status["due_now"] == {} and status["rules"][0] == {
        "what": "recordings", "kinds": ["audio"], "days": 30, "counted_from": "approval",
    }  # fmt: skip
    assert svc.as_("supervisor").get("/api/retention").status_code == 403

    later = utcnow() + timedelta(days=31)
    dry = run_retention(svc.ctx, dry_run=True, now=later)
    assert {d.kind for d in dry.due} == {"audio", "asr", "transcript"}
    assert {d.visit_id for d in dry.due} == {visit_id}
    assert audio_path.is_file() and _keys(svc, visit_id) == keys, "a dry run deletes nothing"
    assert audited(svc.ctx, "retention.delete") == []

    report = run_retention(svc.ctx, now=later)
    assert {d.kind for d in report.deleted} == {"audio", "asr", "transcript"} and not report.failed
    # Gone from storage: the file, and any way to read it back.
    assert not audio_path.exists()
    with pytest.raises(ObjectNotFoundError):
        svc.ctx.store.read_bytes(keys["audio"])
    assert not any(k.startswith(f"visits/{visit_id}/audio") for k in svc.ctx.store.storage.keys("visits"))
    # Gone from the database; the record (visit, redacted transcript, draft, vault) stays.
    assert set(_keys(svc, visit_id)) == {"redacted", "draft", "vault"}
    with svc.ctx.db.sessions() as s:
        assert s.get(Visit, visit_id) is not None
    sup = svc.as_("supervisor")
    assert sup.get(f"/api/visits/{visit_id}/draft").status_code == 200
    assert sup.get(f"/api/visits/{visit_id}/transcript").status_code == 200
    for fmt in ("json", "pdf"):
        assert sup.get(f"/api/visits/{visit_id}/export", params={"format": fmt}).status_code == 200
    r = sup.get(f"/api/visits/{visit_id}/audio")
    assert r.status_code == 410 and r.json()["code"] == "deleted_by_retention"
    assert "retention policy" in r.json()["message"] and "30 days after approval" in r.json()["message"]
    # The other visit is untouched.
    assert set(_keys(svc, kept_visit)) == {"audio", "asr", "transcript", "redacted", "draft", "vault"}

    entries = audited(svc.ctx, "retention.delete", visit_id)
    assert sorted(detail(e)["kind"] for e in entries) == ["asr", "audio", "transcript"]
    audio_entry = next(e for e in entries if detail(e)["kind"] == "audio")
    assert audio_entry.username == "retention" and detail(audio_entry)["days"] == 30
    assert detail(audio_entry)["basis"] == "approved"
    with svc.ctx.db.sessions() as s:
        assert verify_chain(s).intact

    # Nothing left to do the second time.
    assert run_retention(svc.ctx, now=later).deleted == []


def test_visits_never_approved_are_kept_unless_the_policy_says(svc: Service) -> None:
    visit_id = processed_visit(svc)
    far = utcnow() + timedelta(days=400)
    assert run_retention(svc.ctx, now=far).due == []
    svc.ctx.settings.retention_unapproved_days = 90
    try:
        report = run_retention(svc.ctx, now=far)
    finally:
        svc.ctx.settings.retention_unapproved_days = None
    assert {d.kind for d in report.deleted} == {"audio", "asr", "transcript"}
    assert {detail(e)["basis"] for e in audited(svc.ctx, "retention.delete", visit_id)} == {"uploaded"}


def test_the_cli_runs_retention_and_its_dry_run(svc: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    visit_id = processed_visit(svc)
    reviewed(svc, visit_id)
    settings = svc.ctx.settings
    monkeypatch.setenv("OFFSET_DATABASE_URL", settings.resolved_database_url)
    monkeypatch.setenv("OFFSET_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("OFFSET_RETENTION_AUDIO_DAYS", "0")
    monkeypatch.setenv("OFFSET_RETENTION_TRANSCRIPT_DAYS", "")
    runner = CliRunner()
    dry = runner.invoke(cli, ["retention", "run", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"due: visit {visit_id} audio" in dry.output and "nothing deleted" in dry.output
    assert "audio" in _keys(svc, visit_id)
    result = runner.invoke(cli, ["retention", "run"])
    assert result.exit_code == 0, result.output
    assert f"deleted: visit {visit_id} audio" in result.output and "1 stored object(s) deleted" in result.output
    assert "audio" not in _keys(svc, visit_id) and "transcript" in _keys(svc, visit_id)


def test_destroy_wipes_the_encryption_header_before_deleting(svc: Service, tmp_path: Path) -> None:
    """A copy left behind (here: a hard link to the same file) cannot be decrypted afterwards."""
    store = svc.ctx.store
    store.write_bytes("visits/x/audio.t.enc", b"recording " * 1000)
    path = svc.ctx.settings.resolved_storage_dir / "visits/x/audio.t.enc"
    leftover = tmp_path / "leftover"
    os.link(path, leftover)
    store.destroy("visits/x/audio.t.enc")
    assert not path.exists() and not store.exists("visits/x/audio.t.enc")
    data = leftover.read_bytes()
    assert data[:4096] == b"\0" * 4096
    from api.storage.encryption import DecryptingReader

    with pytest.raises((DamagedFileError, ValueError)):
        DecryptingReader(leftover.open("rb"), store.cipher, "visits/x/audio.t.enc", len(data)).read()


def test_the_service_runs_retention_on_a_schedule(svc: Service) -> None:
    from api.retention.schedule import RetentionScheduler

    visit_id = processed_visit(svc)
    reviewed(svc, visit_id)
    svc.ctx.settings.retention_audio_days = 0
    scheduler = RetentionScheduler(svc.ctx, interval_hours=1, first_delay=0.05)
    scheduler.start()
    try:
        deadline = time.monotonic() + 30
        while scheduler.runs < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        scheduler.stop()
        svc.ctx.settings.retention_audio_days = 30
    assert scheduler.runs == 1
    assert [detail(e)["kind"] for e in audited(svc.ctx, "retention.delete", visit_id)] == ["audio"]


def test_celery_beat_sends_the_retention_task_daily(svc: Service) -> None:
    from api.jobs.celery_queue import make_celery
    from api.jobs.celery_worker import register_tasks

    app = make_celery(svc.ctx.settings)
    entry = app.conf.beat_schedule["offset-retention"]
    assert entry == {"task": "offset.retention_run", "schedule": 24 * 3600}
    register_tasks(app, svc.ctx, "test-worker")
    visit_id = processed_visit(svc)
    reviewed(svc, visit_id)
    svc.ctx.settings.retention_audio_days = 0
    try:
        app.tasks["offset.retention_run"].run()  # what a worker does when beat's message arrives
    finally:
        svc.ctx.settings.retention_audio_days = 30
    assert [detail(e)["kind"] for e in audited(svc.ctx, "retention.delete", visit_id)] == ["audio"]

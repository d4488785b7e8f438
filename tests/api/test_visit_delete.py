"""Deleting a visit (consent withdrawn, wrong recording): everything it holds goes, from storage and database,
the deletion is audited with its reason, later reads say it was deleted, and an approved record is refused.
Retention of the edited versions between the generated draft and the approved one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from api.audit import verify_chain
from api.cli import app as cli
from api.db.base import utcnow
from api.db.models import Artefact, DraftVersion, Job, ReviewStep, Visit
from api.retention import run_retention
from tests.api.audit_helpers import audited, detail, processed_visit, reviewed
from tests.api.conftest import Service, running_service
from tests.api.databases import database
from tests.api.helpers import upload


@pytest.fixture
def svc(backend: str, tmp_path: Path) -> Iterator[Service]:
    with database(backend, tmp_path / "db") as url, running_service(tmp_path / "data", url) as s:
        yield s


def _stored_keys(svc: Service, visit_id: str) -> set[str]:
    with svc.ctx.db.sessions() as s:
        keys = set(s.scalars(select(Artefact.storage_key).where(Artefact.visit_id == visit_id)))
        keys |= set(s.scalars(select(DraftVersion.storage_key).where(DraftVersion.visit_id == visit_id)))
    return keys


def _edit(svc: Service, visit_id: str, base: int, text: str) -> None:
    r = svc.as_("practitioner").request(
        "PUT", f"/api/visits/{visit_id}/draft", json={"base_version": base, "fields": {"risks": text}}
    )
    assert r.status_code == 200 and r.json()["saved"], r.text


def test_the_practitioner_deletes_a_visit_and_everything_it_holds(svc: Service) -> None:
    visit_id = processed_visit(svc)
    kept = processed_visit(svc)
    _edit(svc, visit_id, 1, "Fall last Tuesday.")
    keys = _stored_keys(svc, visit_id)
    root = svc.ctx.settings.resolved_storage_dir
    assert len(keys) >= 6 and all((root / k).is_file() for k in keys)
    me = svc.as_("practitioner")

    no_reason = me.request("DELETE", f"/api/visits/{visit_id}")
    assert no_reason.status_code == 422 and no_reason.json()["code"] == "reason_required", no_reason.text
    other = svc.as_("practitioner_other").request("DELETE", f"/api/visits/{visit_id}", params={"reason": "x" * 5})
    assert other.status_code == 404, "someone who cannot see it cannot find it"
    assert _stored_keys(svc, visit_id) == keys, "a refused deletion deletes nothing"

    r = me.request("DELETE", f"/api/visits/{visit_id}", params={"reason": "Consent withdrawn  by the person"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status_before"] == "drafted" and body["objects"] == len(keys)
    assert not any((root / k).exists() for k in keys), "every stored object is destroyed"
    with svc.ctx.db.sessions() as s:
        assert s.get(Visit, visit_id) is None
        for model in (Artefact, DraftVersion, Job, ReviewStep):
            assert s.scalars(select(model).where(model.visit_id == visit_id)).first() is None
        assert s.get(Visit, kept) is not None
    assert _stored_keys(svc, kept) and all((root / k).is_file() for k in _stored_keys(svc, kept))

    (entry,) = audited(svc.ctx, "visit.delete", visit_id)
    assert entry.username == "practitioner@example.org"
    assert detail(entry)["reason"] == "Consent withdrawn by the person"
    assert detail(entry)["objects"] == len(keys) and detail(entry)["status"] == "drafted"
    with svc.ctx.db.sessions() as s:
        assert verify_chain(s).intact

    gone = me.get(f"/api/visits/{visit_id}")
    assert gone.status_code == 410 and gone.json()["code"] == "visit_deleted", gone.text
    assert "Consent withdrawn" in gone.json()["message"]
    assert svc.as_("supervisor").get(f"/api/visits/{visit_id}/draft").status_code == 410  # the team's supervisor
    assert svc.as_("supervisor_other").get(f"/api/visits/{visit_id}").status_code == 404  # another team: no hint
    assert visit_id not in {v["id"] for v in me.get("/api/visits").json()["items"]}


def test_a_supervisor_may_delete_a_team_visit_but_not_an_approved_record(svc: Service) -> None:
    approved = processed_visit(svc)
    reviewed(svc, approved)
    # A queued upload (no workers here): its job goes too, before any worker claims it.
    queued = str(upload(svc.client, svc.headers("practitioner")).json()["id"])

    refused = svc.as_("supervisor").request("DELETE", f"/api/visits/{approved}", params={"reason": "wrong visit"})
    assert refused.status_code == 409 and refused.json()["code"] == "approved_record", refused.text
    assert "--approved-record" in refused.json()["message"]
    assert svc.as_("practitioner").get(f"/api/visits/{approved}").status_code == 200

    r = svc.as_("supervisor").request("DELETE", f"/api/visits/{queued}", params={"reason": "wrong recording"})
    assert r.status_code == 200 and r.json()["status_before"] == "queued", r.text
    with svc.ctx.db.sessions() as s:
        assert s.scalars(select(Job).where(Job.visit_id == queued)).first() is None
    assert (
        svc.as_("evaluator").request("DELETE", f"/api/visits/{approved}", params={"reason": "xyz"}).status_code == 403
    )


def test_the_digital_team_erases_an_approved_record_from_the_server(
    svc: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    visit_id = processed_visit(svc)
    reviewed(svc, visit_id)
    keys = _stored_keys(svc, visit_id)
    monkeypatch.setenv("OFFSET_DATABASE_URL", svc.ctx.settings.resolved_database_url)
    monkeypatch.setenv("OFFSET_DATA_DIR", str(svc.ctx.settings.data_dir))
    runner = CliRunner()
    refused = runner.invoke(cli, ["visits", "delete", visit_id, "--reason", "erasure agreed"])
    assert refused.exit_code == 2 and "--approved-record" in refused.output, refused.output
    assert _stored_keys(svc, visit_id) == keys
    done = runner.invoke(cli, ["visits", "delete", visit_id, "--reason", "erasure agreed", "--approved-record"])
    assert done.exit_code == 0, done.output
    assert f"deleted visit {visit_id}" in done.output
    root = svc.ctx.settings.resolved_storage_dir
    assert not any((root / k).exists() for k in keys)
    (entry,) = audited(svc.ctx, "visit.delete", visit_id)
    assert entry.username.startswith("cli:") and detail(entry)["status"] == "approved"


def test_retention_deletes_the_edited_versions_before_the_approved_one(svc: Service) -> None:
    visit_id = processed_visit(svc)
    _edit(svc, visit_id, 1, "Fall on Tuesday.")
    _edit(svc, visit_id, 2, "Fall last Tuesday.")
    reviewed(svc, visit_id)  # approves version 3
    me, url = svc.as_("practitioner"), f"/api/visits/{visit_id}"
    with svc.ctx.db.sessions() as s:
        v2 = s.scalars(select(DraftVersion).where(DraftVersion.visit_id == visit_id, DraftVersion.version == 2)).one()
        key2 = v2.storage_key
    root = svc.ctx.settings.resolved_storage_dir
    strict = replace(svc.ctx, settings=svc.ctx.settings.model_copy(update={"retention_working_days": 10}))
    assert "draft_version" not in {d.kind for d in run_retention(strict, now=utcnow() + timedelta(days=9)).due}
    report = run_retention(strict, now=utcnow() + timedelta(days=11))
    versions = [d for d in report.deleted if d.kind == "draft_version"]
    assert [d.version for d in versions] == [2], "only the edit between the generated draft and the record"
    assert not (root / key2).exists()
    entries = [e for e in audited(svc.ctx, "retention.delete", visit_id) if detail(e)["kind"] == "draft_version"]
    assert [detail(e)["version"] for e in entries] == [2]
    again = run_retention(strict, now=utcnow() + timedelta(days=12))
    assert "draft_version" not in {d.kind for d in again.due}, "a deleted version is not deleted twice"

    listing = me.get(f"{url}/draft/versions").json()["versions"]
    assert [v["deleted_at"] is not None for v in listing] == [False, True, False]  # v1's artefact row is separate
    gone = me.get(f"{url}/draft/diff", params={"from": 2, "to": 3})
    assert gone.status_code == 410 and gone.json()["code"] == "deleted_by_retention", gone.text
    assert me.get(f"{url}/draft").json()["version"] == 3
    assert "Fall last Tuesday." in me.get(f"{url}/export", params={"format": "json"}).text

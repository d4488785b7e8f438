"""Every wired action leaves an audit entry (who, role, team, visit, request id); `GET /api/audit` filters
and downloads them; admins only."""

from __future__ import annotations

import csv
import io
import re

from api.audit import verify_chain
from tests.api.audit_helpers import audited, detail, processed_visit
from tests.api.conftest import PASSWORD, Service
from tests.api.helpers import upload


def test_sign_in_and_a_failed_sign_in_are_audited(service: Service) -> None:
    r = service.client.post("/api/auth/token", data={"username": "supervisor@example.org", "password": PASSWORD})
    assert r.status_code == 200
    entry = audited(service.ctx, "auth.sign_in")[-1]
    assert (entry.username, entry.user_id, entry.roles, entry.team) == (
        "supervisor@example.org", service.users["supervisor"], "supervisor", "North",
    )  # fmt: skip
    assert entry.request_id == r.headers["x-request-id"] and detail(entry) == {"channel": "api"}
    assert entry.address  # the client's address

    r = service.client.post("/api/auth/token", data={"username": "Supervisor@example.org", "password": "wrong"})
    assert r.status_code == 401
    failed = audited(service.ctx, "auth.sign_in_failed")[-1]
    assert failed.username == "supervisor@example.org" and failed.user_id is None
    assert detail(failed) == {"channel": "api", "reason": "wrong_password"}
    assert failed.request_id == r.headers["x-request-id"]
    r = service.client.post("/api/auth/token", data={"username": "nobody@example.org", "password": "wrong"})
    assert r.status_code == 401
    assert detail(audited(service.ctx, "auth.sign_in_failed")[-1])["reason"] == "unknown_account"


def test_web_sign_in_failure_and_sign_out_are_audited(service: Service) -> None:
    client = service.client
    page = client.get("/sign-in")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, "the sign-in form carries a CSRF token"
    form = {"email": "practitioner@example.org", "password": "wrong password", "csrf_token": token.group(1)}
    assert client.post("/sign-in", data=form).status_code == 401
    assert detail(audited(service.ctx, "auth.sign_in_failed")[-1])["channel"] == "web"
    form["password"] = PASSWORD
    r = client.post("/sign-in", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text
    signed_in = audited(service.ctx, "auth.sign_in")[-1]
    assert signed_in.user_id == service.users["practitioner"] and detail(signed_in) == {"channel": "web"}
    assert signed_in.request_id == r.headers["x-request-id"]
    account = client.get("/account")
    token = re.search(r'name="csrf_token" value="([^"]+)"', account.text)
    assert token, "the account page has a sign-out form"
    r = client.post("/sign-out", data={"csrf_token": token.group(1)}, follow_redirects=False)
    assert r.status_code == 303
    out = audited(service.ctx, "auth.sign_out")[-1]
    assert out.user_id == service.users["practitioner"] and out.request_id == r.headers["x-request-id"]
    client.cookies.clear()


def test_upload_and_reads_of_content_are_audited(service: Service) -> None:
    visit_id = processed_visit(service)
    up = audited(service.ctx, "visit.upload", visit_id)
    assert len(up) == 1 and up[0].user_id == service.users["practitioner"]
    assert detail(up[0])["template"] == "general_visit" and detail(up[0])["bytes"] > 0

    sup = service.as_("supervisor")
    for path, action in (("transcript", "transcript.read"), ("draft", "draft.read")):
        r = sup.get(f"/api/visits/{visit_id}/{path}")
        assert r.status_code == 200, r.text
        entries = audited(service.ctx, action, visit_id)
        assert len(entries) == 1
        assert (entries[0].user_id, entries[0].roles, entries[0].team) == (
            service.users["supervisor"],
            "supervisor",
            "North",
        )
        assert entries[0].request_id == r.headers["x-request-id"]
    r = service.as_("practitioner").get(f"/api/visits/{visit_id}/audio", headers={"Range": "bytes=0-99"})
    assert r.status_code == 206
    entry = audited(service.ctx, "audio.read", visit_id)[-1]
    assert detail(entry) == {"range": "bytes=0-99", "status": 206}
    # A refused read is not a read: nothing audited for the other team's practitioner.
    assert service.as_("practitioner_other").get(f"/api/visits/{visit_id}/draft").status_code == 404
    assert len(audited(service.ctx, "draft.read", visit_id)) == 1


def test_account_changes_are_audited_without_passwords(service: Service) -> None:
    admin = service.as_("admin")
    assert admin.post("/api/teams", json={"name": "East"}).status_code == 201
    team = audited(service.ctx, "team.create")[-1]
    assert detail(team)["name"] == "East" and team.user_id == service.users["admin"]
    r = admin.post(
        "/api/users",
        json={"email": "new@example.org", "password": PASSWORD, "roles": ["practitioner"], "team": "East"},
    )
    assert r.status_code == 201
    created = audited(service.ctx, "user.create")[-1]
    assert detail(created)["email"] == "new@example.org" and detail(created)["roles"] == ["practitioner"]
    user_id = r.json()["id"]
    r = admin.request("PATCH", f"/api/users/{user_id}", json={"password": PASSWORD + "!", "roles": ["supervisor"]})
    assert r.status_code == 200, r.text
    changed = detail(audited(service.ctx, "user.update")[-1])
    assert changed["changes"] == {"password": "changed", "roles": [["practitioner"], ["supervisor"]]}
    for e in audited(service.ctx, "user.create") + audited(service.ctx, "user.update"):
        assert PASSWORD not in e.detail and "argon2" not in e.detail


def test_the_audit_api_filters_pages_and_downloads_csv(service: Service) -> None:
    visit_id = processed_visit(service)
    sup = service.as_("supervisor")
    for _ in range(3):
        assert sup.get(f"/api/visits/{visit_id}/draft").status_code == 200
    admin = service.as_("admin")
    r = admin.get("/api/audit", params={"visit": visit_id, "action": "draft.read", "limit": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 3 and len(body["items"]) == 2
    assert body["items"][0]["seq"] > body["items"][1]["seq"], "newest first"
    assert {i["username"] for i in body["items"]} == {"supervisor@example.org"}
    assert admin.get("/api/audit", params={"visit": visit_id, "limit": 2, "offset": 2}).json()["items"]
    by_user = admin.get("/api/audit", params={"user": "supervisor@example.org", "action": "draft."}).json()
    assert by_user["total"] >= 3 and all(i["action"].startswith("draft.") for i in by_user["items"])
    second = body["items"][-1]["at"]  # the second of the three reads: `from` includes it, `to` does not
    later = admin.get("/api/audit", params={"visit": visit_id, "action": "draft.read", "from": second}).json()
    assert later["total"] == 2
    earlier = admin.get("/api/audit", params={"visit": visit_id, "action": "draft.read", "to": second}).json()
    assert earlier["total"] == 1
    r = admin.get("/api/audit", params={"action": "visit.nonsense"})
    assert r.status_code == 422 and "auth." in r.json()["message"]
    r = admin.get("/api/audit", params={"from": "2026-01-01T00:00:00"})
    assert r.status_code == 422 and "time zone" in r.json()["message"]

    r = admin.get("/api/audit", params={"visit": visit_id, "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["action"] for row in rows] == ["visit.upload", "draft.read", "draft.read", "draft.read"]
    assert all(len(row["hash"]) == 64 for row in rows)
    # Reading the log is audited too.
    reads = audited(service.ctx, "audit.read")
    assert detail(reads[-1]) == {"format": "csv", "filters": {"visit": visit_id}}


def test_only_admins_read_the_audit_log(service: Service) -> None:
    for who in ("practitioner", "supervisor", "evaluator"):
        r = service.as_(who).get("/api/audit")
        assert r.status_code == 403 and "admins" in r.json()["message"]
    assert service.as_(None).get("/api/audit").status_code == 401


def test_the_chain_stays_intact_through_the_service(service: Service) -> None:
    upload(service.client, service.headers("practitioner"))
    with service.ctx.db.sessions() as s:
        report = verify_chain(s)
    assert report.intact and report.entries > 10


def test_account_commands_are_audited_as_the_cli(service: Service, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from api.cli import app as cli

    monkeypatch.setenv("OFFSET_DATA_DIR", str(service.ctx.settings.data_dir))
    monkeypatch.setenv("OFFSET_DATABASE_URL", service.ctx.db.url)
    runner = CliRunner()
    assert runner.invoke(cli, ["teams", "create", "West"]).exit_code == 0
    res = runner.invoke(cli, ["users", "create", "cli-audit@example.org", "--role", "evaluator"], input=f"{PASSWORD}\n")
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["users", "set-password", "cli-audit@example.org"], input=f"{PASSWORD}?\n")
    assert res.exit_code == 0, res.output
    team, created, changed = (audited(service.ctx, a)[-1] for a in ("team.create", "user.create", "user.update"))
    assert detail(team)["name"] == "West" and detail(created)["email"] == "cli-audit@example.org"
    assert detail(changed)["changes"] == {"password": "changed"}
    assert all(e.username.startswith("cli") and e.user_id is None for e in (team, created, changed))


def test_every_review_step_is_audited_and_timed(service: Service) -> None:
    """Edit, diff, acknowledge, submit, return, resubmit, approve, export: an entry each, and the review
    events for the time metrics written with them."""
    from sqlalchemy import select

    from api.db.models import ReviewEventRecord

    visit_id = processed_visit(service)
    me, sup = service.as_("practitioner"), service.as_("supervisor")
    url = f"/api/visits/{visit_id}"
    draft = me.get(f"{url}/draft").json()
    assert detail(audited(service.ctx, "draft.read", visit_id)[-1]) == {"version": 1}
    edit = {"base_version": 1, "fields": {"risks": "No risks were mentioned."}}
    assert me.request("PUT", f"{url}/draft", json=edit).status_code == 200
    assert me.get(f"{url}/draft/diff", params={"from": 1, "to": 2}).status_code == 200
    flag = draft["flags"][0]
    assert me.post(f"{url}/flags/{flag['id']}/ack").status_code == 200
    assert me.post(f"{url}/submit").status_code == 200
    r = sup.post(f"{url}/return", json={"comments": "Please add what matters to her."})
    assert r.status_code == 200, r.text
    assert me.post(f"{url}/submit").status_code == 200
    assert sup.post(f"{url}/approve").status_code == 200
    r = sup.get(f"{url}/export", params={"format": "json"})
    assert r.status_code == 200, r.text
    assert me.request("PUT", f"{url}/draft", json={"base_version": 2, "fields": {"risks": "x"}}).status_code == 409

    steps = {a: [detail(e) for e in audited(service.ctx, a, visit_id)] for a in (
        "draft.edit", "draft.read", "flag.ack", "visit.submit", "visit.return", "visit.approve", "visit.export",
    )}  # fmt: skip
    assert steps["draft.edit"] == [{"base_version": 1, "version": 2, "changed_fields": ["risks"]}]
    assert {"diff": [1, 2]} in steps["draft.read"]
    assert steps["flag.ack"] == [
        {"flag_id": flag["id"], "field_id": flag["field_id"], "kind": "risk", "category": "falls"}
    ]
    assert len(steps["visit.submit"]) == 2 and steps["visit.submit"][0]["fields_changed"] == 1
    assert steps["visit.submit"][0]["edit_chars"] > 0 and steps["visit.submit"][0]["version"] == 2
    assert steps["visit.return"] == [{"version": 2, "comments_chars": 31}]
    assert steps["visit.approve"] == [{"version": 2}]
    assert steps["visit.export"] == [{"format": "json", "reidentified": True, "version": 2}]
    approve = audited(service.ctx, "visit.approve", visit_id)[0]
    assert (approve.user_id, approve.roles, approve.team) == (service.users["supervisor"], "supervisor", "North")
    with service.ctx.db.sessions() as s:
        events = list(s.scalars(select(ReviewEventRecord.event).where(ReviewEventRecord.visit_id == visit_id)
                                .order_by(ReviewEventRecord.id)))  # fmt: skip
    assert events == ["draft_submitted", "draft_returned", "draft_submitted", "draft_approved"]


def test_times_at_the_ends_of_the_calendar_are_refused_not_a_crash(service: Service) -> None:
    admin = service.as_("admin")
    for value in ("9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"):
        r = admin.get("/api/audit", params={"to": value})
        assert r.status_code == 422 and "years 1 and 9999" in r.json()["message"]


def test_voice_profile_enrolment_and_deletion_are_audited(service: Service) -> None:
    from pathlib import Path

    enrolment = Path(__file__).resolve().parents[1] / "fixtures" / "speech" / "enrol_practitioner.ogg"
    r = service.client.put(
        "/api/me/voice-profile",
        headers=service.headers("practitioner"),
        files={"audio": ("me.ogg", enrolment.read_bytes(), "audio/ogg")},
    )
    assert r.status_code == 200, r.text
    enrolled = audited(service.ctx, "voice_profile.enrol")[-1]
    assert enrolled.user_id == service.users["practitioner"] and enrolled.request_id == r.headers["x-request-id"]
    r = service.client.delete("/api/me/voice-profile", headers=service.headers("practitioner"))
    assert r.status_code == 204
    deleted = audited(service.ctx, "voice_profile.delete")[-1]
    assert deleted.user_id == service.users["practitioner"] and deleted.request_id == r.headers["x-request-id"]

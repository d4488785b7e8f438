"""The review workflow through the API, on SQLite and PostgreSQL: a drafted visit is edited in
versions, diffed, submitted once its flags are dealt with, returned with comments, resubmitted,
approved (and then locked), and exported as DOCX, PDF and JSON with names restored only for those
allowed."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from prompts import load_template
from prompts.export_mapping import load_export_mapping
from tests.api.conftest import AsUser, Service
from tests.api.drafted import drafted_visit

pytestmark = pytest.mark.slow  # loads Presidio and the drafter's embedding model once per process
PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")


def put(who: AsUser, url: str, body: dict[str, Any]) -> Any:
    return who.request("PUT", url, json=body)


@pytest.fixture(scope="module")
def visit(service: Service) -> str:
    return drafted_visit(service)


@pytest.fixture(scope="module")
def person(service: Service, visit: str) -> str:
    """The placeholder the redacted transcript uses for Mr Whitaker (first line: 'Good morning Mr ...')."""
    transcript = service.as_("practitioner").get(f"/api/visits/{visit}/transcript").json()
    first = transcript["segments"][0]["text"]
    assert "Whitaker" not in first
    found = PLACEHOLDER.findall(first)
    assert found, first
    return found[0]


@pytest.fixture(scope="module")
def flow(service: Service, visit: str, person: str) -> Iterator[dict[str, Any]]:
    """What the flow test leaves behind for the export tests (they run after it, in file order)."""
    yield {"visit": visit, "person": person}


def test_the_draft_is_version_1_with_its_flags(service: Service, visit: str) -> None:
    me = service.as_("practitioner")
    draft = me.get(f"/api/visits/{visit}/draft")
    assert draft.status_code == 200, draft.text
    body = draft.json()
    assert body["version"] == 1 and body["editable"] and body["updated_by"] is None and body["edited_fields"] == []
    assert {f["id"] for f in body["fields"]} >= {"presenting_situation", "risks", "actions_agreed"}
    flags = body["flags"]
    assert flags, "the fixture's fall in the kitchen must be flagged"
    for flag in flags:
        assert {"id", "category", "status", "quote", "segment_id", "acknowledged"} <= set(flag)
        assert flag["acknowledged"] is False and flag["open"] is not None
    falls = [f for f in flags if f["kind"] == "risk" and f["category"] == "falls"]
    assert falls and "fall" in falls[0]["quote"].lower() and falls[0]["segment_id"].startswith("seg-")
    assert body["open_flags"] == sum(f["open"] for f in flags) > 0
    # Gathered from every field: the same flags as the fields carry.
    assert sorted(f["id"] for f in flags) == sorted(fl["id"] for f in body["fields"] for fl in f["flags"])
    status = me.get(f"/api/visits/{visit}").json()
    assert status["status"] == "drafted" and status["draft_version"] == 1


def test_the_whole_flow(service: Service, flow: dict[str, Any]) -> None:
    visit, person = flow["visit"], flow["person"]
    me, sup = service.as_("practitioner"), service.as_("supervisor")
    url = f"/api/visits/{visit}"

    # Only the author edits; an unknown field says which exist.
    assert put(sup, f"{url}/draft", {"base_version": 1, "fields": {"risks": "x"}}).status_code == 403
    r = put(me, f"{url}/draft", {"base_version": 1, "fields": {"no_such_field": "x"}})
    assert r.status_code == 422 and r.json()["code"] == "unknown_field"
    assert "presenting_situation" in r.json()["message"] and "no_such_field" in r.json()["detail"]["unknown"]

    # Two versions.
    first = f"Mr {person} was seen at home after his discharge from hospital.\nHe had a fall in the kitchen."
    r = put(me, f"{url}/draft", {"base_version": 1, "fields": {"presenting_situation": first}})
    assert r.status_code == 200, r.text
    assert r.json() == {"version": 2, "saved": True, "changed_fields": ["presenting_situation"]}
    stale = put(me, f"{url}/draft", {"base_version": 1, "fields": {"what_matters": "Staying at home."}})
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    assert stale.json()["detail"]["current_version"] == 2 and "base_version 2" in stale.json()["message"]
    second = f"{person} wants to stay in his own home."
    r = put(me, f"{url}/draft", {"base_version": 2, "fields": {"what_matters": second}})
    assert r.json()["version"] == 3
    same = put(me, f"{url}/draft", {"base_version": 3, "fields": {"what_matters": second}})
    assert same.json() == {"version": 3, "saved": False, "changed_fields": []}

    versions = me.get(f"{url}/draft/versions").json()
    assert versions["current"] == 3
    assert [
        (v["version"], v["author"] and v["author"]["email"], v["changed_fields"]) for v in versions["versions"]
    ] == [
        (1, None, []),
        (2, "practitioner@example.org", ["presenting_situation"]),
        (3, "practitioner@example.org", ["what_matters"]),
    ]
    diff = me.get(f"{url}/draft/diff", params={"from": 1, "to": 3}).json()
    assert diff["changed_fields"] == ["presenting_situation", "what_matters"]
    by_id = {d["field_id"]: d for d in diff["fields"]}
    assert by_id["presenting_situation"]["new"] == first and not by_id["risks"]["changed"]
    assert "".join(op["new"] for op in by_id["what_matters"]["ops"]) == second
    assert "".join(op["old"] for op in by_id["what_matters"]["ops"]) == by_id["what_matters"]["old"]
    assert me.get(f"{url}/draft/diff", params={"from": 2, "to": 3}).json()["changed_fields"] == ["what_matters"]
    assert me.get(f"{url}/draft/diff", params={"from": 1, "to": 9}).status_code == 404
    draft = me.get(f"{url}/draft").json()
    assert draft["version"] == 3 and draft["updated_by"]["email"] == "practitioner@example.org"
    assert draft["edited_fields"] == ["presenting_situation", "what_matters"]

    # Submit is refused while flags are open, and says which and what to do.
    refused = me.post(f"{url}/submit")
    assert refused.status_code == 409 and refused.json()["code"] == "open_flags"
    open_ids = [f["id"] for f in refused.json()["detail"]["open_flags"]]
    assert open_ids == [f["id"] for f in draft["flags"] if f["open"]] and "/ack" in refused.json()["message"]
    assert sup.post(f"{url}/flags/{open_ids[0]}/ack").status_code == 403  # the author's to acknowledge
    assert me.post(f"{url}/flags/flag_0000000000000000/ack").status_code == 404
    for flag_id in open_ids:
        r = me.post(f"{url}/flags/{flag_id}/ack")
        assert r.status_code == 200 and r.json()["acknowledged"] and not r.json()["open"], r.text
        assert r.json()["acknowledged_by"]["email"] == "practitioner@example.org"
    assert me.post(f"{url}/flags/{open_ids[0]}/ack").status_code == 200  # again: no change
    assert me.get(f"{url}/draft").json()["open_flags"] == 0
    assert sup.post(f"{url}/approve").json()["code"] == "invalid_transition"  # not submitted yet
    r = me.post(f"{url}/submit")
    assert r.status_code == 200 and r.json()["status"] == "submitted" and r.json()["version"] == 3, r.text
    burden = r.json()["edit_burden"]
    assert burden["fields_changed"] == 2 and burden["fields_total"] == len(draft["fields"])
    assert burden["edit_chars"] > 0 and burden["draft_words"] > 0
    edit = put(me, f"{url}/draft", {"base_version": 3, "fields": {"risks": "x"}})
    assert edit.status_code == 409 and edit.json()["code"] == "submitted"

    # Return with comments; only a supervisor of the team, never the author.
    assert me.post(f"{url}/return", json={"comments": "no"}).status_code == 403
    assert service.as_("supervisor_other").post(f"{url}/return", json={"comments": "no"}).status_code == 404
    assert sup.post(f"{url}/return", json={"comments": "   "}).status_code == 422
    comments = "Please say who will arrange the grab rail."
    r = sup.post(f"{url}/return", json={"comments": comments})
    assert r.status_code == 200 and r.json()["status"] == "returned" and r.json()["step"]["comments"] == comments
    status = me.get(url).json()
    assert status["status"] == "returned" and status["return_comments"] == comments and status["returned_at"]
    again = sup.post(f"{url}/approve")
    assert again.status_code == 409 and again.json()["detail"]["status"] == "returned"
    assert "returned" in again.json()["message"]
    early = me.get(f"{url}/export", params={"format": "pdf"})
    assert early.status_code == 409 and early.json()["code"] == "not_approved"

    # Resubmit with the change asked for, then approve.
    actions = "- Sarah will arrange a grab rail by Friday.\n- Occupational therapy referral."
    r = put(me, f"{url}/draft", {"base_version": 3, "fields": {"actions_agreed": actions}})
    assert r.json()["version"] == 4
    assert me.post(f"{url}/submit").json()["status"] == "submitted"
    assert me.post(f"{url}/approve").status_code == 403
    r = sup.post(f"{url}/approve")
    assert r.status_code == 200 and r.json()["status"] == "approved" and r.json()["version"] == 4, r.text
    status = me.get(url).json()
    assert status["status"] == "approved" and status["approved_by"]["email"] == "supervisor@example.org"
    assert status["approved_at"] and status["draft_version"] == 4
    assert any(v["id"] == visit for v in me.get("/api/visits", params={"status": "approved"}).json()["items"])
    steps = me.get(f"{url}/draft/versions").json()["steps"]
    assert [(st["action"], st["by"]["email"], st["version"], st["comments"]) for st in steps] == [
        ("submit", "practitioner@example.org", 3, None),
        ("return", "supervisor@example.org", 3, comments),
        ("submit", "practitioner@example.org", 4, None),
        ("approve", "supervisor@example.org", 4, None),
    ]

    # Locked.
    locked = put(me, f"{url}/draft", {"base_version": 4, "fields": {"risks": "x"}})
    assert locked.status_code == 409 and locked.json()["code"] == "locked"
    assert me.post(f"{url}/flags/{open_ids[0]}/ack").status_code == 409
    after = me.post(f"{url}/submit")
    assert after.status_code == 409 and "approved" in after.json()["message"]
    assert me.get(f"{url}/draft").json()["editable"] is False
    flow["edited"] = {"presenting_situation": first, "what_matters": second, "actions_agreed": actions}

    # The web pages read the same current version through the service functions.
    from api import review
    from api.db.models import User

    with service.ctx.db.sessions() as s:
        author = s.get(User, service.users["practitioner"])
        assert author is not None
        document, number = review.current_draft(service.ctx, s, author, visit)
    assert number == 4 and document.field("actions_agreed").value == actions


def vault_value(service: Service, visit: str, placeholder: str) -> str:
    """What the worker's vault holds for `placeholder` (read the way the service reads it)."""
    from sqlalchemy import select

    from api.db.models import Artefact
    from redaction.vault import Vault

    with service.ctx.db.session() as s:
        key = s.scalar(select(Artefact.storage_key).where(Artefact.visit_id == visit, Artefact.kind == "vault"))
    assert key is not None
    return Vault(service.ctx.settings.vault_key).decrypt(service.ctx.store.read_bytes(key))[placeholder]


def test_export_docx(service: Service, flow: dict[str, Any]) -> None:
    import docx

    r = service.as_("practitioner").get(f"/api/visits/{flow['visit']}/export", params={"format": "docx"})
    assert r.status_code == 200, r.text
    assert r.headers["x-offset-identities"] == "reidentified" and "attachment" in r.headers["content-disposition"]
    doc = docx.Document(io.BytesIO(r.content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    form = load_template("general_visit")
    assert headings == [f.label for f in form.fields]
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for row in doc.tables[0].rows for c in row.cells)
    assert "Whitaker" in text and flow["person"] not in text
    assert "4 (approved)" in cells and "Supervisor" in cells and "Names and identifiers restored" in cells
    assert "grab rail by Friday" in text


def test_export_pdf(service: Service, flow: dict[str, Any]) -> None:
    from pypdf import PdfReader

    r = service.as_("supervisor").get(f"/api/visits/{flow['visit']}/export", params={"format": "pdf"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.headers["x-offset-identities"] == "reidentified"  # a supervisor of the team
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(r.content)).pages)
    for field in load_template("general_visit").fields:
        assert field.label in text, field.label
    assert "Whitaker" in text and flow["person"] not in text
    assert "Approved by" in text and "Supervisor" in text and "4 (approved)" in text


def test_export_json_follows_the_mapping(service: Service, flow: dict[str, Any]) -> None:
    r = service.as_("practitioner").get(f"/api/visits/{flow['visit']}/export", params={"format": "json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    doc = r.json()
    mapping = load_export_mapping(load_template("general_visit"))
    assert set(doc) == set(mapping.output)  # type: ignore[arg-type]
    assert doc["schema"] == "offset.case_note/1"
    note = doc["caseNote"]
    assert note["offsetVisitId"] == flow["visit"] and note["identities"] == "reidentified"
    assert note["approval"]["version"] == 4 and note["approval"]["approvedBy"]["email"] == "supervisor@example.org"
    assert note["author"]["email"] == "practitioner@example.org" and note["author"]["team"] == "North"
    edited, person = flow["edited"], flow["person"]
    real = vault_value(service, flow["visit"], person)
    assert "Whitaker" in real
    assert doc["sections"]["presentingSituation"] == edited["presenting_situation"].replace(person, real)
    assert doc["sections"]["whatMatters"] == edited["what_matters"].replace(person, real)
    assert person not in json.dumps(doc)
    assert doc["actions"] == [
        {"what": "Sarah will arrange a grab rail by Friday.", "who": None, "by_when": None},
        {"what": "Occupational therapy referral.", "who": None, "by_when": None},
    ]


def test_redacted_export_keeps_placeholders(service: Service, flow: dict[str, Any]) -> None:
    url = f"/api/visits/{flow['visit']}/export"
    r = service.as_("practitioner").get(url, params={"format": "json", "redacted": "true"})
    assert r.status_code == 200 and r.headers["x-offset-identities"] == "redacted"
    assert "-redacted.json" in r.headers["content-disposition"]
    body = r.text
    assert "Whitaker" not in body and flow["person"] in body and r.json()["caseNote"]["identities"] == "redacted"


def test_each_export_is_audited_with_whether_names_were_restored(service: Service, flow: dict[str, Any]) -> None:
    from sqlalchemy import select

    from api.audit.query import detail_of
    from api.db.models import AuditEntry

    with service.ctx.db.sessions() as s:
        entries = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.visit_id == flow["visit"], AuditEntry.action == "visit.export")
            .order_by(AuditEntry.seq)
        ).all()
    exports = [(e.username, detail_of(e)["format"], detail_of(e)["reidentified"]) for e in entries]
    assert exports == [
        ("practitioner@example.org", "docx", True),
        ("supervisor@example.org", "pdf", True),
        ("practitioner@example.org", "json", True),
        ("practitioner@example.org", "json", False),  # ?redacted=true
    ]


def test_who_may_export(service: Service, flow: dict[str, Any]) -> None:
    url = f"/api/visits/{flow['visit']}/export"
    assert service.as_("evaluator").get(url, params={"format": "pdf"}).status_code == 403
    assert service.as_("admin").get(url, params={"format": "pdf"}).status_code == 403
    for who in ("practitioner_other", "supervisor_other"):
        assert service.as_(who).get(url, params={"format": "pdf"}).status_code == 404
    assert service.as_("practitioner").get(url, params={"format": "odt"}).status_code == 422


def test_two_saves_from_one_base_race_to_one_version(service: Service) -> None:
    """Both read version 1 as current; the unique (visit, version) row decides: the second is a 409."""
    import threading

    from api.db.models import User, Visit
    from api.errors import Conflict
    from api.review.versions import save_edit

    visit_id = drafted_visit(service)
    ctx, uid = service.ctx, service.users["practitioner"]
    outcome: dict[str, str] = {}

    def second() -> None:
        with ctx.db.sessions() as b:
            user, visit = b.get(User, uid), b.get(Visit, visit_id)
            assert user is not None and visit is not None
            try:
                save_edit(ctx, b, user, visit, 1, {"risks": "Saved second."})
                b.commit()
                outcome["second"] = "saved"
            except Conflict as e:
                outcome["second"] = e.code

    with ctx.db.sessions() as a:
        user, visit = a.get(User, uid), a.get(Visit, visit_id)
        assert user is not None and visit is not None
        assert save_edit(ctx, a, user, visit, 1, {"risks": "Saved first."}).version == 2  # flushed, not committed
        thread = threading.Thread(target=second)
        thread.start()
        thread.join(1.5)
        assert thread.is_alive(), "the second save should wait for the first one's version 2"
        a.commit()
    thread.join(60)
    assert outcome == {"second": "stale_version"}
    versions = service.as_("practitioner").get(f"/api/visits/{visit_id}/draft/versions").json()["versions"]
    assert [v["version"] for v in versions] == [1, 2]
    draft = service.as_("practitioner").get(f"/api/visits/{visit_id}/draft").json()
    assert next(f for f in draft["fields"] if f["id"] == "risks")["value"] == "Saved first."
    left = [k for k in ctx.store.storage.keys("visits") if k.startswith(f"visits/{visit_id}/draft-v")]
    assert len(left) == 1, left  # the losing save's stored version was removed


def test_a_visit_drafted_before_versions_existed_gets_version_1(service: Service) -> None:
    """A draft with no version row (a worker older than the review workflow wrote it) is version 1 on first read."""
    from sqlalchemy import delete, update

    from api.db.models import DraftVersion, Visit

    visit_id = drafted_visit(service)
    with service.ctx.db.session() as s:
        s.execute(delete(DraftVersion).where(DraftVersion.visit_id == visit_id))
        s.execute(update(Visit).where(Visit.id == visit_id).values(draft_version=None))
    me = service.as_("practitioner")
    assert me.get(f"/api/visits/{visit_id}/draft").json()["version"] == 1
    r = put(me, f"/api/visits/{visit_id}/draft", {"base_version": 1, "fields": {"risks": "Checked."}})
    assert r.status_code == 200 and r.json()["version"] == 2, r.text
    assert [v["version"] for v in me.get(f"/api/visits/{visit_id}/draft/versions").json()["versions"]] == [1, 2]


def test_retention_keeps_an_approved_draft_nobody_edited(service: Service) -> None:
    """Approved as drafted, version 1 is the generated draft artefact: retention of working drafts keeps it."""
    from dataclasses import replace
    from datetime import timedelta

    from api.db.base import utcnow
    from api.retention.run import run_retention

    visit_id = drafted_visit(service)
    me, url = service.as_("practitioner"), f"/api/visits/{visit_id}"
    for flag in me.get(f"{url}/draft").json()["flags"]:
        assert me.post(f"{url}/flags/{flag['id']}/ack").status_code == 200
    assert me.post(f"{url}/submit").status_code == 200
    assert service.as_("supervisor").post(f"{url}/approve").json()["version"] == 1
    strict = service.ctx.settings.model_copy(update={"retention_working_days": 0, "retention_audio_days": 0})
    report = run_retention(replace(service.ctx, settings=strict), now=utcnow() + timedelta(days=1))
    deleted = {d.kind for d in report.deleted if d.visit_id == visit_id}
    assert "audio" in deleted and "redacted" in deleted and "draft" not in deleted
    assert me.get(f"{url}/draft").json()["version"] == 1
    r = me.get(f"{url}/export", params={"format": "pdf"})
    assert r.status_code == 200 and r.headers["x-offset-identities"] == "reidentified"


def test_retention_of_an_edited_record_keeps_the_approved_version_and_says_the_first_is_gone(
    service: Service,
) -> None:
    from dataclasses import replace
    from datetime import timedelta

    from api.db.base import utcnow
    from api.retention.run import run_retention

    visit_id = drafted_visit(service)
    me, url = service.as_("practitioner"), f"/api/visits/{visit_id}"
    assert put(me, f"{url}/draft", {"base_version": 1, "fields": {"risks": "Fall last Tuesday."}}).status_code == 200
    for flag in me.get(f"{url}/draft").json()["flags"]:
        me.post(f"{url}/flags/{flag['id']}/ack")
    assert me.post(f"{url}/submit").status_code == 200
    assert service.as_("supervisor").post(f"{url}/approve").json()["version"] == 2
    strict = service.ctx.settings.model_copy(update={"retention_working_days": 0})
    report = run_retention(replace(service.ctx, settings=strict), now=utcnow() + timedelta(days=1))
    assert "draft" in {d.kind for d in report.deleted if d.visit_id == visit_id}  # the generated version 1
    assert me.get(f"{url}/draft").json()["version"] == 2
    gone = me.get(f"{url}/draft/diff", params={"from": 1, "to": 2})
    assert gone.status_code == 410 and gone.json()["code"] == "deleted_by_retention", gone.text
    r = me.get(f"{url}/export", params={"format": "json"})
    assert r.status_code == 200 and "Fall last Tuesday." in r.text


def test_a_statement_edited_away_no_longer_blocks_submit(service: Service) -> None:
    """The verifier flagged a statement as unsupported; the practitioner deletes it instead of acknowledging."""
    from sqlalchemy import select

    from api.db.models import DraftVersion
    from core.draft import Draft, Flag

    visit_id = drafted_visit(service)
    ctx = service.ctx
    # The fixture's visit gives risk flags only; plant the verifier's finding on a drafted statement.
    with ctx.db.sessions() as s:
        key = s.scalar(select(DraftVersion.storage_key).where(DraftVersion.visit_id == visit_id))
    assert key is not None
    draft = Draft.model_validate_json(ctx.store.read_bytes(key))
    field = next(f for f in draft.fields if f.status == "drafted" and f.id != "risks")
    statement = "He drives to the shops every day."
    flag = Flag(kind="unsupported", message="Unsupported: nobody says this.", statement=statement).with_id(field.id)
    planted = field.model_copy(update={"value": f"{field.value} {statement}", "flags": [*field.flags, flag]})
    draft = draft.model_copy(update={"fields": [planted if f.id == field.id else f for f in draft.fields]})
    ctx.store.write_bytes(key, draft.model_dump_json().encode())

    me, url = service.as_("practitioner"), f"/api/visits/{visit_id}"
    body = me.get(f"{url}/draft").json()
    mine = next(f for f in body["flags"] if f["id"] == flag.id)
    assert mine["open"] and not mine["edited_away"] and mine["statement"] == statement
    for other in body["flags"]:
        if other["id"] != flag.id:
            assert me.post(f"{url}/flags/{other['id']}/ack").status_code == 200
    refused = me.post(f"{url}/submit")
    assert refused.status_code == 409 and [f["id"] for f in refused.json()["detail"]["open_flags"]] == [flag.id]
    kept = put(me, f"{url}/draft", {"base_version": 1, "fields": {field.id: planted.value.upper()}})
    assert kept.status_code == 200  # shouting it does not remove it
    assert next(f for f in me.get(f"{url}/draft").json()["flags"] if f["id"] == flag.id)["open"]
    put(me, f"{url}/draft", {"base_version": 2, "fields": {field.id: field.value}})
    after = next(f for f in me.get(f"{url}/draft").json()["flags"] if f["id"] == flag.id)
    assert after["edited_away"] and not after["acknowledged"] and not after["open"]
    assert me.post(f"{url}/submit").status_code == 200

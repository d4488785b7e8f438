"""Helpers for the audit, retention and time tests: a visit as if processed, and reading the log back."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from api.audit import record
from api.context import ServiceContext
from api.db.base import utcnow
from api.db.models import Artefact, ArtefactKind, AuditEntry, Job, JobStatus, User, Visit, VisitStatus
from api.review.versions import record_first_version
from core.draft import Draft, DraftField, DraftProvenance, Flag
from prompts import load_template
from redaction.models import RedactedSegment, RedactedTranscript, RedactionProvenance
from redaction.vault import Vault
from tests.api.conftest import Service
from tests.api.helpers import upload


def processed_visit(svc: Service, who: str = "practitioner") -> str:
    """Upload the fixture recording and store a transcript, redacted transcript and draft as the job would."""
    r = upload(svc.client, svc.headers(who))
    assert r.status_code == 202, r.text
    visit_id = str(r.json()["id"])
    ctx = svc.ctx
    redacted = RedactedTranscript(
        id="r1",
        transcript_id="t1",
        segments=[RedactedSegment(id="s1", start=0.0, end=4.0, speaker="SPEAKER_1", text="Hello [PERSON_1].")],
        provenance=RedactionProvenance(spacy_model="en_core_web_sm", score_threshold=0.4),
    )
    form = load_template("general_visit")
    fields = [DraftField(id=f.id, label=f.label, value=f"What was said about {f.label.lower()}.") for f in form.fields]
    # One risk flag, for the acknowledgement step.
    fields[0].flags = [
        Flag(kind="risk", message="Falls mentioned.", category="falls", status="disclosed", quote="I fell.").with_id(
            fields[0].id
        )
    ]
    draft = Draft(
        id="d1",
        transcript_id="t1",
        redaction_id="r1",
        title=form.title,
        fields=fields,
        provenance=DraftProvenance(
            template="general_visit", template_version=form.version, prompt_hash="x", drafter="test"
        ),
    )
    documents: dict[str, bytes] = {
        ArtefactKind.asr.value: b'{"segments": []}',
        ArtefactKind.transcript.value: b'{"segments": [], "names": "Jane Example"}',
        ArtefactKind.redacted.value: redacted.model_dump_json().encode(),
        ArtefactKind.vault.value: Vault(ctx.settings.vault_key).encrypt({"[PERSON_1]": "Jane Example"}),
        ArtefactKind.draft.value: draft.model_dump_json().encode(),
    }
    with ctx.db.session() as s:
        for kind, data in documents.items():
            w = ctx.store.write_bytes(f"visits/{visit_id}/{kind}.test.enc", data)
            s.add(Artefact(visit_id=visit_id, kind=kind, storage_key=w.key, size=w.size, sha256=w.sha256))
        s.flush()
        record_first_version(s, visit_id)  # what the runner does when it marks the visit drafted
        visit = s.get(Visit, visit_id)
        assert visit is not None
        visit.status, visit.progress, visit.drafted_at = VisitStatus.drafted.value, 1.0, utcnow()
        visit.draft_version = 1
        job = s.scalars(select(Job).where(Job.visit_id == visit_id)).one()
        job.status, job.finished_at = JobStatus.done.value, utcnow()  # as the runner leaves it
    return visit_id


def reviewed(svc: Service, visit_id: str, author: str = "practitioner", supervisor: str = "supervisor") -> None:
    """The review steps through the API: acknowledge the flag, submit, approve."""
    me = svc.as_(author)
    draft = me.get(f"/api/visits/{visit_id}/draft").json()
    for flag in draft["flags"]:
        assert me.post(f"/api/visits/{visit_id}/flags/{flag['id']}/ack").status_code == 200
    r = me.post(f"/api/visits/{visit_id}/submit")
    assert r.status_code == 200, r.text
    r = svc.as_(supervisor).post(f"/api/visits/{visit_id}/approve")
    assert r.status_code == 200, r.text


def audited(ctx: ServiceContext, action: str, visit_id: str | None = None) -> list[AuditEntry]:
    with ctx.db.sessions() as s:
        query = select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
        if visit_id is not None:
            query = query.where(AuditEntry.visit_id == visit_id)
        return list(s.scalars(query))


def detail(entry: AuditEntry) -> dict[str, Any]:
    value = json.loads(entry.detail)
    assert isinstance(value, dict)
    return value


def record_as(ctx: ServiceContext, who_id: int, action: str, visit_id: str, **detail: Any) -> AuditEntry:
    """What the review routes do for a step (submit, approve, ...): record it as this user."""
    with ctx.db.session() as s:
        user = s.get(User, who_id)
        entry = record(s, action=action, user=user, visit_id=visit_id, detail=detail)
    return entry

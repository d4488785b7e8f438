"""Helpers for the audit, retention and time tests: a visit as if processed, and reading the log back."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from api.audit import record
from api.context import ServiceContext
from api.db.base import utcnow
from api.db.models import Artefact, ArtefactKind, AuditEntry, User, Visit, VisitStatus
from core.draft import Draft, DraftField, DraftProvenance
from redaction.models import RedactedSegment, RedactedTranscript, RedactionProvenance
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
    draft = Draft(
        id="d1",
        transcript_id="t1",
        redaction_id="r1",
        title="General visit",
        fields=[DraftField(id="summary", label="Summary", value="A short visit.")],
        provenance=DraftProvenance(template="general_visit", template_version="1", prompt_hash="x", drafter="test"),
    )
    documents: dict[str, bytes] = {
        ArtefactKind.asr.value: b'{"segments": []}',
        ArtefactKind.transcript.value: b'{"segments": [], "names": "Jane Example"}',
        ArtefactKind.redacted.value: redacted.model_dump_json().encode(),
        ArtefactKind.vault.value: b"vault",
        ArtefactKind.draft.value: draft.model_dump_json().encode(),
    }
    with ctx.db.session() as s:
        for kind, data in documents.items():
            w = ctx.store.write_bytes(f"visits/{visit_id}/{kind}.test.enc", data)
            s.add(Artefact(visit_id=visit_id, kind=kind, storage_key=w.key, size=w.size, sha256=w.sha256))
        visit = s.get(Visit, visit_id)
        assert visit is not None
        visit.status, visit.progress, visit.drafted_at = VisitStatus.drafted.value, 1.0, utcnow()
    return visit_id


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
        if action == "visit.approve" and hasattr(VisitStatus, "approved"):
            visit = s.get(Visit, visit_id)
            assert visit is not None
            visit.status = VisitStatus.approved.value  # type: ignore[attr-defined]
    return entry

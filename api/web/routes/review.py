"""The draft review page: the form's sections beside the redacted transcript, evidence linked to the audio."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as data_field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from api.context import ServiceContext
from api.db.models import ArtefactKind, User, Visit
from api.errors import Conflict
from api.routes.visits import stored_document
from api.web.auth import WebUser
from api.web.deps import require_role
from api.web.service import Context, DbSession, ServiceUser, page_visit
from api.web.templating import render
from api.web.visit_words import clock, status_tag
from core.draft import Draft, DraftField, Participant
from redaction.models import RedactedTranscript

router = APIRouter()
ContentUser = Annotated[WebUser, Depends(require_role("practitioner", "supervisor"))]

ROLE_WORDS = {
    "practitioner": "Practitioner",
    "person": "Person visited",
    "carer": "Carer",
    "interpreter": "Interpreter",
    "other": "Other speaker",
}


def speaker_names(draft: Draft, transcript: RedactedTranscript) -> dict[str, str]:
    """Speaker label -> how the page names them: the participant's role (and relation), else the label."""
    names: dict[str, str] = {}
    for label, name in transcript.speakers.items():
        names[label] = name
    for p in draft.participants:
        names[p.label] = _participant_name(p)
    return names


def _participant_name(p: Participant) -> str:
    if p.role == "family":
        return (p.relation or "family member").capitalize()
    return ROLE_WORDS.get(p.role, p.label)


@dataclass
class FieldView:
    """One field as the page shows it: its value, evidence, doubtful statements and flags."""

    field: DraftField
    evidence: list[dict[str, Any]] = data_field(default_factory=list)
    doubtful: list[dict[str, Any]] = data_field(default_factory=list)
    flags: list[dict[str, Any]] = data_field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return bool(self.doubtful or self.flags)


def field_views(
    draft: Draft, names: dict[str, str], speaker_of: dict[str, str], acknowledged: set[str] | None = None
) -> list[FieldView]:
    """`speaker_of`: segment id -> the named speaker (evidence quotes carry only a display label)."""
    acknowledged = acknowledged or set()
    views = []
    for f in draft.fields:
        view = FieldView(field=f)
        for ev in f.evidence:
            view.evidence.append(
                {
                    "segment_id": ev.segment_id,
                    "start": ev.start,
                    "clock": clock(ev.start),
                    "speaker": speaker_of.get(ev.segment_id) or names.get(ev.speaker or "", ev.speaker or ""),
                    "quote": ev.quote,
                }
            )
        for check in f.checks:
            if check.support != "supported":
                view.doubtful.append(
                    {
                        "statement": check.statement,
                        "support": "Not supported" if check.support == "unsupported" else "Partly supported",
                        "reason": check.reason,
                        "segments": check.evidence_segment_ids,
                    }
                )
        for flag in f.flags:
            if flag.kind not in ("risk", "unsupported"):
                continue
            view.flags.append(
                {
                    "id": flag.id,
                    "kind": flag.kind,
                    "heading": _flag_heading(flag.kind, flag.category, flag.status),
                    "message": flag.message,
                    "quote": flag.quote or flag.statement,
                    "segment_id": flag.segment_id,
                    "acknowledged": flag.id in acknowledged,
                }
            )
        views.append(view)
    return views


def _flag_heading(kind: str, category: str | None, status: str | None) -> str:
    if kind == "risk":
        what = (category or "risk").replace("_", " ")
        return f"Risk: {what}" + (f" ({status})" if status else "")
    return "Not supported by the transcript"


def load_documents(
    ctx: ServiceContext, session: DbSession, user: User, visit: Visit
) -> tuple[Draft, RedactedTranscript]:
    draft = stored_document(ctx, session, user, visit.id, ArtefactKind.draft, Draft)
    transcript = stored_document(ctx, session, user, visit.id, ArtefactKind.redacted, RedactedTranscript)
    return draft, transcript


def review_context(
    request: Request, ctx: ServiceContext, session: DbSession, user: User, visit: Visit
) -> dict[str, Any]:
    """Everything the review page shows, read from the stored draft and redacted transcript."""
    try:
        draft, transcript = load_documents(ctx, session, user, visit)
    except Conflict:
        return {}
    names = speaker_names(draft, transcript)
    speaker_of = {s.id: names.get(s.speaker or "", s.speaker or "") for s in transcript.segments}
    views = field_views(draft, names, speaker_of)
    segments = [
        {
            "id": s.id,
            "start": s.start,
            "clock": clock(s.start),
            "speaker": names.get(s.speaker or "", s.speaker or ""),
            "text": s.text,
        }
        for s in transcript.segments
    ]
    return {
        "title": draft.title,
        "visit": visit,
        "tag": status_tag(visit.status),
        "draft": draft,
        "fields": views,
        "segments": segments,
        "speakers": sorted(set(names.values())),
        "open_flags": sum(1 for v in views for fl in v.flags if not fl["acknowledged"]),
        "audio_url": f"/api/visits/{visit.id}/audio",
    }


@router.get("/visits/{visit_id}/review", name="review")
def review(
    request: Request, visit_id: str, _: ContentUser, user: ServiceUser, session: DbSession, ctx: Context
) -> Response:
    """The draft beside its transcript; practitioners edit and submit, supervisors approve or return."""
    visit = page_visit(session, user, visit_id)
    context = review_context(request, ctx, session, user, visit)
    if not context:
        return RedirectResponse(request.app.url_path_for("visit", visit_id=visit.id), status_code=303)
    return render(request, "pages/review.html", context)

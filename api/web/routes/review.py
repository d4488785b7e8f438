"""The draft review page: the form's sections beside the redacted transcript, evidence linked to the audio.

The practitioner who recorded the visit edits fields (a new version each save), acknowledges flags
and submits; a supervisor of the team approves or returns it with comments. Everything goes
through the review service (api/review/service.py), the same functions the API calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as data_field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from api.audit import record
from api.context import ServiceContext
from api.db.models import ArtefactKind, ReviewStep, Role, User, Visit
from api.errors import Conflict
from api.permissions import is_author, is_team_supervisor
from api.review import service as review_service
from api.routes.visits import stored_document
from api.schemas.review import DraftPublic, FlagPublic
from api.web.auth import WebUser
from api.web.deps import require_role
from api.web.errors import PageConflictError
from api.web.service import Context, DbSession, ServiceUser, page_visit
from api.web.templating import render
from api.web.visit_words import clock, status_tag
from core.draft import DraftField, Participant
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
STEP_WORDS = {"submit": "Submitted for approval", "return": "Returned with comments", "approve": "Approved"}


def speaker_names(participants: list[Participant], transcript: RedactedTranscript) -> dict[str, str]:
    """Speaker label -> how the page names them: the participant's role (and relation), else the label."""
    names: dict[str, str] = dict(transcript.speakers)
    for p in participants:
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
    edited: bool = False
    evidence: list[dict[str, Any]] = data_field(default_factory=list)
    doubtful: list[dict[str, Any]] = data_field(default_factory=list)
    flags: list[dict[str, Any]] = data_field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return any(f["open"] for f in self.flags) or bool(self.doubtful and not self.edited)


def _flag_heading(flag: FlagPublic) -> str:
    if flag.kind == "risk":
        what = (flag.category or "risk").replace("_", " ")
        return f"Risk: {what}" + (f" ({flag.status})" if flag.status else "")
    return {
        "unsupported": "Not supported by the transcript",
        "fallback": "Written by the fall-back drafter",
        "low_confidence": "Low confidence",
    }.get(flag.kind, flag.kind.replace("_", " ").capitalize())


def field_views(draft: DraftPublic, names: dict[str, str], speaker_of: dict[str, str]) -> list[FieldView]:
    """`speaker_of`: segment id -> the named speaker (evidence quotes carry only a display label)."""
    flags_of: dict[str, list[FlagPublic]] = {}
    for flag in draft.flags:
        flags_of.setdefault(flag.field_id, []).append(flag)
    views = []
    for f in draft.fields:
        view = FieldView(field=f, edited=f.id in draft.edited_fields)
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
        if not view.edited:  # the verifier's verdicts are about the drafted text, not an edited one
            for check in f.checks:
                if check.support != "supported":
                    view.doubtful.append(
                        {
                            "statement": check.statement,
                            "support": "Not supported" if check.support == "unsupported" else "Partly supported",
                            "reason": check.reason,
                        }
                    )
        for flag in flags_of.get(f.id, []):
            view.flags.append(
                {
                    "id": flag.id,
                    "kind": flag.kind,
                    "heading": _flag_heading(flag),
                    "message": flag.message,
                    "quote": flag.quote or flag.statement,
                    "segment_id": flag.segment_id,
                    "acknowledged": flag.acknowledged,
                    "acknowledged_by": flag.acknowledged_by.display_name if flag.acknowledged_by else "",
                    "edited_away": flag.edited_away,
                    "open": flag.open,
                }
            )
        views.append(view)
    return views


def review_context(
    request: Request,
    ctx: ServiceContext,
    session: DbSession,
    user: User,
    visit: Visit,
    *,
    editing: str | None = None,
    errors: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Everything the review page shows, from the current draft version and the redacted transcript."""
    try:
        draft = review_service.get_draft(ctx, session, user, visit.id)
        # Audited as transcript.read by the service (with this request's id).
        transcript = stored_document(
            ctx, session, user, visit.id, ArtefactKind.redacted, RedactedTranscript, request=request
        )
    except Conflict as e:
        if visit.status in ("queued", "processing", "failed"):
            return {}  # not drafted yet: the processing page
        raise PageConflictError(e.message) from e
    names = speaker_names(draft.participants, transcript)
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
    steps = session.scalars(select(ReviewStep).where(ReviewStep.visit_id == visit.id).order_by(ReviewStep.at)).all()
    author = is_author(user, visit)
    supervisor = Role.supervisor in user.roles and is_team_supervisor(user, visit) and not author
    errors = errors or {}
    return {
        "title": draft.title,
        "visit": visit,
        "tag": status_tag(visit.status),
        "draft": draft,
        "fields": views,
        "segments": segments,
        "speakers": sorted(set(names.values())),
        "open_flags": draft.open_flags,
        "audio_url": f"/api/visits/{visit.id}/audio",
        "is_author": author,
        "can_edit": author and draft.editable,
        "can_review": supervisor and visit.status == "submitted",
        "editing": editing if author and draft.editable else None,
        "steps": [{"words": STEP_WORDS.get(s.action, s.action), "step": s} for s in steps],
        "returned": visit.status == "returned",
        "return_comments": visit.return_comments if visit.status == "returned" and author else None,
        "notice": request.query_params.get("done", ""),
        "errors": errors,
        "error_list": [{"text": t, "href": f"#{f}"} for f, t in errors.items()],
        "has_errors": bool(errors),
        "typed": typed or {},
        "back_url": request.app.url_path_for("team_queue" if supervisor else "my_visits"),
        "back_text": "Team approvals" if supervisor else "Your visits",
        "activity_url": f"/api/visits/{visit.id}/activity" if author and draft.editable else "",
    }


def render_review(
    request: Request, ctx: ServiceContext, session: DbSession, user: User, visit: Visit, *, status: int = 200, **kw: Any
) -> Response:
    context = review_context(request, ctx, session, user, visit, **kw)
    if not context:
        return RedirectResponse(request.app.url_path_for("visit", visit_id=visit.id), status_code=303)
    return render(request, "pages/review.html", context, status_code=status)


@router.get("/visits/{visit_id}/review", name="review")
def review(
    request: Request,
    visit_id: str,
    _: ContentUser,
    user: ServiceUser,
    session: DbSession,
    ctx: Context,
    edit: str | None = None,
) -> Response:
    """The draft beside its transcript; `?edit=FIELD` opens that field's editor (without JavaScript too)."""
    visit = page_visit(session, user, visit_id)
    response = render_review(request, ctx, session, user, visit, editing=edit)
    if response.status_code == 200:
        # The page shows the draft (the transcript's read is audited where it is read). For the author it is
        # also the "draft opened" time event the time metrics start from; a supervisor's look is a read.
        version = {"version": visit.draft_version} if visit.draft_version else {}
        action = "draft.open" if is_author(user, visit) else "draft.read"
        record(
            session, action=action, user=user, visit_id=visit.id, request=request, detail={**version, "page": "review"}
        )
        session.commit()
    return response

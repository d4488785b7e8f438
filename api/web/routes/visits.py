"""Practitioner pages: your visits, a new visit (upload or record), the processing page, retry."""

from __future__ import annotations

import json
from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import select

from api.db.models import Visit
from api.errors import ApiError
from api.permissions import can_delete_visit
from api.retention.erase import delete_visit
from api.routes.visits import retry_visit
from api.uploads.visit_upload import receive_visit
from api.web.auth import WebUser
from api.web.deps import CsrfProtected, require_role
from api.web.errors import PageConflictError, PageForbiddenError
from api.web.service import Context, DbSession, ServiceUser, page_visit
from api.web.templating import render
from api.web.visit_words import STAGES, status_tag

router = APIRouter()
Practitioner = Annotated[WebUser, Depends(require_role("practitioner"))]
ContentUser = Annotated[WebUser, Depends(require_role("practitioner", "supervisor"))]

# The new-visit form's known-identifier inputs and the `known` JSON keys they fill (lists: one per line).
KNOWN_INPUTS: list[tuple[str, str, str, bool]] = [
    ("known_person_name", "person_name", "Name of the person visited", False),
    ("known_other_names", "other_names", "Other people named (family, carers, GP), one per line", True),
    ("known_address", "address", "Address", False),
    ("known_postcode", "postcode", "Postcode", False),
    ("known_date_of_birth", "date_of_birth", "Date of birth", False),
    ("known_nhs_number", "nhs_number", "NHS number", False),
    ("known_phone_numbers", "phone_numbers", "Phone numbers, one per line", True),
]


def _templates() -> list[Any]:
    from prompts import list_templates

    return list_templates()


def _form_context(title: str, errors: dict[str, str] | None = None, status: str = "") -> dict[str, Any]:
    errors = errors or {}
    return {
        "title": title,
        "templates": _templates(),
        "known_inputs": KNOWN_INPUTS,
        "errors": errors,
        "error_list": [{"text": t, "href": f"#{f}"} for f, t in errors.items()],
        "has_errors": bool(errors),
        "status": status,
    }


@router.get("/visits", name="my_visits")
def my_visits(request: Request, _: Practitioner, user: ServiceUser, session: DbSession) -> HTMLResponse:
    """The practitioner's own visits, newest first, each with its status."""
    visits = session.scalars(
        select(Visit).where(Visit.owner_id == user.id).order_by(Visit.created_at.desc()).limit(200)
    ).all()
    rows = [{"visit": v, "tag": status_tag(v.status), "href": visit_href(request, v)} for v in visits]
    deleted = request.query_params.get("deleted") == "1"
    return render(request, "pages/my_visits.html", {"title": "Your visits", "rows": rows, "deleted": deleted})


def visit_href(request: Request, visit: Visit) -> str:
    if visit.status in ("queued", "processing", "failed"):
        return request.app.url_path_for("visit", visit_id=visit.id)
    return request.app.url_path_for("review", visit_id=visit.id)


@router.get("/visits/new", name="new_visit")
def new_visit(request: Request, _: Practitioner) -> HTMLResponse:
    """Choose a form, confirm consent, optionally give known identifiers, and upload the recording."""
    return render(request, "pages/new_visit.html", _form_context("Upload a visit recording"))


@router.get("/visits/record", name="record_visit")
def record_visit(request: Request, _: Practitioner) -> HTMLResponse:
    """Record the visit in the browser (needs JavaScript and a microphone); uploaded when stopped."""
    return render(request, "pages/record_visit.html", _form_context("Record a visit"))


def known_from_inputs(fields: dict[str, str], practitioner_name: str) -> None:
    """Turn the form's known-identifier inputs into the `known` JSON the upload takes (in place)."""
    known: dict[str, Any] = {}
    for name, key, _label, is_list in KNOWN_INPUTS:
        raw = fields.pop(name, "").strip()
        if not raw:
            continue
        known[key] = [line.strip() for line in raw.splitlines() if line.strip()] if is_list else raw
    if known and practitioner_name:
        known["practitioner_names"] = [practitioner_name]
    if known:
        fields["known"] = json.dumps(known)


# The upload's refusals as the form shows them: the field to point at, and words for the page
# (the API's own messages name API fields such as consent=true).
ERROR_FIELDS = {
    "consent_required": "consent",
    "unknown_template": "template",
    "invalid_known": "known_person_name",
}
PAGE_MESSAGES = {
    "consent_required": "Confirm the people in this visit agreed to it being recorded and written up",
    "audio_required": "Choose the recording to upload",
    "unknown_template": "Choose which form the draft should fill",
}


@router.post("/visits/new", name="upload_visit_page", dependencies=[CsrfProtected])
async def upload_visit(request: Request, _: Practitioner, user: ServiceUser, ctx: Context) -> Response:
    """The new-visit form's upload: streamed to storage like the API's; a redirect to the processing page.

    A script sending the form asks for JSON (`Accept: application/json`) and gets `{id, url}` or the
    service's error.
    """
    from api.permissions import can_upload

    wants_json = "application/json" in request.headers.get("accept", "")
    name = user.display_name
    try:
        can_upload(user)
        visit_id, job_id = await receive_visit(request, ctx, user, lambda f: known_from_inputs(f, name))
    except ApiError as e:
        field = ERROR_FIELDS.get(e.code, "audio")
        message = PAGE_MESSAGES.get(e.code, e.message)
        if wants_json:
            return JSONResponse({"code": e.code, "message": message, "field": field}, status_code=e.status)
        recording = request.query_params.get("from") == "record"
        page = "pages/record_visit.html" if recording else "pages/new_visit.html"
        context = _form_context("Record a visit" if recording else "Upload a visit recording", {field: message})
        return render(request, page, context, status_code=e.status)
    if ctx.queue is not None:
        await to_thread.run_sync(ctx.queue.submit, job_id)
    url = request.app.url_path_for("visit", visit_id=visit_id)
    if wants_json:
        return JSONResponse({"id": visit_id, "url": url}, status_code=202)
    return RedirectResponse(url, status_code=303)


@router.get("/visits/{visit_id}", name="visit")
def visit_page(request: Request, visit_id: str, _: ContentUser, user: ServiceUser, session: DbSession) -> Response:
    """While a visit is processed: its stage and progress (updated by a script); when failed, why, and retry."""
    visit = page_visit(session, user, visit_id)
    if visit.status not in ("queued", "processing", "failed"):
        return RedirectResponse(request.app.url_path_for("review", visit_id=visit.id), status_code=303)
    context = {
        "title": "Visit failed" if visit.status == "failed" else "Processing your visit",
        "visit": visit,
        "tag": status_tag(visit.status),
        "stage_text": STAGES.get(visit.stage or "", "Waiting for a worker"),
        "percent": round(visit.progress * 100),
        "stages": STAGES,
        "attempts": visit.job.attempts if visit.job else 0,
    }
    return render(request, "pages/visit_processing.html", context)


@router.post("/visits/{visit_id}/retry", name="retry", dependencies=[CsrfProtected])
def retry(
    request: Request, visit_id: str, _: ContentUser, user: ServiceUser, session: DbSession, ctx: Context
) -> Response:
    """Process a failed visit again (stages already done are kept)."""
    visit = page_visit(session, user, visit_id)
    retry_visit(visit.id, ctx, session, user)
    return RedirectResponse(request.app.url_path_for("visit", visit_id=visit.id), status_code=303)


def _delete_page(
    request: Request, visit: Visit, reason: str = "", error: str = "", status_code: int = 200
) -> HTMLResponse:
    errors = {"reason": error} if error else {}
    context = {
        "title": "Delete this visit",
        "visit": visit,
        "reason": reason,
        "errors": errors,
        "error_list": [{"text": t, "href": f"#{f}"} for f, t in errors.items()],
        "has_errors": bool(errors),
        "back_url": visit_href(request, visit),
    }
    return render(request, "pages/delete_visit.html", context, status_code=status_code)


def _deletable(session: DbSession, user: ServiceUser, visit_id: str) -> Visit:
    """The visit, if this person may see it and delete it (a page saying who may, otherwise)."""
    visit = page_visit(session, user, visit_id)
    try:
        can_delete_visit(user, visit)
    except ApiError as e:
        raise PageForbiddenError(e.message) from e
    return visit


@router.get("/visits/{visit_id}/delete", name="delete_visit")
def delete_visit_page(
    request: Request, visit_id: str, _: ContentUser, user: ServiceUser, session: DbSession
) -> Response:
    """Confirm deleting a visit (consent withdrawn, the wrong recording), with the reason for the audit log."""
    visit = _deletable(session, user, visit_id)
    if visit.status == "approved":
        raise PageConflictError(
            "This visit is approved: it is the council's record and is kept. If the council has agreed to erase it, "
            "ask the digital team."
        )
    return _delete_page(request, visit)


@router.post("/visits/{visit_id}/delete", name="delete_visit_confirm", dependencies=[CsrfProtected])
def delete_visit_confirm(
    request: Request,
    visit_id: str,
    _: ContentUser,
    user: ServiceUser,
    session: DbSession,
    ctx: Context,
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Delete the visit and everything it holds; back to the list with a confirmation."""
    visit = _deletable(session, user, visit_id)
    own = visit.owner_id == user.id
    try:
        delete_visit(ctx, session, visit, reason, user=user, request=request)
    except ApiError as e:
        session.rollback()
        if e.code == "reason_required":
            return _delete_page(request, visit, reason, "Enter why the visit is being deleted", status_code=422)
        raise PageConflictError(e.message) from e
    target = "my_visits" if own else "team_queue"
    return RedirectResponse(f"{request.app.url_path_for(target)}?deleted=1", status_code=303)

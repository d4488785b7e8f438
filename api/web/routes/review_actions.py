"""What the review page's forms do: save a field, acknowledge a flag, submit, approve, return with
comments; the version history with a diff; downloads of the approved record. Each calls the review
service (api/review/service.py) and commits what it did with its audit entry."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from api.audit import record
from api.db.models import Visit
from api.errors import ApiError
from api.review import service as review_service
from api.schemas.review import DraftEdit, ReturnRequest
from api.web.auth import WebUser
from api.web.deps import CsrfProtected, require_role
from api.web.routes.review import render_review
from api.web.service import Context, DbSession, ServiceUser, page_visit
from api.web.templating import render

router = APIRouter()
ContentUser = Annotated[WebUser, Depends(require_role("practitioner", "supervisor"))]


def _back(request: Request, visit: Visit, done: str, anchor: str = "") -> RedirectResponse:
    url = request.app.url_path_for("review", visit_id=visit.id)
    return RedirectResponse(f"{url}?done={done}{anchor}", status_code=303)


def _first_message(e: ValidationError) -> str:
    return str(e.errors()[0].get("msg", "The text could not be saved.")).removeprefix("Value error, ")


@router.post("/visits/{visit_id}/fields/{field_id}", name="save_field", dependencies=[CsrfProtected])
def save_field(
    request: Request,
    visit_id: str,
    field_id: str,
    _: ContentUser,
    user: ServiceUser,
    session: DbSession,
    ctx: Context,
    base_version: Annotated[int, Form()],
    text: Annotated[str, Form()] = "",
) -> Response:
    """Save one field's new text as a new version (refused when someone saved a newer one meanwhile)."""
    visit = page_visit(session, user, visit_id)
    text = text.replace("\r\n", "\n").strip()
    try:
        edit = DraftEdit(base_version=base_version, fields={field_id: text})
        saved = review_service.edit_draft(ctx, session, user, visit.id, edit, request=request)
    except (ApiError, ValidationError) as e:
        session.rollback()
        message = _first_message(e) if isinstance(e, ValidationError) else e.message
        status = 422 if isinstance(e, ValidationError) else e.status
        return render_review(
            request, ctx, session, user, visit, editing=field_id, errors={f"text-{field_id}": message},
            typed={field_id: text}, status=status,
        )  # fmt: skip
    session.commit()
    return _back(request, visit, "saved" if saved.saved else "unchanged", f"#field-{field_id}")


@router.post("/visits/{visit_id}/flags/{flag_id}/ack", name="ack_flag_page", dependencies=[CsrfProtected])
def ack_flag(
    request: Request, visit_id: str, flag_id: str, _: ContentUser, user: ServiceUser, session: DbSession, ctx: Context
) -> Response:
    """The practitioner has checked a flag (risk, unsupported statement...) against the transcript."""
    visit = page_visit(session, user, visit_id)
    flag = review_service.ack_flag(ctx, session, user, visit.id, flag_id, request=request)
    session.commit()
    return _back(request, visit, "checked", f"#field-{flag.field_id}")


@router.post("/visits/{visit_id}/submit", name="submit_page", dependencies=[CsrfProtected])
def submit(
    request: Request, visit_id: str, _: ContentUser, user: ServiceUser, session: DbSession, ctx: Context
) -> Response:
    """Send the current version to a supervisor; refused, with the open flags listed, until each is checked."""
    visit = page_visit(session, user, visit_id)
    try:
        review_service.submit(ctx, session, user, visit.id, request=request)
    except ApiError as e:
        session.rollback()
        if e.code != "open_flags":
            raise
        open_flags = (e.detail or {}).get("open_flags", [])
        labels = {f.id: f.label for f in review_service.get_draft(ctx, session, user, visit.id).fields}
        # Each message links to the flag's "I have checked this" button.
        errors = {
            f"flag-{f['id']}-ack": f"Check the {(f.get('category') or f['kind']).replace('_', ' ')} flag in "
            f"‘{labels.get(f['field_id'], f['field_id'])}’ before you submit"
            for f in open_flags
        }
        return render_review(request, ctx, session, user, visit, errors=errors, status=409)
    session.commit()
    return _back(request, visit, "submitted")


@router.post("/visits/{visit_id}/approve", name="approve_page", dependencies=[CsrfProtected])
def approve(
    request: Request, visit_id: str, _: ContentUser, user: ServiceUser, session: DbSession, ctx: Context
) -> Response:
    """A supervisor of the team signs off the current version; it is locked from now on."""
    visit = page_visit(session, user, visit_id)
    review_service.approve(session, user, visit.id, request=request)
    session.commit()
    return _back(request, visit, "approved")


@router.post("/visits/{visit_id}/return", name="return_page", dependencies=[CsrfProtected])
def return_visit(
    request: Request,
    visit_id: str,
    _: ContentUser,
    user: ServiceUser,
    session: DbSession,
    ctx: Context,
    comments: Annotated[str, Form()] = "",
) -> Response:
    """Send it back to the practitioner with comments saying what to change."""
    visit = page_visit(session, user, visit_id)
    try:
        body = ReturnRequest(comments=comments)
    except ValidationError:
        errors = {"comments": "Enter what the practitioner should change"}
        return render_review(
            request, ctx, session, user, visit, errors=errors, typed={"comments": comments}, status=422
        )
    review_service.return_visit(session, user, visit.id, body.comments, request=request)
    session.commit()
    return _back(request, visit, "returned")


@router.get("/visits/{visit_id}/versions", name="versions")
def versions(
    request: Request,
    visit_id: str,
    _: ContentUser,
    user: ServiceUser,
    session: DbSession,
    ctx: Context,
    from_version: int | None = None,
    to_version: int | None = None,
) -> HTMLResponse:
    """Every saved version (who, when, which fields), and the word-level differences between two."""
    visit = page_visit(session, user, visit_id)
    history = review_service.list_versions(session, user, visit.id)
    diff = None
    if history.current > 1 or (from_version and to_version):
        new = to_version or history.current
        old = from_version or max(1, new - 1)
        diff = review_service.diff(ctx, session, user, visit.id, old, new)
        # The diff shows the draft's text, so it is a read of the draft.
        record(session, action="draft.read", user=user, visit_id=visit.id, request=request, detail={"diff": [old, new]})
        session.commit()
    context = {
        "title": "Versions of the draft",
        "visit": visit,
        "history": history,
        "diff": diff,
        "labels": {f.field_id: f.label for f in diff.fields} if diff else {},
    }
    return render(request, "pages/versions.html", context)


@router.get("/visits/{visit_id}/export/{fmt}", name="export_page")
def export(
    request: Request,
    visit_id: str,
    fmt: Literal["docx", "pdf", "json"],
    _: ContentUser,
    user: ServiceUser,
    session: DbSession,
    ctx: Context,
    redacted: bool = False,
) -> Response:
    """The approved record as a file: real names for the author and the team's supervisors (audited)."""
    visit = page_visit(session, user, visit_id)
    file = review_service.export(ctx, session, user, visit.id, fmt, redacted=redacted, request=request)
    session.commit()
    headers = {"Content-Disposition": f'attachment; filename="{file.filename}"', "Cache-Control": "no-store"}
    return Response(file.content, media_type=file.media_type, headers=headers)

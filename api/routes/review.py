"""The review workflow: the draft and its versions, flags, submit / return / approve, export.

Each route is a thin call into api/review (the web pages call the same functions), then audits the step
(`api.audit.record`, in the same transaction) and commits.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api import review
from api.audit import record
from api.deps import ContextDep, CurrentUser, SessionDep
from api.errors import responses
from api.schemas.common import VisitId
from api.schemas.review import (
    DraftDiff,
    DraftEdit,
    DraftPublic,
    DraftSaved,
    FlagPublic,
    ReturnRequest,
    ReviewState,
    VersionList,
)

router = APIRouter(prefix="/visits", tags=["review"])
ERRORS = responses(401, 403, 404)
CONFLICT = {**ERRORS, **responses(409)}
IDENTITIES_HEADER = "X-Offset-Identities"
FlagId = Annotated[str, Path(max_length=80, description="A flag id from GET .../draft (flag_ + 16 hex).")]


@router.get(
    "/{visit_id}/draft",
    responses=CONFLICT,
    summary="The current draft version: fields with evidence and verification, and every flag with its state",
)
def get_draft(
    visit_id: VisitId, request: Request, ctx: ContextDep, session: SessionDep, user: CurrentUser
) -> DraftPublic:
    draft = review.get_draft(ctx, session, user, visit_id)
    record(
        session, action="draft.read", user=user, visit_id=visit_id, request=request, detail={"version": draft.version}
    )
    session.commit()
    return draft


@router.put(
    "/{visit_id}/draft",
    responses={**CONFLICT, **responses(422)},
    summary="Save an edit as a new version (409 if base_version is no longer current, or the draft is locked)",
)
def put_draft(
    visit_id: VisitId, edit: DraftEdit, request: Request, ctx: ContextDep, session: SessionDep, user: CurrentUser
) -> DraftSaved:
    saved = review.edit_draft(ctx, session, user, visit_id, edit, request=request)
    session.commit()
    return saved


@router.get("/{visit_id}/draft/versions", responses=CONFLICT, summary="Every version: who saved it, when, what changed")
def get_versions(visit_id: VisitId, session: SessionDep, user: CurrentUser) -> VersionList:
    return review.list_versions(session, user, visit_id)


@router.get("/{visit_id}/draft/diff", responses=CONFLICT, summary="Field-by-field differences between two versions")
def get_diff(
    visit_id: VisitId,
    request: Request,
    ctx: ContextDep,
    session: SessionDep,
    user: CurrentUser,
    from_: Annotated[int, Query(alias="from", ge=1, le=1_000_000, description="The older version.")],
    to: Annotated[int, Query(ge=1, le=1_000_000, description="The newer version.")],
) -> DraftDiff:
    diff = review.diff(ctx, session, user, visit_id, from_, to)
    # The diff shows the draft's text, so it is a read of the draft.
    record(session, action="draft.read", user=user, visit_id=visit_id, request=request, detail={"diff": [from_, to]})
    session.commit()
    return diff


@router.post(
    "/{visit_id}/flags/{flag_id}/ack",
    responses=CONFLICT,
    summary="Acknowledge a flag (risk, unsupported statement): you have looked at it",
)
def ack_flag(
    visit_id: VisitId,
    flag_id: FlagId,
    request: Request,
    ctx: ContextDep,
    session: SessionDep,
    user: CurrentUser,
) -> FlagPublic:
    flag = review.ack_flag(ctx, session, user, visit_id, flag_id, request=request)
    session.commit()
    return flag


@router.post(
    "/{visit_id}/submit",
    responses=CONFLICT,
    summary="Submit the draft for approval (refused while any flag is open)",
)
def submit(visit_id: VisitId, request: Request, ctx: ContextDep, session: SessionDep, user: CurrentUser) -> ReviewState:
    state = review.submit(ctx, session, user, visit_id, request=request)
    session.commit()
    return state


@router.post(
    "/{visit_id}/return",
    responses={**CONFLICT, **responses(422)},
    summary="Return a submitted draft to the practitioner with comments (a supervisor of the team)",
)
def return_visit(
    visit_id: VisitId, body: ReturnRequest, request: Request, session: SessionDep, user: CurrentUser
) -> ReviewState:
    state = review.return_visit(session, user, visit_id, body.comments, request=request)
    session.commit()
    return state


@router.post(
    "/{visit_id}/approve",
    responses=CONFLICT,
    summary="Approve a submitted draft (a supervisor of the team, never its author): the record is locked",
)
def approve(visit_id: VisitId, request: Request, session: SessionDep, user: CurrentUser) -> ReviewState:
    state = review.approve(session, user, visit_id, request=request)
    session.commit()
    return state


@router.get(
    "/{visit_id}/export",
    responses={
        **CONFLICT,
        200: {
            "content": {media: {} for media in review.FORMATS.values()},
            "description": f"The approved record; the {IDENTITIES_HEADER} header says 'reidentified' or 'redacted'.",
        },
    },
    response_class=Response,
    summary="Export an approved record as DOCX, PDF or JSON (real names only for the author and team supervisors)",
)
def export(
    visit_id: VisitId,
    request: Request,
    ctx: ContextDep,
    session: SessionDep,
    user: CurrentUser,
    format: Annotated[Literal["docx", "pdf", "json"], Query(description="docx, pdf or json.")] = "pdf",
    redacted: Annotated[
        bool, Query(description="The redacted record even if you may see real names (e.g. to share it).")
    ] = False,
) -> Response:
    out = review.export(ctx, session, user, visit_id, format, redacted=redacted, request=request)
    session.commit()
    return Response(
        out.content,
        media_type=out.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{out.filename}"',
            IDENTITIES_HEADER: out.identities,
            "X-Offset-Draft-Version": str(out.version),
            "Cache-Control": "no-store",
        },
    )

"""Visits: upload (202, processed by a job), list, status, the redacted transcript, the audio.

The draft and the review workflow are in api/routes/review.py."""

from __future__ import annotations

from typing import Annotated, TypeVar

from anyio import to_thread
from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlalchemy import func, select

from api.audit import record
from api.audit.query import detail_of, retention_deletion
from api.db.base import utcnow
from api.db.models import Artefact, ArtefactKind, Job, JobStatus, Visit, VisitStatus
from api.deps import ContextDep, CurrentUser, SessionDep
from api.errors import Conflict, Gone, responses
from api.permissions import can_delete_visit, can_upload, get_visible_visit, require_content_role, visible_visits
from api.retention.erase import REASON_MAX, delete_visit
from api.routes.ranges import ranged_response
from api.schemas.common import VisitId
from api.schemas.visits import VisitCreated, VisitDeleted, VisitPage, VisitPublic
from api.uploads.form import multipart_openapi
from api.uploads.sniff import CONTENT_TYPES
from api.uploads.visit_upload import receive_visit
from redaction.models import RedactedTranscript

router = APIRouter(prefix="/visits", tags=["visits"])
M = TypeVar("M", bound=BaseModel)

ERRORS = responses(401, 403, 404)
UPLOAD_BODY = multipart_openapi(
    ["audio", "template", "consent"],
    {
        "audio": {
            "type": "string",
            "format": "binary",
            "description": "The recording: wav, mp3, m4a, aac, ogg/opus, webm or flac.",
        },
        "template": {"type": "string", "description": "Form template name (GET /api/templates)."},
        "consent": {"type": "boolean", "description": "Must be true: the person agreed to the recording."},
        "known": {"type": "string", "description": "JSON of identifiers already known (as `offset process --known`)."},
        "speakers": {
            "type": "integer",
            "minimum": 1,
            "maximum": 8,
            "description": "How many people speak (default: estimated).",
        },
    },
)


@router.post(
    "",
    status_code=202,
    openapi_extra=UPLOAD_BODY,
    responses={**ERRORS, **responses(413, 415, 422, 507)},
    summary="Upload a visit recording (with consent); it is processed by a job",
)
async def upload_visit(request: Request, ctx: ContextDep, user: CurrentUser) -> VisitCreated:
    can_upload(user)
    visit_id, job_id = await receive_visit(request, ctx, user)
    if ctx.queue is not None:
        await to_thread.run_sync(ctx.queue.submit, job_id)
    return VisitCreated(id=visit_id, status=VisitStatus.queued.value)


@router.get("", responses=ERRORS, summary="The visits you may see, newest first")
def list_visits(
    session: SessionDep,
    user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    status: Annotated[VisitStatus | None, Query(description="Only visits in this status.")] = None,
) -> VisitPage:
    require_content_role(user)
    where = [visible_visits(user)]
    if status:
        where.append(Visit.status == status)
    total = session.scalar(select(func.count()).select_from(Visit).where(*where)) or 0
    rows = session.scalars(
        select(Visit).where(*where).order_by(Visit.created_at.desc(), Visit.id).limit(limit).offset(offset)
    ).all()
    return VisitPage(items=[VisitPublic.of(v, v.job) for v in rows], total=total, limit=limit, offset=offset)


def _job(session: SessionDep, visit: Visit) -> Job | None:
    return session.scalars(select(Job).where(Job.visit_id == visit.id)).one_or_none()


@router.get("/{visit_id}", responses=ERRORS, summary="A visit's status, stage, progress and error")
def get_visit(visit_id: VisitId, session: SessionDep, user: CurrentUser) -> VisitPublic:
    visit = get_visible_visit(session, user, visit_id)
    return VisitPublic.of(visit, visit.job)


def _artefact(session: SessionDep, visit: Visit, kind: ArtefactKind, what: str) -> Artefact:
    art = session.scalars(
        select(Artefact).where(Artefact.visit_id == visit.id, Artefact.kind == kind.value)
    ).one_or_none()
    if art is None:
        deleted = retention_deletion(session, visit.id, kind.value)
        if deleted is not None:
            raise Gone(
                f"The {what} of visit {visit.id} was deleted on {deleted.at.date().isoformat()} under the retention "
                f"policy ({detail_of(deleted).get('reason', 'retention')}). The approved record is kept.",
                code="deleted_by_retention",
                detail={"deleted_at": deleted.at.isoformat(), "kind": kind.value},
            )
        raise Conflict(
            f"The {what} of visit {visit.id} is not ready: the visit is {visit.status}"
            + (f" (stage {visit.stage})" if visit.stage else "")
            + f". Poll GET /api/visits/{visit.id} until its status is 'drafted'.",
            code="not_ready",
            detail={"status": visit.status, "stage": visit.stage},
        )
    return art


DOCUMENT_NAMES = {ArtefactKind.redacted: "redacted transcript", ArtefactKind.draft: "draft"}


READ_ACTIONS = {ArtefactKind.redacted: "transcript.read", ArtefactKind.draft: "draft.read"}


def stored_document(
    ctx: ContextDep,
    session: SessionDep,
    user: CurrentUser,
    visit_id: str,
    kind: ArtefactKind,
    model: type[M],
    request: Request | None = None,
) -> M:
    """A visit's stored JSON document (decrypted), if the user may see the visit and it exists yet; the read is
    audited."""
    visit = get_visible_visit(session, user, visit_id)
    art = _artefact(session, visit, kind, DOCUMENT_NAMES.get(kind, kind.value))
    document = model.model_validate_json(ctx.store.read_bytes(art.storage_key))
    if kind in READ_ACTIONS:
        record(session, action=READ_ACTIONS[kind], user=user, visit_id=visit.id, request=request)
        session.commit()
    return document


@router.get("/{visit_id}/transcript", responses={**ERRORS, **responses(409, 410)}, summary="The redacted transcript")
def get_transcript(
    visit_id: VisitId, request: Request, ctx: ContextDep, session: SessionDep, user: CurrentUser
) -> RedactedTranscript:
    return stored_document(ctx, session, user, visit_id, ArtefactKind.redacted, RedactedTranscript, request)


@router.get(
    "/{visit_id}/audio",
    responses={**ERRORS, **responses(410, 416), 206: {"description": "Part of the recording (Range request)"}},
    response_class=StreamingResponse,
    summary="The recording; supports Range requests so a player can start at any time",
)
def get_audio(
    visit_id: VisitId, request: Request, ctx: ContextDep, session: SessionDep, user: CurrentUser
) -> StreamingResponse:
    visit = get_visible_visit(session, user, visit_id)
    art = _artefact(session, visit, ArtefactKind.audio, "audio")
    stream = ctx.store.open(art.storage_key)
    media = CONTENT_TYPES.get(visit.audio_format, "application/octet-stream")
    response = ranged_response(stream, stream.size, media, request.headers.get("range"))  # type: ignore[arg-type]
    # Every request is a read (a player asks for ranges as it goes); the range says which part.
    record(
        session,
        action="audio.read",
        user=user,
        visit_id=visit.id,
        request=request,
        detail={"range": request.headers.get("range", "")[:100], "status": response.status_code},
    )
    session.commit()
    return response


@router.post(
    "/{visit_id}/retry",
    status_code=202,
    responses={**ERRORS, **responses(409)},
    summary="Process a failed visit again (stages already done are kept)",
)
def retry_visit(visit_id: VisitId, ctx: ContextDep, session: SessionDep, user: CurrentUser) -> VisitCreated:
    visit = get_visible_visit(session, user, visit_id)
    job = _job(session, visit)
    if visit.status != VisitStatus.failed.value or job is None:
        raise Conflict(
            f"Visit {visit.id} is {visit.status}; only a failed visit can be retried.",
            code="not_failed",
            detail={"status": visit.status},
        )
    job.status, job.attempts, job.available_at = JobStatus.queued.value, 0, utcnow()
    job.enqueued_at = job.finished_at = job.lease_owner = job.lease_expires_at = None
    visit.status, visit.error_stage, visit.error_message = VisitStatus.queued.value, None, None
    record(session, action="visit.retry", user=user, visit_id=visit.id)  # the request id from the context
    session.commit()
    if ctx.queue is not None:
        ctx.queue.submit(job.id)
    return VisitCreated(id=visit.id, status=visit.status)


@router.delete(
    "/{visit_id}",
    responses={**ERRORS, **responses(409, 410, 422)},
    summary="Delete a visit and everything it holds (consent withdrawn, wrong recording); audited",
)
def remove_visit(
    visit_id: VisitId,
    request: Request,
    ctx: ContextDep,
    session: SessionDep,
    user: CurrentUser,
    reason: Annotated[
        str,
        Query(
            max_length=REASON_MAX,
            description="Why, kept in the audit log: e.g. 'consent withdrawn', 'wrong recording uploaded'.",
        ),
    ] = "",
) -> VisitDeleted:
    """The recording, transcripts, draft and every version are destroyed; an approved record is refused (409).
    A job still processing the visit stops writing (its results are refused)."""
    visit = get_visible_visit(session, user, visit_id)
    can_delete_visit(user, visit)
    done = delete_visit(ctx, session, visit, reason, user=user, request=request)
    return VisitDeleted(
        id=done.visit_id, status_before=done.status, objects=done.objects, bytes=done.bytes, audit_seq=done.audit_seq
    )

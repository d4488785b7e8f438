"""The review workflow's service functions: what the API routes and the web pages both call.

Each takes the signed-in user and a visit id, decides access through api/permissions.py (a visit
the user may not see is a 404), and raises the API's errors with messages a person can act on.
None of them commits: the caller adds its audit entry to the same session and commits, so a step
and its audit entry are stored together or not at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session
from starlette.requests import Request

from api.audit import record as audit_record
from api.context import ServiceContext
from api.db.models import DraftVersion, User, Visit, VisitStatus
from api.errors import Conflict
from api.permissions import can_edit_draft, get_visible_visit, may_reidentify
from api.review import diff as diffs
from api.review import flags as flag_state
from api.review import versions, workflow
from api.review.documents import to_docx, to_pdf
from api.review.record import Identities, build_record
from api.schemas.review import (
    DraftDiff,
    DraftEdit,
    DraftPublic,
    DraftSaved,
    FlagPublic,
    ReviewState,
    VersionList,
)
from api.schemas.visits import PersonRef
from core.draft import Draft
from prompts.export_mapping import load_export_mapping

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json",
}


@dataclass(frozen=True)
class Current:
    """A visit with its current draft version loaded."""

    visit: Visit
    version: int
    draft: Draft
    edited: list[str]
    row: DraftVersion


def _current(ctx: ServiceContext, session: Session, user: User, visit_id: str) -> Current:
    visit = get_visible_visit(session, user, visit_id)
    rows = versions.versions_of(session, visit)
    return Current(
        visit, rows[-1].version, versions.read_version(ctx, rows[-1]), versions.edited_fields(rows), rows[-1]
    )


def _flags(session: Session, cur: Current) -> list[FlagPublic]:
    return flag_state.flag_views(cur.draft, cur.edited, flag_state.acks_of(session, cur.visit))


def current_draft(ctx: ServiceContext, session: Session, user: User, visit_id: str) -> tuple[Draft, int]:
    """The current version's draft document and its number (pages that render a `Draft` use this)."""
    cur = _current(ctx, session, user, visit_id)
    return cur.draft, cur.version


def get_draft(ctx: ServiceContext, session: Session, user: User, visit_id: str) -> DraftPublic:
    """The current version with every flag and its state."""
    cur = _current(ctx, session, user, visit_id)
    flags = _flags(session, cur)
    return DraftPublic(
        **cur.draft.model_dump(),
        version=cur.version,
        visit_id=cur.visit.id,
        visit_status=cur.visit.status,
        editable=cur.visit.status in versions.EDITABLE,
        updated_by=PersonRef.of(cur.row.author) if cur.row.author else None,
        updated_at=cur.row.created_at,
        edited_fields=cur.edited,
        flags=flags,
        open_flags=sum(f.open for f in flags),
    )


def _audit(session: Session, user: User, action: str, visit_id: str, request: Request | None, **detail: object) -> None:
    """Each review step's audit entry, added to the step's own transaction (the caller commits both).

    Here, not in the API routes and the pages, so both ways in log the same step with the same details
    (the time metrics read them alike)."""
    audit_record(session, action=action, user=user, visit_id=visit_id, request=request, detail=detail)


def edit_draft(
    ctx: ServiceContext, session: Session, user: User, visit_id: str, edit: DraftEdit, request: Request | None = None
) -> DraftSaved:
    """Save the changed fields as a new version (409 when `base_version` is stale or the draft locked)."""
    visit = get_visible_visit(session, user, visit_id)
    saved = versions.save_edit(ctx, session, user, visit, edit.base_version, dict(edit.fields))
    if saved.saved:
        _audit(
            session, user, "draft.edit", visit_id, request,
            base_version=edit.base_version, version=saved.version, changed_fields=saved.changed_fields,
        )  # fmt: skip
    return saved


def list_versions(session: Session, user: User, visit_id: str) -> VersionList:
    return versions.list_versions(session, get_visible_visit(session, user, visit_id))


def diff(ctx: ServiceContext, session: Session, user: User, visit_id: str, old: int, new: int) -> DraftDiff:
    return diffs.diff_versions(ctx, session, get_visible_visit(session, user, visit_id), old, new)


def ack_flag(
    ctx: ServiceContext, session: Session, user: User, visit_id: str, flag_id: str, request: Request | None = None
) -> FlagPublic:
    """Acknowledge one flag (the author, while the draft is editable)."""
    can_edit_draft(user, get_visible_visit(session, user, visit_id))  # who before what state
    cur = _current(ctx, session, user, visit_id)
    versions.require_editable(cur.visit)
    flag_state.acknowledge(session, user, cur.visit, cur.draft, cur.version, flag_id)
    flag = next(f for f in _flags(session, cur) if f.id == flag_id)
    _audit(
        session, user, "flag.ack", visit_id, request,
        flag_id=flag.id, field_id=flag.field_id, kind=flag.kind, category=flag.category,
    )  # fmt: skip
    return flag


def submit(
    ctx: ServiceContext, session: Session, user: User, visit_id: str, request: Request | None = None
) -> ReviewState:
    """The author submits the current version (409 listing the open flags); the state carries the edit burden."""
    visit = get_visible_visit(session, user, visit_id)
    can_edit_draft(user, visit)
    workflow.check_transition(visit, workflow.ReviewAction.submit)
    cur = _current(ctx, session, user, visit_id)
    state = workflow.submit(session, user, cur.visit, cur.version, _flags(session, cur))
    first = cur.draft if cur.version == 1 else versions.read_version(ctx, versions.version_row(session, visit, 1))
    burden = diffs.edit_burden(first, cur.draft)
    # The edit burden goes into the review event too (draft_words, draft_chars, edit_chars, fields_*).
    _audit(session, user, "visit.submit", visit_id, request, version=state.version, **burden.model_dump())
    return state.model_copy(update={"edit_burden": burden})


def return_visit(
    session: Session, user: User, visit_id: str, comments: str, request: Request | None = None
) -> ReviewState:
    """A supervisor of the team sends a submitted draft back with comments."""
    visit = get_visible_visit(session, user, visit_id)
    state = workflow.return_to_author(session, user, visit, visit.draft_version or 0, comments)
    # The comments stay in the review step; the log says a return happened and how long they were.
    _audit(session, user, "visit.return", visit_id, request, version=state.version, comments_chars=len(comments))
    return state


def approve(session: Session, user: User, visit_id: str, request: Request | None = None) -> ReviewState:
    """A supervisor of the team (not the author) approves a submitted draft, which locks it."""
    visit = get_visible_visit(session, user, visit_id)
    state = workflow.approve(session, user, visit, visit.draft_version or 0)
    _audit(session, user, "visit.approve", visit_id, request, version=state.version)
    return state


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    media_type: str
    filename: str
    identities: Identities
    version: int


def export(
    ctx: ServiceContext,
    session: Session,
    user: User,
    visit_id: str,
    fmt: str,
    redacted: bool = False,
    request: Request | None = None,
) -> ExportFile:
    """The approved record as DOCX, PDF or JSON; real names only for the author and the team's supervisors.

    `redacted` asks for the redacted record even when the caller may see real names (to share it).
    """
    if fmt not in FORMATS:
        raise Conflict(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.", code="bad_format")
    cur = _current(ctx, session, user, visit_id)
    if cur.visit.status != VisitStatus.approved.value:
        raise Conflict(
            f"Visit {cur.visit.id} is {cur.visit.status}: only an approved record is exported. "
            "It needs to be submitted by the practitioner and approved by a supervisor of the team first.",
            code="not_approved",
            detail={"status": cur.visit.status},
        )
    identities: Identities = "reidentified" if may_reidentify(user, cur.visit) and not redacted else "redacted"
    record = build_record(ctx, session, cur.visit, cur.draft, cur.version, cur.edited, identities)
    if fmt == "docx":
        content = to_docx(record)
    elif fmt == "pdf":
        content = to_pdf(record)
    else:
        mapping = load_export_mapping(record.template)
        content = json.dumps(mapping.render(record.value_of), ensure_ascii=False, indent=2).encode("utf-8")
    suffix = "" if identities == "reidentified" else "-redacted"
    _audit(
        session, user, "visit.export", visit_id, request,
        format=fmt, reidentified=identities == "reidentified", version=cur.version,
    )  # fmt: skip
    return ExportFile(
        content=content,
        media_type=FORMATS[fmt],
        filename=f"visit-{cur.visit.id}-v{cur.version}{suffix}.{fmt}",
        identities=identities,
        version=cur.version,
    )

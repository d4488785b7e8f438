"""Draft versions: the current one, a new one from an edit, and the list (diffs: api/review/diff.py).

Every version is a whole draft document sealed in storage (version 1 is the artefact the worker
wrote, kept as it is); a `draft_versions` row says where, who, when and which fields changed. A
unique (visit, version) constraint makes "two edits from the same base" a conflict, not a fork.
"""

from __future__ import annotations

import contextlib
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.context import ServiceContext
from api.db.base import utcnow
from api.db.models import Artefact, ArtefactKind, DraftVersion, ReviewStep, User, Visit, VisitStatus
from api.errors import Conflict, Gone, NotFound, Unprocessable
from api.permissions import can_edit_draft
from api.schemas.review import DraftSaved, ReviewStepPublic, VersionList, VersionPublic
from api.schemas.visits import PersonRef
from api.storage import ObjectNotFoundError
from core.draft import NOT_DISCUSSED, Draft, DraftField

EDITABLE = frozenset({VisitStatus.drafted.value, VisitStatus.returned.value})


def record_first_version(session: Session, visit_id: str) -> None:
    """Version 1 is the drafted artefact (the worker calls this in the transaction that marks it drafted,
    and sets `visits.draft_version` to 1 there)."""
    if session.scalar(select(DraftVersion.id).where(DraftVersion.visit_id == visit_id).limit(1)) is not None:
        return
    art = session.scalars(
        select(Artefact).where(Artefact.visit_id == visit_id, Artefact.kind == ArtefactKind.draft.value)
    ).one()
    session.add(
        DraftVersion(visit_id=visit_id, version=1, storage_key=art.storage_key, sha256=art.sha256, changed_fields=[])
    )


def not_drafted(visit: Visit) -> Conflict:
    return Conflict(
        f"Visit {visit.id} has no draft yet: it is {visit.status}"
        + (f" (stage {visit.stage})" if visit.stage else "")
        + f". Poll GET /api/visits/{visit.id} until its status is 'drafted'.",
        code="not_ready",
        detail={"status": visit.status, "stage": visit.stage},
    )


def _rows(session: Session, visit_id: str) -> list[DraftVersion]:
    query = select(DraftVersion).where(DraftVersion.visit_id == visit_id).order_by(DraftVersion.version)
    return list(session.scalars(query))


def versions_of(session: Session, visit: Visit) -> list[DraftVersion]:
    """Every version, oldest first; 409 while the visit has no draft."""
    rows = _rows(session, visit.id)
    if rows:
        return rows
    has_draft = session.scalar(
        select(Artefact.id).where(Artefact.visit_id == visit.id, Artefact.kind == ArtefactKind.draft.value)
    )
    if has_draft is None:
        raise not_drafted(visit)
    # Drafted by a worker older than the review workflow (a rolling upgrade): its draft becomes version 1 now.
    visit_id = visit.id
    try:
        record_first_version(session, visit_id)
        if visit.draft_version is None:
            visit.draft_version = 1
        session.flush()
    except IntegrityError:
        session.rollback()  # another request recorded it at the same moment
    return _rows(session, visit_id)


def current_version(session: Session, visit: Visit) -> DraftVersion:
    return versions_of(session, visit)[-1]


def version_row(session: Session, visit: Visit, version: int) -> DraftVersion:
    row = session.scalars(
        select(DraftVersion).where(DraftVersion.visit_id == visit.id, DraftVersion.version == version)
    ).one_or_none()
    if row is None:
        latest = current_version(session, visit).version
        raise NotFound(
            f"Visit {visit.id} has no draft version {version}; its versions are 1 to {latest} "
            f"(GET /api/visits/{visit.id}/draft/versions).",
            code="version_not_found",
            detail={"current": latest},
        )
    return row


def read_version(ctx: ServiceContext, row: DraftVersion) -> Draft:
    if row.deleted_at is not None:
        raise Gone(
            f"Version {row.version} of the draft of visit {row.visit_id} was deleted on "
            f"{row.deleted_at.date().isoformat()} under the retention policy (an edit before the approved one); "
            f"the approved record is kept (GET /api/visits/{row.visit_id}/draft).",
            code="deleted_by_retention",
            detail={"version": row.version, "deleted_at": row.deleted_at.isoformat()},
        )
    try:
        data = ctx.store.read_bytes(row.storage_key)
    except ObjectNotFoundError as e:
        # Retention deletes working drafts (the generated version 1 of an edited, approved record).
        raise Gone(
            f"Version {row.version} of the draft of visit {row.visit_id} was deleted under the retention policy; "
            f"the approved record is kept (GET /api/visits/{row.visit_id}/draft).",
            code="deleted_by_retention",
            detail={"version": row.version},
        ) from e
    return Draft.model_validate_json(data)


def edited_fields(rows: list[DraftVersion]) -> list[str]:
    """Fields changed in any version after the first, in the order they were first changed."""
    return list(dict.fromkeys(f for r in rows[1:] for f in r.changed_fields))


def require_editable(visit: Visit) -> None:
    if visit.status in EDITABLE:
        return
    if visit.status == VisitStatus.approved.value:
        raise Conflict(
            f"Visit {visit.id} is approved: its record is locked and cannot be edited. Export it "
            f"(GET /api/visits/{visit.id}/export); a correction needs a new visit record.",
            code="locked",
            detail={"status": visit.status},
        )
    if visit.status == VisitStatus.submitted.value:
        raise Conflict(
            f"Visit {visit.id} is submitted and waiting for a supervisor: it cannot be changed until they return it "
            "with comments. Ask them to return it if something needs correcting.",
            code="submitted",
            detail={"status": visit.status},
        )
    raise not_drafted(visit)


def _edited_field(field: DraftField, text: str) -> DraftField:
    status = field.status
    if text.strip() == NOT_DISCUSSED:
        status = "not_discussed"
    elif status == "not_discussed":
        status = "drafted"
    # The drafter's structured actions described the old text; exports read the new text's lines.
    return field.model_copy(update={"value": text, "status": status, "actions": []})


def save_edit(
    ctx: ServiceContext, session: Session, user: User, visit: Visit, base_version: int, texts: dict[str, str]
) -> DraftSaved:
    """A new version with `texts` (field id -> new text), if `base_version` is still the current one.

    Flushed, not committed: the caller adds its audit entry and commits both together.
    """
    can_edit_draft(user, visit)
    require_editable(visit)
    current = current_version(session, visit)
    if base_version != current.version:
        raise _stale(visit, base_version, current.version)
    draft = read_version(ctx, current)
    ids = [f.id for f in draft.fields]
    unknown = sorted(set(texts) - set(ids))
    if unknown:
        raise Unprocessable(
            f"The draft of visit {visit.id} has no field {', '.join(map(repr, unknown))}. Use the field ids of "
            f"GET /api/visits/{visit.id}/draft: {', '.join(ids)}.",
            code="unknown_field",
            detail={"unknown": unknown, "fields": ids},
        )
    changed = [f.id for f in draft.fields if f.id in texts and texts[f.id] != f.value]
    if not changed:
        return DraftSaved(version=current.version, saved=False, changed_fields=[])
    new = draft.model_copy(
        update={"fields": [_edited_field(f, texts[f.id]) if f.id in changed else f for f in draft.fields]}
    )
    version = current.version + 1
    key = f"visits/{visit.id}/draft-v{version}.{secrets.token_hex(4)}.enc"
    written = ctx.store.write_bytes(key, new.model_dump_json().encode("utf-8"))
    try:
        session.add(
            DraftVersion(
                visit_id=visit.id,
                version=version,
                storage_key=key,
                sha256=written.sha256,
                author_id=user.id,
                changed_fields=changed,
                created_at=utcnow(),
            )
        )
        visit.draft_version = version
        session.flush()  # the unique (visit, version) constraint decides a race; the caller commits
    except IntegrityError as e:
        session.rollback()
        with contextlib.suppress(Exception):
            ctx.store.delete(key)
        raise _stale(visit, base_version, version) from e
    except BaseException:
        session.rollback()
        with contextlib.suppress(Exception):
            ctx.store.delete(key)
        raise
    return DraftSaved(version=version, saved=True, changed_fields=changed)


def _stale(visit: Visit, base: int, current: int) -> Conflict:
    return Conflict(
        f"The draft of visit {visit.id} is at version {current}, not {base}: someone saved it since you loaded it. "
        f"Reload it (GET /api/visits/{visit.id}/draft), reapply your changes and save with base_version {current}.",
        code="stale_version",
        detail={"base_version": base, "current_version": current},
    )


def list_versions(session: Session, visit: Visit) -> VersionList:
    rows = versions_of(session, visit)
    steps = session.scalars(select(ReviewStep).where(ReviewStep.visit_id == visit.id).order_by(ReviewStep.id))
    return VersionList(
        visit_id=visit.id,
        current=rows[-1].version,
        versions=[
            VersionPublic(
                version=r.version,
                author=PersonRef.of(r.author) if r.author else None,
                created_at=r.created_at,
                changed_fields=list(r.changed_fields),
                deleted_at=r.deleted_at,
            )
            for r in rows
        ],
        steps=[
            ReviewStepPublic(
                action=st.action, by=PersonRef.of(st.user), at=st.at, version=st.version, comments=st.comments
            )
            for st in steps
        ],
    )

"""Review events written beside their audit entries: the time metrics and `offset eval time` read them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import AuditEntry, ReviewEventRecord, Visit
from core.events import EventKind, ReviewEvent

# Keys of an audit entry's detail that are copied into the review event (see core.events.ReviewEvent).
EVENT_FIELDS = ("active_seconds", "draft_words", "draft_chars", "edit_chars", "fields_total", "fields_changed")
REVIEWER_EVENTS = ("draft_approved", "draft_returned")  # the supervisor's id goes in approver_id


def review_event(kind: str, entry: AuditEntry, visit: Visit, detail: dict[str, Any]) -> ReviewEvent:
    """The review event for an audited step: the visit's practitioner is the worker whose time it is."""
    draft_id = detail.get("draft_id")
    if draft_id is None and detail.get("version") is not None:
        draft_id = f"{visit.id}:v{detail['version']}"
    return ReviewEvent(
        event=cast(EventKind, kind),
        at=entry.at,
        visit_id=visit.id,
        worker_id=str(visit.owner_id),
        team=visit.team.name,
        visit_type=visit.template,
        draft_id=None if draft_id is None else str(draft_id),
        approver_id=str(entry.user_id) if kind in REVIEWER_EVENTS and entry.user_id is not None else None,
        **{k: detail[k] for k in EVENT_FIELDS if detail.get(k) is not None},
    )


def add_review_event(session: Session, kind: str, entry: AuditEntry, detail: dict[str, Any]) -> ReviewEventRecord:
    if entry.visit_id is None:
        raise ValueError(f"{entry.action} is a review event and needs visit_id")
    visit = session.get(Visit, entry.visit_id)
    if visit is None:
        raise ValueError(f"{entry.action}: no visit {entry.visit_id}")
    event = review_event(kind, entry, visit, detail)
    row = ReviewEventRecord(
        at=event.at,
        event=event.event,
        visit_id=event.visit_id,
        worker_id=event.worker_id,
        team=event.team,
        audit_seq=entry.seq,
        payload=event.model_dump_json(exclude_none=True),
    )
    session.add(row)
    return row


def stored_events(session: Session, team: str | None = None) -> Iterator[ReviewEvent]:
    """Every stored review event (of one team), oldest first."""
    query = select(ReviewEventRecord.payload).order_by(ReviewEventRecord.at, ReviewEventRecord.id)
    if team is not None:
        query = query.where(ReviewEventRecord.team == team)
    for payload in session.scalars(query.execution_options(yield_per=2000)):
        yield ReviewEvent.model_validate_json(payload)

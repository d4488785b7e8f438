"""The review workflow's states and steps: submit, return with comments, approve.

    drafted --submit--> submitted --approve--> approved (locked)
                        submitted --return---> returned --submit--> submitted ...

A step from any other state is refused with 409 naming the state the visit is in. Each step is a
`review_steps` row; the visit keeps the latest of each for listings. Nothing here commits: the
caller records its audit entry and commits both together.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.db.base import utcnow
from api.db.models import ReviewAction, ReviewStep, User, Visit, VisitStatus
from api.errors import Conflict
from api.permissions import can_edit_draft, can_review
from api.schemas.review import FlagPublic, ReviewState, ReviewStepPublic
from api.schemas.visits import PersonRef

S = VisitStatus
TRANSITIONS: dict[ReviewAction, tuple[frozenset[str], VisitStatus]] = {
    ReviewAction.submit: (frozenset({S.drafted.value, S.returned.value}), S.submitted),
    ReviewAction.return_: (frozenset({S.submitted.value}), S.returned),
    ReviewAction.approve: (frozenset({S.submitted.value}), S.approved),
}
_NEXT_STEP = {
    S.queued.value: "it is still waiting to be processed",
    S.processing.value: "it is still being processed",
    S.failed.value: "processing failed; retry it first (POST /api/visits/{id}/retry)",
    S.drafted.value: "the practitioner has not submitted it yet",
    S.submitted.value: "it is waiting for a supervisor to approve or return it",
    S.returned.value: "it was returned to the practitioner, who must resubmit it",
    S.approved.value: "it is approved and locked",
}


def check_transition(visit: Visit, action: ReviewAction) -> VisitStatus:
    allowed, target = TRANSITIONS[action]
    if visit.status not in allowed:
        why = _NEXT_STEP.get(visit.status, "").format(id=visit.id)
        raise Conflict(
            f"Visit {visit.id} cannot be {_PAST[action]}: it is {visit.status}"
            + (f" ({why})" if why else "")
            + f". {action.value.capitalize()} needs it to be {' or '.join(sorted(allowed))}.",
            code="invalid_transition",
            detail={"status": visit.status, "action": action.value, "allowed_from": sorted(allowed)},
        )
    return target


_PAST = {ReviewAction.submit: "submitted", ReviewAction.return_: "returned", ReviewAction.approve: "approved"}


def _step(
    session: Session, user: User, visit: Visit, action: ReviewAction, version: int, comments: str | None
) -> ReviewState:
    target = check_transition(visit, action)
    now = utcnow()
    step = ReviewStep(
        visit_id=visit.id, action=action.value, user_id=user.id, version=version, comments=comments, at=now
    )
    session.add(step)
    visit.status = target.value
    if action is ReviewAction.submit:
        visit.submitted_at = now
    elif action is ReviewAction.return_:
        visit.returned_at, visit.return_comments = now, comments
    else:
        visit.approved_at, visit.approved_by_id = now, user.id
    session.flush()
    return ReviewState(
        visit_id=visit.id,
        status=visit.status,
        version=version,
        step=ReviewStepPublic(action=action.value, by=PersonRef.of(user), at=now, version=version, comments=comments),
    )


def submit(session: Session, user: User, visit: Visit, version: int, flags: list[FlagPublic]) -> ReviewState:
    """The author sends the current version to a supervisor, once no flag is open."""
    can_edit_draft(user, visit)
    check_transition(visit, ReviewAction.submit)
    still_open = [f for f in flags if f.open]
    if still_open:
        listed = "; ".join(
            f"{f.field_label}: {f.category or f.kind}"
            + (f" ({f.statement[:80]})" if f.statement else "")
            + f" [{f.id}]"
            for f in still_open[:10]
        )
        raise Conflict(
            f"{len(still_open)} flag(s) still need your attention before you submit: {listed}. Acknowledge each "
            f"(POST /api/visits/{visit.id}/flags/{{flag_id}}/ack) or edit the flagged statement away, then "
            "submit again.",
            code="open_flags",
            detail={
                "open_flags": [
                    {"id": f.id, "field_id": f.field_id, "kind": f.kind, "category": f.category, "message": f.message}
                    for f in still_open
                ]
            },
        )
    return _step(session, user, visit, ReviewAction.submit, version, None)


def return_to_author(session: Session, user: User, visit: Visit, version: int, comments: str) -> ReviewState:
    """A supervisor of the team sends it back with comments."""
    can_review(user, visit)
    return _step(session, user, visit, ReviewAction.return_, version, comments)


def approve(session: Session, user: User, visit: Visit, version: int) -> ReviewState:
    """A supervisor of the team (not the author) signs off the current version: it is locked from now on."""
    can_review(user, visit)
    return _step(session, user, visit, ReviewAction.approve, version, None)

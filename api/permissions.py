"""Who may do what: the one place every route asks.

- practitioner: uploads visits and sees their own;
- supervisor: sees every visit of their team;
- evaluator: aggregates only, never a transcript, draft or audio;
- admin: users and teams; no visit content unless they also hold a role in the visit's team.
A user may hold several roles (a supervisor who is also an admin). A visit someone may not see is
reported as not found, so ids cannot be probed; a role that never sees visits is told why.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, select
from sqlalchemy.orm import Session

from api.db.models import Role, Team, User, Visit
from api.errors import Forbidden, Gone, NotFound

CONTENT_ROLES = frozenset({Role.practitioner, Role.supervisor})


def require_role(user: User, *roles: Role, why: str = "") -> None:
    """Forbidden unless the user holds one of `roles`."""
    if not user.roles & set(roles):
        needed = " or ".join(r.value for r in roles)
        raise Forbidden(
            f"This needs the {needed} role; you are signed in as {', '.join(sorted(user.roles)) or 'no role'}. "
            + (why or "Ask an admin if you need it."),
            code="role_required",
        )


def require_content_role(user: User) -> None:
    """Visits are for practitioners and supervisors; evaluators and admins are told where to go instead."""
    if user.roles & CONTENT_ROLES:
        return
    if Role.evaluator in user.roles:
        raise Forbidden(
            "Evaluators see aggregates only, never a visit's transcript, draft or audio. Use GET /api/metrics/visits.",
            code="aggregates_only",
        )
    raise Forbidden(
        "Admins manage users and teams; visit content is only for the practitioner who recorded it and "
        "the supervisors of their team. Use /api/users and /api/teams.",
        code="no_content_access",
    )


def visible_visits(user: User) -> ColumnElement[bool]:
    """SQL condition for the visits this user may see (their own; their team's as a supervisor)."""
    clauses: list[ColumnElement[bool]] = []
    if Role.practitioner in user.roles:
        clauses.append(Visit.owner_id == user.id)
    if Role.supervisor in user.roles and user.team_id is not None:
        clauses.append(Visit.team_id == user.team_id)
    return or_(*clauses) if clauses else false()


def can_see_visit(user: User, visit: Visit) -> bool:
    if Role.practitioner in user.roles and visit.owner_id == user.id:
        return True
    return Role.supervisor in user.roles and user.team_id is not None and visit.team_id == user.team_id


def get_visible_visit(session: Session, user: User, visit_id: str) -> Visit:
    """The visit, if this user may see it; NotFound (or Forbidden for roles without visit access)."""
    require_content_role(user)
    visit = session.scalars(select(Visit).where(Visit.id == visit_id, visible_visits(user))).one_or_none()
    if visit is None:
        _deleted(session, user, visit_id)
        raise NotFound(
            f"No visit {visit_id} that you can see. Check the id (GET /api/visits lists yours).",
            code="visit_not_found",
        )
    return visit


def _deleted(session: Session, user: User, visit_id: str) -> None:
    """410 for a deleted visit to someone who could see it (its audit entry says whose and which team's)."""
    from api.audit.query import detail_of
    from api.retention.erase import deletion_entry

    entry = deletion_entry(session, visit_id)
    if entry is None:
        return
    detail = detail_of(entry)
    could_see = (Role.practitioner in user.roles and detail.get("owner_id") == user.id) or (
        Role.supervisor in user.roles and user.team_id is not None and detail.get("team_id") == user.team_id
    )
    if could_see:
        raise Gone(
            f"Visit {visit_id} was deleted on {entry.at.date().isoformat()} by {entry.username or 'the service'} "
            f"({detail.get('reason', 'no reason given')}). Its recording, transcripts and drafts are gone; the "
            "audit log keeps the record of the deletion.",
            code="visit_deleted",
            detail={"deleted_at": entry.at.isoformat(), "reason": detail.get("reason")},
        )


def can_upload(user: User) -> None:
    require_role(user, Role.practitioner, why="Only practitioners upload visits.")
    if user.team_id is None:
        raise Forbidden(
            "Your account has no team, and every visit belongs to one. Ask an admin to add you to your team.",
            code="no_team",
        )


def team_scope_for_aggregates(user: User) -> int | None:
    """Aggregates: evaluators and admins see every team; a supervisor only their own (returned id)."""
    if user.roles & {Role.evaluator, Role.admin}:
        return None
    require_role(
        user, Role.evaluator, Role.supervisor, Role.admin, why="Aggregates are for evaluators and supervisors."
    )
    return user.team_id if user.team_id is not None else -1


def require_admin(user: User) -> None:
    require_role(user, Role.admin, why="Users and teams are managed by admins.")


# --- the review workflow (api/review/) ------------------------------------------------------
# Each is asked after get_visible_visit, so the visit is already one the user may see.


def is_author(user: User, visit: Visit) -> bool:
    return Role.practitioner in user.roles and visit.owner_id == user.id


def is_team_supervisor(user: User, visit: Visit) -> bool:
    return Role.supervisor in user.roles and user.team_id is not None and visit.team_id == user.team_id


def can_edit_draft(user: User, visit: Visit) -> None:
    """Editing, acknowledging flags and submitting are the practitioner author's."""
    if is_author(user, visit):
        return
    raise Forbidden(
        f"Only the practitioner who recorded this visit ({visit.owner.display_name or visit.owner.email}) edits its "
        "draft, acknowledges its flags and submits it. As a supervisor, return it with comments "
        f"(POST /api/visits/{visit.id}/return) or approve it.",
        code="not_the_author",
    )


def can_review(user: User, visit: Visit) -> None:
    """Approving and returning are for a supervisor of the visit's team who did not write it."""
    if not is_team_supervisor(user, visit):
        raise Forbidden(
            "Only a supervisor of the visit's team approves or returns it. Ask your supervisor to review it.",
            code="supervisor_required",
        )
    if visit.owner_id == user.id:
        raise Forbidden(
            "You recorded this visit, so you cannot approve or return it yourself: another supervisor of the "
            "team must.",
            code="own_visit",
        )


def can_delete_visit(user: User, visit: Visit) -> None:
    """Deleting a visit (consent withdrawn, the wrong recording) is for its practitioner and the team's supervisors."""
    if is_author(user, visit) or is_team_supervisor(user, visit):
        return
    raise Forbidden(
        "Only the practitioner who recorded this visit, or a supervisor of its team, can delete it. Ask one of them.",
        code="cannot_delete",
    )


def may_reidentify(user: User, visit: Visit) -> bool:
    """Real names in an export: only for the practitioner author and the supervisors of the visit's team."""
    return is_author(user, visit) or is_team_supervisor(user, visit)


def time_metrics_scope(user: User, session: Session) -> str | None:
    """Time metrics: evaluators see every team (None); a supervisor only their own (the team's name)."""
    if Role.evaluator in user.roles:
        return None
    require_role(user, Role.evaluator, Role.supervisor, why="Time metrics are for evaluators and supervisors.")
    team = session.get(Team, user.team_id) if user.team_id is not None else None
    if team is None:
        raise Forbidden("Your account has no team; ask an admin to add you to yours.", code="no_team")
    return team.name


def require_audit_reader(user: User) -> None:
    require_role(user, Role.admin, why="The audit log is for admins.")

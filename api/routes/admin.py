"""Users and teams, for admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from sqlalchemy import select

from api.accounts import create_team, create_user, update_user
from api.audit import record
from api.audit.details import created_user, user_changes, user_state
from api.db.models import Team, User
from api.deps import ContextDep, CurrentUser, SessionDep
from api.errors import NotFound, responses
from api.permissions import require_admin
from api.schemas.accounts import TeamCreate, TeamPublic, UserCreate, UserPublic, UserUpdate, parse_roles

router = APIRouter(tags=["admin"])
ERRORS = responses(401, 403)


@router.get("/teams", responses=ERRORS, summary="Every team")
def list_teams(session: SessionDep, user: CurrentUser) -> list[TeamPublic]:
    require_admin(user)
    return [TeamPublic.of(t) for t in session.scalars(select(Team).order_by(Team.name))]


@router.post("/teams", status_code=201, responses={**ERRORS, **responses(409)}, summary="Create a team")
def add_team(body: TeamCreate, request: Request, session: SessionDep, user: CurrentUser) -> TeamPublic:
    require_admin(user)
    team = create_team(session, body.name)
    record(session, action="team.create", user=user, request=request, detail={"team_id": team.id, "name": team.name})
    session.commit()
    return TeamPublic.of(team)


@router.get("/users", responses=ERRORS, summary="Every user")
def list_users(session: SessionDep, user: CurrentUser) -> list[UserPublic]:
    require_admin(user)
    return [UserPublic.of(u) for u in session.scalars(select(User).order_by(User.email))]


@router.post("/users", status_code=201, responses={**ERRORS, **responses(409, 422)}, summary="Create a user")
def add_user(body: UserCreate, request: Request, ctx: ContextDep, session: SessionDep, user: CurrentUser) -> UserPublic:
    require_admin(user)
    created = create_user(
        session,
        ctx.passwords,
        body.email,
        body.password,
        parse_roles(list(body.roles)),
        body.team,
        ctx.settings.min_password_length,
        body.display_name,
    )
    record(session, action="user.create", user=user, request=request, detail=created_user(created))
    session.commit()
    return UserPublic.of(created)


@router.patch(
    "/users/{user_id}",
    responses={**ERRORS, **responses(404, 422)},
    summary="Change a user's roles, team, password or status",
)
def change_user(
    user_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: UserUpdate,
    request: Request,
    ctx: ContextDep,
    session: SessionDep,
    user: CurrentUser,
) -> UserPublic:
    require_admin(user)
    target = session.get(User, user_id)
    if target is None:
        raise NotFound(f"No user {user_id}. GET /api/users lists them.", code="user_not_found")
    before = user_state(target)
    update_user(
        session,
        ctx.passwords,
        target,
        ctx.settings.min_password_length,
        roles=parse_roles(list(body.roles)) if body.roles is not None else None,
        team_name=body.team,
        active=body.active,
        password=body.password,
        display_name=body.display_name,
    )
    changes = user_changes(before, user_state(target))
    record(
        session,
        action="user.update",
        user=user,
        request=request,
        detail={"target_user_id": target.id, "email": target.email, "changes": changes},
    )
    session.commit()
    return UserPublic.of(target)

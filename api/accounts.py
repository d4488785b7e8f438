"""Creating and changing teams and users: one set of rules for the CLI and the admin API."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth import Passwords
from api.db.models import Role, Team, User
from api.errors import Conflict, NotFound, Unprocessable

TEAM_ROLES = frozenset({Role.practitioner, Role.supervisor})


def get_team(session: Session, name: str) -> Team:
    team = session.scalars(select(Team).where(Team.name == name.strip())).one_or_none()
    if team is None:
        raise NotFound(
            f"No team called {name!r}. Create it first (`offset teams create {name!r}`).", code="team_not_found"
        )
    return team


def create_team(session: Session, name: str) -> Team:
    name = name.strip()
    if not name:
        raise Unprocessable("Give the team a name.", code="invalid_input")
    if session.scalars(select(Team).where(Team.name == name)).first() is not None:
        raise Conflict(f"A team called {name!r} already exists.", code="team_exists")
    team = Team(name=name)
    session.add(team)
    session.flush()
    return team


def check_password(password: str, min_length: int) -> None:
    if len(password) < min_length:
        raise Unprocessable(
            f"The password is too short: use at least {min_length} characters (three random words work well).",
            code="weak_password",
        )


def _check_team_roles(roles: set[Role], team: Team | None) -> None:
    if roles & TEAM_ROLES and team is None:
        raise Unprocessable(
            "Practitioners and supervisors belong to a team: give --team NAME (or 'team' in the request).",
            code="team_required",
        )


def create_user(
    session: Session,
    passwords: Passwords,
    email: str,
    password: str,
    roles: set[Role],
    team_name: str | None,
    min_password_length: int,
    display_name: str = "",
) -> User:
    email = email.strip().lower()
    if session.scalars(select(User).where(User.email == email)).first() is not None:
        raise Conflict(f"A user {email} already exists. Change them with PATCH /api/users/{{id}}.", code="user_exists")
    check_password(password, min_password_length)
    team = get_team(session, team_name) if team_name else None
    _check_team_roles(roles, team)
    user = User(email=email, display_name=display_name.strip(), password_hash=passwords.hash(password), team=team)
    user.roles = roles
    session.add(user)
    session.flush()
    return user


def update_user(
    session: Session,
    passwords: Passwords,
    user: User,
    min_password_length: int,
    roles: set[Role] | None = None,
    team_name: str | None = None,
    active: bool | None = None,
    password: str | None = None,
    display_name: str | None = None,
) -> User:
    """Change what is given; a change of password, roles or status signs the user out everywhere."""
    revoke = False
    if team_name is not None:
        user.team = get_team(session, team_name) if team_name else None
        revoke = True
    if roles is not None:
        user.roles = roles
        revoke = True
    _check_team_roles(set(user.roles), user.team)
    if active is not None:
        revoke = revoke or active != user.active
        user.active = active
    if password is not None:
        check_password(password, min_password_length)
        user.password_hash = passwords.hash(password)
        revoke = True
    if display_name is not None:
        user.display_name = display_name.strip()
    if revoke:
        user.token_version += 1
    session.flush()
    return user

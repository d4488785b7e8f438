"""Admin pages: users, teams and roles, every change audited (audit log and retention: admin_audit.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.datastructures import FormData

from api.accounts import create_team, create_user, update_user
from api.audit import record
from api.audit.details import created_user, user_changes, user_state
from api.db.models import Role, Team, User
from api.errors import ApiError
from api.web.auth import ROLE_NAMES, WebUser
from api.web.deps import CsrfProtected, require_role
from api.web.errors import PageNotFoundError
from api.web.service import Context, DbSession
from api.web.templating import render

router = APIRouter(prefix="/admin")
Admin = Annotated[WebUser, Depends(require_role("admin"))]

ROLE_ITEMS = [{"value": r.value, "text": ROLE_NAMES[r.value]} for r in Role]


def _record(request: Request, session: DbSession, action: str, admin: WebUser, detail: dict[str, Any]) -> None:
    """Audit an account change (the same entries as the admin API's)."""
    me = session.get(User, int(admin.id))
    record(session, action=action, user=me, request=request, detail=detail)


def _users_page(
    request: Request,
    session: DbSession,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    done: str = "",
    status: int = 200,
) -> HTMLResponse:
    errors = errors or {}
    users = session.scalars(select(User).order_by(User.email)).all()
    teams = session.scalars(select(Team).order_by(Team.name)).all()
    context = {
        "title": "Users and teams",
        "users": users,
        "teams": teams,
        "role_names": ROLE_NAMES,
        "role_items": ROLE_ITEMS,
        "errors": errors,
        "error_list": [{"text": t, "href": f"#{f}"} for f, t in errors.items()],
        "has_errors": bool(errors),
        "values": values or {},
        "done": done or request.query_params.get("done", ""),
    }
    return render(request, "pages/admin_users.html", context, status_code=status)


@router.get("/users", name="admin_users")
def users(request: Request, _: Admin, session: DbSession) -> HTMLResponse:
    """Every account with its roles, team and status; forms to add a team or a user."""
    return _users_page(request, session)


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


@router.post("/teams", name="admin_add_team", dependencies=[CsrfProtected])
async def add_team(request: Request, admin: Admin, session: DbSession) -> Response:
    form = await request.form()
    name = _text(form, "team_name")
    try:
        team = create_team(session, name)
        _record(request, session, "team.create", admin, {"team_id": team.id, "name": team.name})
        session.commit()
    except ApiError as e:
        session.rollback()
        return _users_page(
            request, session, errors={"team_name": e.message}, values={"team_name": name}, status=e.status
        )
    return RedirectResponse(f"{request.app.url_path_for('admin_users')}?done=team", status_code=303)


@router.post("/users", name="admin_add_user", dependencies=[CsrfProtected])
async def add_user(request: Request, admin: Admin, session: DbSession, ctx: Context) -> Response:
    form = await request.form()
    values: dict[str, Any] = {k: _text(form, k) for k in ("email", "display_name", "team")}
    roles = {Role(r) for r in form.getlist("roles") if isinstance(r, str) and r in Role.__members__}
    values["roles"] = sorted(r.value for r in roles)
    errors = {}
    if not values["email"] or "@" not in values["email"]:
        errors["email"] = "Enter the person's email address, like name@council.gov.uk"
    if not roles:
        errors["roles"] = "Choose at least one role"
    password = _text(form, "password")
    if errors:
        return _users_page(request, session, errors=errors, values=values, status=422)
    try:
        user = create_user(
            session,
            ctx.passwords,
            values["email"],
            password,
            roles,
            values["team"] or None,
            ctx.settings.min_password_length,
            values["display_name"],
        )
        _record(request, session, "user.create", admin, created_user(user))
        session.commit()
    except ApiError as e:
        session.rollback()
        field = {"weak_password": "password", "user_exists": "email"}.get(e.code, "team")
        return _users_page(request, session, errors={field: e.message}, values=values, status=e.status)
    return RedirectResponse(f"{request.app.url_path_for('admin_users')}?done=user", status_code=303)


def _target(session: DbSession, user_id: int) -> User:
    target = session.get(User, user_id)
    if target is None:
        raise PageNotFoundError("There is no such user. Go back to the list of users.")
    return target


def _user_page(
    request: Request, session: DbSession, target: User, errors: dict[str, str] | None = None, status: int = 200
) -> HTMLResponse:
    errors = errors or {}
    context = {
        "title": f"Change {target.display_name or target.email}",
        "target": target,
        "teams": session.scalars(select(Team).order_by(Team.name)).all(),
        "role_items": ROLE_ITEMS,
        "errors": errors,
        "error_list": [{"text": t, "href": f"#{f}"} for f, t in errors.items()],
        "has_errors": bool(errors),
    }
    return render(request, "pages/admin_user.html", context, status_code=status)


@router.get("/users/{user_id}", name="admin_user")
def user_page(request: Request, user_id: int, _: Admin, session: DbSession) -> HTMLResponse:
    """One account: change its roles, team, name or status."""
    return _user_page(request, session, _target(session, user_id))


@router.post("/users/{user_id}", name="admin_change_user", dependencies=[CsrfProtected])
async def change_user(request: Request, user_id: int, admin: Admin, session: DbSession, ctx: Context) -> Response:
    target = _target(session, user_id)
    form = await request.form()
    roles = {Role(r) for r in form.getlist("roles") if isinstance(r, str) and r in Role.__members__}
    if not roles:
        return _user_page(request, session, target, {"roles": "Choose at least one role"}, 422)
    before = user_state(target)
    try:
        update_user(
            session,
            ctx.passwords,
            target,
            ctx.settings.min_password_length,
            roles=roles,
            team_name=_text(form, "team"),
            active=_text(form, "active") == "yes",
            display_name=_text(form, "display_name"),
        )
        changes = user_changes(before, user_state(target))
        detail = {"target_user_id": target.id, "email": target.email, "changes": changes}
        _record(request, session, "user.update", admin, detail)
        session.commit()
    except ApiError as e:
        session.rollback()
        return _user_page(request, session, target, {"team": e.message}, e.status)
    return RedirectResponse(f"{request.app.url_path_for('admin_users')}?done=changed", status_code=303)

"""`offset users ...` and `offset teams ...`: accounts, for the people who run the service."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from api.cli.common import fail, handle_errors

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from api.context import ServiceContext

users_app = typer.Typer(help="Create and list user accounts.", no_args_is_help=True)
teams_app = typer.Typer(help="Create and list teams.", no_args_is_help=True)

ROLE_HELP = "practitioner, supervisor, evaluator or admin; repeat for several (--role supervisor --role admin)."


def _read_password(confirm: bool = True) -> str:
    """From standard input when it is piped (one line), otherwise a hidden prompt: never a flag."""
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise fail(
                "no password on standard input. Pipe one line, e.g. `printf '%s\\n' \"$PW\" | offset users ...`."
            )
        return line
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=confirm))


def cli_username() -> str:
    """Who ran a command, as the audit log names them (the operating-system account)."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


@contextmanager
def _session() -> Iterator[tuple[ServiceContext, Session]]:
    """The service's database (migrated) in one transaction; an API error becomes exit code 2 with its message."""
    from api.errors import ApiError
    from api.main import start_context

    ctx = start_context()
    try:
        with ctx.db.session() as s:
            yield ctx, s
    except ApiError as e:
        raise fail(e.message) from e
    finally:
        ctx.close()


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
    app.add_typer(teams_app, name="teams")

    @users_app.command("create")
    @handle_errors
    def create_user(
        email: Annotated[str, typer.Argument(help="Sign-in email address.")],
        role: Annotated[list[str], typer.Option(help=ROLE_HELP)],
        team: Annotated[str | None, typer.Option(help="Team name (practitioners and supervisors need one).")] = None,
        name: Annotated[str, typer.Option(help="Display name, e.g. 'Sam Patel'.")] = "",
    ) -> None:
        """Create a user; the password is read from standard input or a hidden prompt."""
        from api.accounts import create_user as create
        from api.audit import record
        from api.audit.details import created_user
        from api.db.models import Role

        bad = [r for r in role if r not in Role.__members__]
        if bad:
            raise fail(f"unknown role {bad[0]!r}: choose {ROLE_HELP}")
        password = _read_password()
        with _session() as (ctx, s):
            roles = {Role(r) for r in role}
            user = create(s, ctx.passwords, email, password, roles, team, ctx.settings.min_password_length, name)
            record(s, action="user.create", user=None, username=cli_username(), detail=created_user(user))
            in_team = f", team {user.team.name}" if user.team else ""
            typer.echo(f"Created {user.email} ({', '.join(sorted(user.roles))}{in_team})")

    @users_app.command("set-password")
    @handle_errors
    def set_password(email: Annotated[str, typer.Argument(help="The user's email.")]) -> None:
        """Reset a user's password (read from standard input or a prompt); signs them out everywhere."""
        from sqlalchemy import select

        from api.accounts import update_user
        from api.audit import record
        from api.db.models import User

        password = _read_password()
        with _session() as (ctx, s):
            user = s.scalars(select(User).where(User.email == email.strip().lower())).one_or_none()
            if user is None:
                raise fail(f"no user {email}. `offset users list` shows them.")
            update_user(s, ctx.passwords, user, ctx.settings.min_password_length, password=password)
            detail = {"target_user_id": user.id, "email": user.email, "changes": {"password": "changed"}}
            record(s, action="user.update", user=None, username=cli_username(), detail=detail)
            typer.echo(f"Password changed for {user.email}")

    @users_app.command("list")
    @handle_errors
    def list_users() -> None:
        """Every user with roles and team."""
        from sqlalchemy import select

        from api.db.models import User

        with _session() as (_ctx, s):
            for u in s.scalars(select(User).order_by(User.email)):
                status = "" if u.active else "  (deactivated)"
                team = u.team.name if u.team else "-"
                typer.echo(f"{u.email}\t{','.join(sorted(u.roles))}\t{team}{status}")

    @teams_app.command("create")
    @handle_errors
    def create_team(name: Annotated[str, typer.Argument(help="Team name, e.g. 'Adults North'.")]) -> None:
        """Create a team."""
        from api.accounts import create_team as create
        from api.audit import record

        with _session() as (_ctx, s):
            team = create(s, name)
            record(
                s,
                action="team.create",
                user=None,
                username=cli_username(),
                detail={"team_id": team.id, "name": team.name},
            )
            typer.echo(f"Created team {team.name}")

    @teams_app.command("list")
    @handle_errors
    def list_teams() -> None:
        """Every team."""
        from sqlalchemy import select

        from api.db.models import Team

        with _session() as (_ctx, s):
            for t in s.scalars(select(Team).order_by(Team.name)):
                typer.echo(t.name)

"""The web pages' `Authenticator` over the service's accounts and tokens (see api/web/auth.py)."""

from __future__ import annotations

from collections.abc import Callable

from api.audit import record
from api.auth.signin import password_sign_in
from api.auth.tokens import InvalidToken, issue_token, read_token
from api.context import ServiceContext
from api.db.models import User
from api.errors import NotAuthenticated, RateLimited
from api.web.auth import Authenticator, Role, WebUser
from api.web.errors import InvalidCredentialsError, TooManyAttemptsError


class ServiceAuthenticator(Authenticator):
    """Signs people in with the service's password backend; the session token is a service access token
    (so the pages' scripts can call /api with it), lasting as long as a browser session."""

    name = "service"

    def __init__(self, context: Callable[[], ServiceContext], session_minutes: int | None = None) -> None:
        self._context = context
        self._minutes = session_minutes

    def _session_minutes(self, ctx: ServiceContext) -> int:
        if self._minutes is not None:
            return self._minutes
        from api.web.settings import get_web_settings

        return int(get_web_settings().web_session_hours * 60)

    def sign_in(self, email: str, password: str, *, client: str) -> str:
        ctx = self._context()
        with ctx.db.sessions() as session:
            try:
                user = password_sign_in(ctx, session, email, password, client, channel="web")
            except RateLimited as e:
                raise TooManyAttemptsError(e.message, int(e.headers.get("Retry-After", "60"))) from e
            except NotAuthenticated as e:
                raise InvalidCredentialsError(e.message) from e
            token, _ = issue_token(ctx.settings.secret_key, user.id, user.token_version, self._session_minutes(ctx))
            return token

    def user_for_token(self, token: str) -> WebUser | None:
        ctx = self._context()
        try:
            claims = read_token(ctx.settings.secret_key, token)
        except InvalidToken:
            return None
        with ctx.db.sessions() as session:
            user = session.get(User, claims.user_id)
            if user is None or not user.active or user.token_version != claims.version:
                return None
            roles: frozenset[Role] = frozenset(r.value for r in user.roles)  # type: ignore[misc]
            return WebUser(
                id=str(user.id),
                email=user.email,
                name=user.display_name or user.email,
                roles=roles,
                team=user.team.name if user.team else None,
            )

    def sign_out(self, token: str) -> None:
        """Tokens are stateless: the cookie is cleared (and the sign-out audited);
        `offset users set-password` ends every session."""
        ctx = self._context()
        try:
            claims = read_token(ctx.settings.secret_key, token)
        except InvalidToken:
            return
        with ctx.db.sessions() as session:
            user = session.get(User, claims.user_id)
            if user is not None:
                record(session, action="auth.sign_out", user=user, detail={"channel": "web"})
                session.commit()

"""FastAPI dependencies as `Annotated` aliases: the context, a database session, the signed-in user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from api.auth import InvalidToken, read_token
from api.context import ServiceContext
from api.db.models import User
from api.errors import Forbidden, NotAuthenticated
from core.errors import OffsetError

oauth2 = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False)


# The two trivial dependencies are async so FastAPI does not hop to a worker thread for them.
async def get_context(request: Request) -> ServiceContext:
    ctx: ServiceContext = request.app.state.context
    return ctx


ContextDep = Annotated[ServiceContext, Depends(get_context)]


async def get_session(ctx: ContextDep) -> AsyncIterator[Session]:
    """A session for one request (no connection until first used); routes commit what they change."""
    with ctx.db.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


async def request_token(request: Request, bearer: Annotated[str | None, Depends(oauth2)]) -> str | None:
    """The bearer token, or the web pages' session cookie (then an unsafe method needs X-CSRF-Token).

    The header is required, not a form field, so an upload's body is never read here.
    """
    if bearer:
        return bearer
    from api.web.csrf import CSRF_HEADER, SAFE_METHODS, verify_csrf
    from api.web.session import session_token

    cookie = session_token(request)
    if cookie and request.method not in SAFE_METHODS:
        if not request.headers.get(CSRF_HEADER):
            raise Forbidden(
                f"Send the page's {CSRF_HEADER} header with requests signed in by the session cookie.",
                code="csrf_required",
            )
        try:
            await verify_csrf(request)
        except OffsetError as e:
            raise Forbidden(str(e), code="csrf_failed") from e
    return cookie


def get_current_user(
    ctx: ContextDep, session: SessionDep, token: Annotated[str | None, Depends(request_token)]
) -> User:
    if not token:
        raise NotAuthenticated("Sign in first: POST /api/auth/token, then send 'Authorization: Bearer <token>'.")
    try:
        claims = read_token(ctx.settings.secret_key, token)
    except InvalidToken as e:
        raise NotAuthenticated(str(e)) from e
    user = session.get(User, claims.user_id)
    if user is None or not user.active or user.token_version != claims.version:
        raise NotAuthenticated("This sign-in is no longer valid (account changed or deactivated). Sign in again.")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]

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
from api.errors import NotAuthenticated

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


def get_current_user(ctx: ContextDep, session: SessionDep, token: Annotated[str | None, Depends(oauth2)]) -> User:
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

"""Signing in with a password: the limit on failures, the backend's check, the record. One path for the
API's `POST /api/auth/token` and the web pages' sign-in form."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.context import ServiceContext
from api.db.base import utcnow
from api.db.models import User
from api.errors import ApiError


def password_sign_in(ctx: ServiceContext, session: Session, username: str, password: str, address: str) -> User:
    """The user, with the attempt recorded (and committed); NotAuthenticated or RateLimited otherwise."""
    username = username.strip().lower()
    ctx.limiter.check(session, username, address)
    try:
        user = ctx.auth.authenticate(session, username, password)
    except ApiError:
        ctx.limiter.record(session, username, address, succeeded=False)
        session.commit()
        raise
    ctx.limiter.record(session, username, address, succeeded=True)
    user.last_login_at = utcnow()
    session.commit()
    return user

"""Signing in with a password: the limit on failures, the backend's check, the record. One path for the
API's `POST /api/auth/token` and the web pages' sign-in form."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.audit import record
from api.context import ServiceContext
from api.db.base import utcnow
from api.db.models import User
from api.errors import ApiError


def password_sign_in(
    ctx: ServiceContext, session: Session, username: str, password: str, address: str, channel: str = "api"
) -> User:
    """The user, with the attempt recorded and audited (and committed); NotAuthenticated or RateLimited otherwise.

    `channel` says where: "api" (POST /api/auth/token) or "web" (the sign-in page).
    """
    username = username.strip().lower()
    try:
        ctx.limiter.check(session, username, address)
    except ApiError:
        detail = {"channel": channel, "reason": "rate_limited"}
        record(session, action="auth.sign_in_failed", user=None, username=username, detail=detail)
        session.commit()
        raise
    try:
        user = ctx.auth.authenticate(session, username, password)
    except ApiError:
        ctx.limiter.record(session, username, address, succeeded=False)
        detail = {"channel": channel, "reason": _why(session, username)}
        record(session, action="auth.sign_in_failed", user=None, username=username, detail=detail)
        session.commit()
        raise
    ctx.limiter.record(session, username, address, succeeded=True)
    user.last_login_at = utcnow()
    record(session, action="auth.sign_in", user=user, detail={"channel": channel})
    session.commit()
    return user


def _why(session: Session, username: str) -> str:
    """Why a sign-in failed, for the audit log only (the caller is told nothing that tells accounts apart)."""
    user = session.scalars(select(User).where(User.email == username)).one_or_none()
    if user is None:
        return "unknown_account"
    return "deactivated" if not user.active else "wrong_password"

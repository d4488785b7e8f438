"""Sign in: `POST /api/auth/token` (OAuth2 password form) gives an expiring bearer token."""

from __future__ import annotations

import unicodedata
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordRequestForm

from api.auth import issue_token
from api.auth.signin import password_sign_in
from api.deps import ContextDep, SessionDep
from api.errors import Unprocessable, responses
from api.schemas.accounts import Token

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/token",
    responses=responses(401, 422, 429),
    summary="Sign in with email and password; returns a bearer token",
)
def token(
    ctx: ContextDep, session: SessionDep, request: Request, form: Annotated[OAuth2PasswordRequestForm, Depends()]
) -> Token:
    username = form.username.strip().lower()
    if len(username) > 254 or any(unicodedata.category(ch) == "Cc" for ch in username):
        raise Unprocessable("The username is your email address; check it and sign in again.", code="invalid_input")
    address = request.client.host if request.client else "unknown"
    user = password_sign_in(ctx, session, username, form.password, address)
    access, expires = issue_token(ctx.settings.secret_key, user.id, user.token_version, ctx.settings.token_minutes)
    return Token(access_token=access, expires_at=expires)

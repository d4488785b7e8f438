"""Signed, expiring access tokens (JWT, HS256) carrying the user id and the user's token version."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

ALGORITHM = "HS256"
ISSUER = "offset"


class InvalidToken(Exception):
    """The token is malformed, forged or expired (the message says which)."""


@dataclass(frozen=True)
class TokenClaims:
    user_id: int
    version: int
    expires_at: datetime


def issue_token(secret: str, user_id: int, version: int, minutes: int) -> tuple[str, datetime]:
    now = datetime.now(UTC)
    expires = now + timedelta(minutes=minutes)
    payload = {
        "sub": str(user_id),
        "ver": version,
        "iat": now,
        "exp": expires,
        "iss": ISSUER,
        "jti": secrets.token_hex(8),
    }
    return jwt.encode(payload, secret, algorithm=ALGORITHM), expires


def read_token(secret: str, token: str) -> TokenClaims:
    try:
        payload = jwt.decode(token, secret, algorithms=[ALGORITHM], issuer=ISSUER, options={"require": ["exp", "sub"]})
    except jwt.ExpiredSignatureError as e:
        raise InvalidToken("Your sign-in has expired. Sign in again (POST /api/auth/token).") from e
    except jwt.PyJWTError as e:
        raise InvalidToken("The access token is not valid. Sign in again (POST /api/auth/token).") from e
    try:
        return TokenClaims(
            user_id=int(payload["sub"]),
            version=int(payload.get("ver", 0)),
            expires_at=datetime.fromtimestamp(payload["exp"], UTC),
        )
    except (TypeError, ValueError) as e:
        raise InvalidToken("The access token is not valid. Sign in again (POST /api/auth/token).") from e

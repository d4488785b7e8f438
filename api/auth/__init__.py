"""Authentication: backends (password; OIDC later), argon2 hashes, expiring tokens, sign-in limits."""

from api.auth.backends import BACKENDS, AuthBackend, PasswordBackend, get_backend
from api.auth.passwords import Passwords
from api.auth.ratelimit import LoginLimiter
from api.auth.tokens import InvalidToken, TokenClaims, issue_token, read_token

__all__ = [
    "BACKENDS",
    "AuthBackend",
    "InvalidToken",
    "LoginLimiter",
    "PasswordBackend",
    "Passwords",
    "TokenClaims",
    "get_backend",
    "issue_token",
    "read_token",
]

"""CSRF protection for every form: a signed double-submit token bound to the session.

The browser holds a random value in an HttpOnly cookie (`offset_csrf`). Each form carries
HMAC(secret, value + session) in a hidden `csrf_token` field, or a script sends it in the
`X-CSRF-Token` header. Another site can make the browser send the cookie but can neither read
the page's token nor compute one without the secret; a token from before sign-in or sign-out no
longer matches. Cross-site requests the browser labels so (`Sec-Fetch-Site`) are refused outright.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request, Response

from api.web.errors import CsrfError
from api.web.session import session_token, set_cookie
from api.web.settings import WebSettings

CSRF_COOKIE = "offset_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_NEW_COOKIE = "offset_csrf_new"  # request.state attribute: a cookie value minted during this request

EXPIRED_MESSAGE = (
    "This form has expired or was sent from another website, so nothing was saved. "
    "Go back, reload the page and try again."
)


def _expected(request: Request, cookie_value: str) -> str:
    settings: WebSettings = request.app.state.web_settings
    session = hashlib.sha256((session_token(request) or "").encode()).hexdigest()
    message = f"csrf|{cookie_value}|{session}".encode()
    return hmac.new(settings.web_secret_key.get_secret_value().encode(), message, hashlib.sha256).hexdigest()


def _cookie_value(request: Request) -> str | None:
    return getattr(request.state, _NEW_COOKIE, None) or request.cookies.get(CSRF_COOKIE) or None


def csrf_token(request: Request) -> str:
    """The token for forms on this page; mints the cookie value if the browser has none yet."""
    value = _cookie_value(request)
    if value is None:
        value = secrets.token_urlsafe(32)
        setattr(request.state, _NEW_COOKIE, value)
    return _expected(request, value)


def rotate_csrf(request: Request, response: Response) -> None:
    """Send a fresh cookie value (at sign-in and sign-out) so tokens from before no longer match."""
    setattr(request.state, _NEW_COOKIE, secrets.token_urlsafe(32))
    attach_csrf_cookie(request, response)


def attach_csrf_cookie(request: Request, response: Response) -> None:
    """Send the cookie minted during this request, if any; every page response calls this."""
    value = getattr(request.state, _NEW_COOKIE, None)
    if value is not None:
        set_cookie(request, response, CSRF_COOKIE, value, max_age=None)


async def verify_csrf(request: Request) -> None:
    """FastAPI dependency for every unsafe web route: raise `CsrfError` unless the token matches."""
    if request.method in SAFE_METHODS:
        return
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise CsrfError(EXPIRED_MESSAGE)
    cookie_value = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if sent is None and content_type.startswith("multipart/form-data"):
        # Uploads stream their body straight to storage, so it is never parsed here: a multipart
        # form carries its token in the action's query string (same-origin Referer only).
        sent = request.query_params.get(CSRF_FIELD)
    elif sent is None and content_type.startswith("application/x-www-form-urlencoded"):
        field = (await request.form()).get(CSRF_FIELD)
        sent = field if isinstance(field, str) else None
    if not cookie_value or not sent or not hmac.compare_digest(sent, _expected(request, cookie_value)):
        raise CsrfError(EXPIRED_MESSAGE)

"""The browser's session cookie: it holds the token the authenticator issued, and nothing else.

HttpOnly (page scripts cannot read it), SameSite=Lax (not sent on cross-site form posts),
host-only, Secure on HTTPS or when the settings say so (always in production mode).
"""

from __future__ import annotations

from fastapi import Request, Response

from api.web.settings import WebSettings

SESSION_COOKIE = "offset_session"


def cookie_is_secure(request: Request, settings: WebSettings) -> bool:
    """Secure cookies on HTTPS (uvicorn's --proxy-headers makes a TLS proxy's scheme count) or when forced."""
    return settings.web_secure_cookies or request.url.scheme == "https"


def set_cookie(request: Request, response: Response, name: str, value: str, *, max_age: int | None) -> None:
    """Set one of the pages' cookies with the flags every one of them gets."""
    settings: WebSettings = request.app.state.web_settings
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        secure=cookie_is_secure(request, settings),
        httponly=True,
        samesite="lax",
    )


def session_token(request: Request) -> str | None:
    """The session token the browser sent, if any."""
    return request.cookies.get(SESSION_COOKIE) or None


def set_session(request: Request, response: Response, token: str) -> None:
    """Start the browser session with a token from `Authenticator.sign_in`."""
    settings: WebSettings = request.app.state.web_settings
    set_cookie(request, response, SESSION_COOKIE, token, max_age=int(settings.web_session_hours * 3600))


def clear_session(request: Request, response: Response) -> None:
    """End the browser session (the authenticator revokes the token itself)."""
    settings: WebSettings = request.app.state.web_settings
    response.delete_cookie(
        SESSION_COOKIE, path="/", secure=cookie_is_secure(request, settings), httponly=True, samesite="lax"
    )

"""Dependencies the page routes share: who is signed in, what role they need, and the CSRF check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from api.web.auth import Authenticator, Role, WebUser
from api.web.csrf import verify_csrf
from api.web.errors import PageForbiddenError, SignInRequiredError
from api.web.session import session_token


def get_authenticator(request: Request) -> Authenticator:
    """The authenticator `mount_web` installed on the app."""
    authenticator: Authenticator = request.app.state.web_authenticator
    return authenticator


def optional_user(
    request: Request, authenticator: Annotated[Authenticator, Depends(get_authenticator)]
) -> WebUser | None:
    """The signed-in user or None; every page resolves it so the header can offer 'Sign out'."""
    token = session_token(request)
    user = authenticator.user_for_token(token) if token else None
    request.state.web_user = user
    return user


def current_user(user: Annotated[WebUser | None, Depends(optional_user)]) -> WebUser:
    """The signed-in user; anyone else is sent to the sign-in page and brought back afterwards."""
    if user is None:
        raise SignInRequiredError("Sign in to see this page.")
    return user


OptionalWebUser = Annotated[WebUser | None, Depends(optional_user)]
CurrentWebUser = Annotated[WebUser, Depends(current_user)]
CsrfProtected = Depends(verify_csrf)


def require_role(*roles: Role) -> Callable[[WebUser], WebUser]:
    """A dependency that lets only the given roles in (others get the 403 page)."""

    def _check(user: CurrentWebUser) -> WebUser:
        if not user.has_any(roles):
            raise PageForbiddenError(
                f"This page is for {' and '.join(roles)} accounts; your account is {user.role_names.lower()}."
            )
        return user

    return _check

"""Signing in and out, and the page that shows who you are signed in as."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.web.csrf import rotate_csrf
from api.web.deps import CsrfProtected, CurrentWebUser, OptionalWebUser, get_authenticator
from api.web.errors import InvalidCredentialsError, SignInUnavailableError, TooManyAttemptsError
from api.web.session import clear_session, session_token, set_session
from api.web.templating import render

router = APIRouter()


def safe_next(target: str | None, default: str = "/account") -> str:
    """Only a path on this site may follow sign-in (never `//host` or `https://host`: no open redirect)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")) or "\\" in target:
        return default
    return target


# Where each role starts, in this order for someone who holds several.
HOMES = [("practitioner", "/visits"), ("supervisor", "/team"), ("evaluator", "/evaluation"), ("admin", "/admin/users")]


def home_for(user: object) -> str:
    """Where a user lands after signing in: their first role's main page."""
    roles: frozenset[str] = getattr(user, "roles", frozenset())
    return next((home for role, home in HOMES if role in roles), "/account")


def _sign_in_page(
    request: Request, *, email: str = "", next_path: str = "", errors: dict[str, str] | None = None, status: int = 200
) -> HTMLResponse:
    context = {
        "title": "Sign in",
        "email": email,
        "next_path": next_path,
        "errors": errors or {},
        "error_list": [{"text": text, "href": f"#{field}"} for field, text in (errors or {}).items()],
        "has_errors": bool(errors),
        "signed_out": request.query_params.get("signed_out") == "1",
    }
    return render(request, "pages/sign_in.html", context, status_code=status)


@router.get("/sign-in", name="sign_in")
def sign_in_form(request: Request, user: OptionalWebUser, next: str = "") -> Response:
    """The sign-in form; someone already signed in goes straight on."""
    if user is not None:
        return RedirectResponse(safe_next(next, home_for(user)), status_code=303)
    return _sign_in_page(request, next_path=safe_next(next, ""))


@router.post("/sign-in", dependencies=[CsrfProtected])
def sign_in_submit(
    request: Request,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    """Check the credentials with the authenticator; on success start the session and go on."""
    email = email.strip()
    errors: dict[str, str] = {}
    if not email:
        errors["email"] = "Enter your email address"
    if not password:
        errors["password"] = "Enter your password"  # noqa: S105 - an error message, not a password
    if errors:
        return _sign_in_page(request, email=email, next_path=safe_next(next, ""), errors=errors, status=400)
    client = request.client.host if request.client else "unknown"
    authenticator = get_authenticator(request)
    try:
        token = authenticator.sign_in(email, password, client=client)
    except InvalidCredentialsError:
        errors["email"] = "Enter a correct email address and password"
        return _sign_in_page(request, email=email, next_path=safe_next(next, ""), errors=errors, status=401)
    except TooManyAttemptsError as e:
        minutes = max(1, -(-e.retry_after_seconds // 60))
        errors["email"] = f"You have tried to sign in too many times. Wait {minutes} minutes, then try again"
        page = _sign_in_page(request, email=email, next_path=safe_next(next, ""), errors=errors, status=429)
        page.headers["Retry-After"] = str(e.retry_after_seconds)
        return page
    except SignInUnavailableError as e:
        errors["email"] = str(e)
        return _sign_in_page(request, email=email, next_path=safe_next(next, ""), errors=errors, status=503)
    user = authenticator.user_for_token(token)
    response = RedirectResponse(safe_next(next, home_for(user)), status_code=303)
    set_session(request, response, token)
    rotate_csrf(request, response)
    return response


@router.post("/sign-out", name="sign_out", dependencies=[CsrfProtected])
def sign_out(request: Request) -> Response:
    """End the session here and with the authenticator, then confirm on the sign-in page."""
    token = session_token(request)
    if token:
        get_authenticator(request).sign_out(token)
    response = RedirectResponse("/sign-in?signed_out=1", status_code=303)
    clear_session(request, response)
    rotate_csrf(request, response)
    return response


@router.get("/account", name="account")
def account(request: Request, user: CurrentWebUser) -> HTMLResponse:
    """Who you are signed in as: name, email, role and team."""
    return render(request, "pages/account.html", {"title": "Your account"})

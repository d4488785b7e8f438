"""Error pages: what happened and what to do, never a stack trace.

A browser asking for a page (not under /api, and accepting HTML) gets a GOV.UK-style page; every
other caller gets whatever the app's own handlers answer (the service's JSON errors), because
`install_error_pages` wraps the handlers registered before it instead of replacing them.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.web.errors import CsrfError, PageForbiddenError, SignInRequiredError, WebPageError
from api.web.session import session_token
from api.web.templating import render
from core.errors import OffsetError

log = logging.getLogger("offset.web")

Handler = Callable[[Request, Exception], Response | Awaitable[Response]]

NOT_HTML_PREFIXES = ("/api", "/docs", "/redoc", "/openapi.json", "/static")


@dataclass(frozen=True)
class ErrorPage:
    """The words on one error page: a heading and what the user can do about it."""

    title: str
    paragraphs: tuple[str, ...]


PAGES: dict[int, ErrorPage] = {
    400: ErrorPage(
        "There is a problem with what was sent",
        ("The request could not be understood.", "Go back and try again."),
    ),
    403: ErrorPage(
        "You do not have permission to see this page",
        ("If you think you should be able to see it, ask your team supervisor or the service administrator.",),
    ),
    404: ErrorPage(
        "Page not found",
        (
            "If you typed the web address, check it is correct.",
            "If you pasted the web address, check you copied the entire address.",
            "If the web address is correct or you selected a link or button, the page may have been removed.",
        ),
    ),
    405: ErrorPage(
        "This page cannot be used that way",
        ("Go back to the previous page and use its links and buttons.",),
    ),
    409: ErrorPage(
        "This cannot be done now",
        ("The record has changed since the page was opened. Go back, reload the page and try again.",),
    ),
    413: ErrorPage(
        "The file is too large",
        ("Compress the recording (export it as m4a or mp3) or split it, then upload it again.",),
    ),
    415: ErrorPage(
        "The file is not a recording",
        ("Choose an audio file: wav, mp3, m4a, aac, ogg, webm or flac.",),
    ),
    422: ErrorPage(
        "Some of the information sent was missing or not right",
        ("Nothing was saved. Go back, check the form and try again.",),
    ),
    429: ErrorPage(
        "Too many attempts",
        ("You have tried too many times in a short time. Wait a few minutes, then try again.",),
    ),
    500: ErrorPage(
        "Sorry, there is a problem with the service",
        ("Try again later.", "If it keeps happening, contact support and give them the reference below."),
    ),
    503: ErrorPage(
        "Sorry, the service is unavailable",
        ("It may be starting up or being updated. Try again in a few minutes.",),
    ),
}

# A form whose CSRF token did not match: not a permissions problem, so its own words.
CSRF_PAGE = ErrorPage(
    "Your form could not be sent",
    (
        "This can happen when a page has been open for a long time, or when the form came from another "
        "website. Nothing was saved.",
        "Go back, reload the page and try again.",
    ),
)


def wants_page(request: Request) -> bool:
    """True for a browser asking for a page; API clients, scripts and static files keep their own errors."""
    if request.url.path.startswith(NOT_HTML_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_page(
    request: Request,
    status_code: int,
    *,
    detail: str | None = None,
    problems: list[str] | None = None,
    reference: str | None = None,
    page: ErrorPage | None = None,
) -> Response:
    """Render the error page for a status code (an unknown code gets the 400 or 500 words)."""
    page = page or PAGES.get(status_code) or PAGES[500 if status_code >= 500 else 400]
    if status_code < 500 and not hasattr(request.state, "web_user"):
        _resolve_user(request)
    context = {
        "title": page.title,
        "paragraphs": page.paragraphs,
        "detail": detail,
        "problems": problems or [],
        "reference": reference,
        "status_code": status_code,
    }
    return render(request, "errors/error.html", context, status_code=status_code)


def _resolve_user(request: Request) -> None:
    """Show a signed-in user as signed in on a 4xx page raised before the route's dependencies ran."""
    token = session_token(request)
    try:
        request.state.web_user = request.app.state.web_authenticator.user_for_token(token) if token else None
    except Exception:  # an error page must render even when the accounts back end is failing
        log.warning("Could not look up the signed-in user for an error page", exc_info=True)
        request.state.web_user = None


def _problems(exc: RequestValidationError) -> list[str]:
    """Readable lines from a validation error: which field, and what was wrong (no values echoed)."""
    lines = []
    for error in exc.errors():
        where = " ".join(str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path"))
        message = str(error.get("msg", "not valid"))
        lines.append(f"‘{where}’: {message}" if where else message)
    return lines


def install_error_pages(app: FastAPI) -> None:
    """Serve error pages to browsers; delegate everything else to the handlers already on the app."""
    previous_http = cast(Handler, app.exception_handlers.get(StarletteHTTPException, http_exception_handler))
    previous_validation = cast(
        Handler, app.exception_handlers.get(RequestValidationError, request_validation_exception_handler)
    )
    previous_500 = cast(Handler | None, app.exception_handlers.get(Exception))
    previous_offset = cast(Handler | None, app.exception_handlers.get(OffsetError))

    async def _delegate(handler: Handler, request: Request, exc: Exception) -> Response:
        response = handler(request, exc)
        return await response if isinstance(response, Awaitable) else response

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if not wants_page(request):
            return await _delegate(previous_http, request, exc)
        return error_page(request, exc.status_code)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if not wants_page(request):
            return await _delegate(previous_validation, request, exc)
        return error_page(request, 422, problems=_problems(exc))

    async def on_page_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, WebPageError)
        if isinstance(exc, SignInRequiredError):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/sign-in?{urlencode({'next': target})}", status_code=303)
        if isinstance(exc, CsrfError):
            return error_page(request, 403, page=CSRF_PAGE)
        if isinstance(exc, PageForbiddenError):
            return error_page(request, 403, detail=str(exc))
        return error_page(request, exc.status_code, detail=str(exc))

    async def on_service_error(request: Request, exc: Exception) -> Response:
        # A service error (a visit not found, a refused transition) reached from a page: its message,
        # which says what to do, on the page for its status; the API keeps its JSON.
        assert isinstance(exc, OffsetError)
        if isinstance(exc, WebPageError):
            return await on_page_error(request, exc)
        if not wants_page(request) or previous_offset is None:
            if previous_offset is not None:
                return await _delegate(previous_offset, request, exc)
            return await on_crash(request, exc)
        from api.errors import ApiError, _status_of

        status, _code = _status_of(exc)
        if status >= 500 and not isinstance(exc, ApiError):
            return await on_crash(request, exc)
        return error_page(request, status, detail=exc.message if isinstance(exc, ApiError) else str(exc))

    async def on_crash(request: Request, exc: Exception) -> Response:
        # The reference ties what the user reports to the logged traceback; the page shows nothing else.
        reference = secrets.token_hex(4).upper()
        log.error("Unhandled error (reference %s) on %s %s", reference, request.method, request.url.path, exc_info=exc)
        if not wants_page(request):
            if previous_500 is not None:
                return await _delegate(previous_500, request, exc)
            return PlainTextResponse(f"Internal Server Error (reference {reference})", status_code=500)
        return error_page(request, 500, reference=reference)

    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(WebPageError, on_page_error)
    app.add_exception_handler(OffsetError, on_service_error)
    app.add_exception_handler(Exception, on_crash)

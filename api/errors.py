"""HTTP errors in one shape, `{"code", "message", "detail"}`, and the handlers that produce it.

A caller's mistake is a 4xx whose message says what to do; the domain errors of every layer map to
their status here (one table). Anything unexpected is a 500 with the request id to report: a bug.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.errors import BadInputError, ConfigurationError, ModelUnavailableError, OffsetError
from prompts.errors import TemplateNotFoundError

log = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """Every error response."""

    code: str = Field(description="Stable machine-readable code, e.g. 'visit_not_found'.")
    message: str = Field(description="What happened and what to do, for a person.")
    detail: Any = Field(None, description="Structured detail (e.g. the invalid fields), or null.")


class ApiError(OffsetError):
    """An HTTP error with its status, code and an actionable message."""

    status = 400
    code = "bad_request"

    def __init__(
        self, message: str, *, code: str | None = None, detail: Any = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or type(self).code
        self.detail = detail
        self.headers = headers or {}


class NotAuthenticated(ApiError):
    status, code = 401, "not_authenticated"

    def __init__(self, message: str, **kw: Any) -> None:
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(message, **kw)


class Forbidden(ApiError):
    status, code = 403, "forbidden"


class NotFound(ApiError):
    status, code = 404, "not_found"


class Conflict(ApiError):
    status, code = 409, "conflict"


class Gone(ApiError):
    status, code = 410, "deleted"


class PayloadTooLarge(ApiError):
    status, code = 413, "upload_too_large"


class UnsupportedMedia(ApiError):
    status, code = 415, "unsupported_media_type"


class Unprocessable(ApiError):
    status, code = 422, "invalid_input"


class RangeNotSatisfiable(ApiError):
    status, code = 416, "range_not_satisfiable"


class RateLimited(ApiError):
    status, code = 429, "too_many_attempts"


class Unavailable(ApiError):
    status, code = 503, "unavailable"


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries documenting these error statuses with the error shape."""
    return {status: {"model": ErrorBody} for status in statuses}


def _status_of(exc: OffsetError) -> tuple[int, str]:
    """The one table from domain errors to HTTP status and code."""
    from api.storage import StorageError, StorageFullError

    if isinstance(exc, ApiError):
        return exc.status, exc.code
    if isinstance(exc, TemplateNotFoundError):
        return 404, "template_not_found"
    if isinstance(exc, BadInputError):
        return 422, "invalid_input"
    if isinstance(exc, StorageFullError):
        return 507, "storage_full"
    if isinstance(exc, (ModelUnavailableError, StorageError)):
        return 503, "unavailable"
    if isinstance(exc, ConfigurationError):
        return 503, "misconfigured"
    return 500, "internal_error"


def request_id(request: Request) -> str:
    return str(getattr(request.state, "request_id", "-"))


def error_response(
    status: int, code: str, message: str, detail: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(code=code, message=message, detail=detail)
    return JSONResponse(status_code=status, content=body.model_dump(), headers=headers)


_HTTP_CODES = {
    404: ("not_found", "No such address in the Offset API. See /docs for the routes."),
    405: ("method_not_allowed", "This address does not accept that method. See /docs for the routes."),
}


def _validation_message(errors: list[Any]) -> str:
    parts = []
    for err in errors[:3]:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        parts.append(f"{loc or 'request'}: {err.get('msg')}")
    return "Invalid request: " + "; ".join(parts) + ". Correct these and send it again."


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that give every error the same JSON shape."""

    @app.exception_handler(OffsetError)
    async def _offset_error(request: Request, exc: OffsetError) -> JSONResponse:
        status, code = _status_of(exc)
        if status >= 500:
            log.error("request %s failed: %s", request_id(request), exc, exc_info=status == 500)
        message = exc.message if isinstance(exc, ApiError) else str(exc)
        detail = exc.detail if isinstance(exc, ApiError) else None
        headers = exc.headers if isinstance(exc, ApiError) else None
        return error_response(status, code, message, detail, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return error_response(422, "invalid_input", _validation_message(errors), errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _HTTP_CODES.get(exc.status_code, ("http_error", str(exc.detail)))
        return error_response(exc.status_code, code, message, None, dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        rid = request_id(request)
        log.exception("unhandled error in request %s", rid)
        return error_response(
            500,
            "internal_error",
            f"Offset hit an internal error (a bug). Try again; if it keeps happening, report request id {rid}.",
        )

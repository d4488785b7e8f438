"""Map domain errors to HTTP: the user's mistakes are 4xx with an actionable message; a 500 is a bug."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from core.errors import BadInputError, ModelUnavailableError, OffsetError
from prompts.errors import TemplateNotFoundError


def install_error_handlers(app: FastAPI) -> None:
    """Register handlers for the domain error hierarchy."""

    @app.exception_handler(OffsetError)
    async def _offset_error(_request: Request, exc: OffsetError) -> JSONResponse:
        if isinstance(exc, TemplateNotFoundError):
            status = 404
        elif isinstance(exc, BadInputError):
            status = 422
        elif isinstance(exc, ModelUnavailableError):
            status = 503
        else:
            status = 500
        return JSONResponse(status_code=status, content={"error": type(exc).__name__, "detail": str(exc)})

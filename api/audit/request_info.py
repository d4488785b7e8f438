"""The request an audit entry belongs to: its id and the caller's address, from the request or the context.

`RequestIdMiddleware` sets the current request for every HTTP request, so code that runs inside one
(the web sign-in's authenticator, a service function) is audited with the request id without
being handed the request.
"""

from __future__ import annotations

from contextvars import ContextVar, Token
from dataclasses import dataclass

from starlette.requests import Request


@dataclass(frozen=True)
class RequestInfo:
    request_id: str = ""
    address: str = ""


_current: ContextVar[RequestInfo | None] = ContextVar("offset_audit_request", default=None)


def set_current_request(request_id: str, address: str) -> Token[RequestInfo | None]:
    return _current.set(RequestInfo(request_id=request_id[:64], address=address[:64]))


def reset_current_request(token: Token[RequestInfo | None]) -> None:
    _current.reset(token)


def request_info(request: Request | None) -> RequestInfo:
    """The given request's id and address, else the request being served, else nothing (the CLI)."""
    if request is not None:
        rid = str(getattr(request.state, "request_id", "") or "")
        address = request.client.host if request.client else ""
        return RequestInfo(request_id=rid[:64], address=address[:64])
    return _current.get() or RequestInfo()

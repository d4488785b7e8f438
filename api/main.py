"""The FastAPI application: `create_app()` builds it; `offset serve` runs it with uvicorn.

`uvicorn --factory api.main:create_app` also works. Building the app reads no settings and opens
nothing: the service context (database, storage, queue) is given, or built when the app starts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from api.auth.web import ServiceAuthenticator
from api.context import ServiceContext
from api.errors import install_error_handlers
from api.middleware import RequestIdMiddleware
from api.routes import include_routers
from api.web import mount_web
from core import __version__

DESCRIPTION = (
    "Upload a visit recording (with consent); a job transcribes, redacts and drafts it. "
    "Sign in with POST /api/auth/token, then send `Authorization: Bearer <token>`. "
    "Errors are JSON: `{code, message, detail}`."
)


def create_app(context: ServiceContext | None = None, start_workers: bool = True) -> FastAPI:
    """The app over `context`, or over one built from the environment when it starts (migrations applied)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Starts (and later stops) only what is not running yet: a second lifespan over the same
        # context (a test client per request) leaves the first one's workers alone.
        ctx: ServiceContext | None = getattr(app.state, "context", None)
        owned = ctx is None
        if ctx is None:
            ctx = start_context()
            app.state.context = ctx
        queue_owned = ctx.queue is None
        if ctx.queue is None:
            from api.jobs import build_queue

            ctx.queue = build_queue(ctx)
            if start_workers:
                ctx.queue.start()
        try:
            yield
        finally:
            if queue_owned:
                ctx.queue.stop()
                ctx.queue = None
            if owned:
                ctx.close()

    app = FastAPI(title="Offset", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    if context is not None:
        app.state.context = context
    app.add_middleware(RequestIdMiddleware)
    install_error_handlers(app)
    include_routers(app)
    # The GOV.UK pages, signing in with the service's accounts; last, because it wraps the error handlers.
    mount_web(app, authenticator=ServiceAuthenticator(lambda: app.state.context))
    return app


def start_context() -> ServiceContext:
    """The context from the environment, with the database migrated to the newest schema."""
    from api.context import build_context
    from api.db import upgrade
    from api.settings import get_service_settings

    ctx = build_context(get_service_settings())
    upgrade(ctx.db)
    return ctx


def __getattr__(name: str) -> Any:
    # `uvicorn api.main:app` without building anything at import time.
    if name == "app":
        return create_app()
    raise AttributeError(name)

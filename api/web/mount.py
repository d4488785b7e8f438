"""`mount_web(app)`: the one call that adds the pages, their assets and their error pages to an app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from api.web.assets import FrontendAssets, mount_assets
from api.web.auth import Authenticator, UnavailableAuthenticator
from api.web.error_pages import install_error_pages
from api.web.router import build_router
from api.web.settings import WebSettings, get_web_settings


def mount_web(app: FastAPI, *, authenticator: Authenticator | None = None, settings: WebSettings | None = None) -> None:
    """Add the pages to `app`. Call it after the app's own error handlers are installed (it wraps them).

    The app refuses to start (uvicorn's lifespan start-up) when the front-end files are missing,
    with a message naming the command that installs them.
    """
    settings = settings or get_web_settings()
    assets = FrontendAssets.from_settings(settings)
    app.state.web_settings = settings
    app.state.web_authenticator = authenticator or UnavailableAuthenticator()
    app.state.web_assets = assets
    mount_assets(app, assets)
    app.include_router(build_router())
    install_error_pages(app)

    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[Any]:
        assets.check()
        async with inner(a) as state:
            yield state

    app.router.lifespan_context = lifespan

"""FastAPI application factory: `uvicorn api.main:app`."""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel

from api.errors import install_error_handlers
from api.web import mount_web
from core import __version__


class TemplateSummary(BaseModel):
    name: str
    version: str
    title: str
    fields: list[str]


class Health(BaseModel):
    status: str
    version: str


def create_app() -> FastAPI:
    """Build the app; nothing heavy loads until a request needs it."""
    app = FastAPI(title="Offset", version=__version__)
    install_error_handlers(app)

    @app.get("/health", tags=["ops"])
    def health() -> Health:
        return Health(status="ok", version=__version__)

    @app.get("/templates", tags=["forms"])
    def templates() -> list[TemplateSummary]:
        from prompts import list_templates

        return [
            TemplateSummary(name=t.name, version=t.version, title=t.title, fields=[f.id for f in t.fields])
            for t in list_templates()
        ]

    @app.get("/templates/{name}", tags=["forms"])
    def template(name: str) -> TemplateSummary:
        from prompts import load_template

        t = load_template(name)
        return TemplateSummary(name=t.name, version=t.version, title=t.title, fields=[f.id for f in t.fields])

    mount_web(app)  # the GOV.UK pages; last, because it wraps the error handlers above
    return app


app = create_app()

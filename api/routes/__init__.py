"""Every router, in one list: the app mounts each under /api. Add a router here to add routes."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from api.routes import admin, audit, auth, me, ops, retention, review, time, visits

API_PREFIX = "/api"

ROUTERS: list[APIRouter] = [
    auth.router,
    me.router,
    visits.router,
    review.router,
    admin.router,
    ops.router,
    audit.router,
    retention.router,
    time.router,
]


def include_routers(app: FastAPI) -> None:
    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX)

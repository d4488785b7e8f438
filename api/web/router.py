"""All page routes in one router: add a page module's router here (pages stay out of the API's OpenAPI)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.web.deps import optional_user
from api.web.routes import (
    admin,
    admin_audit,
    evaluation,
    public,
    review,
    review_actions,
    sign_in,
    team,
    visits,
)

# One explicit list, like the CLI's COMMAND_MODULES.
PAGE_ROUTERS = [
    public.router,
    sign_in.router,
    visits.router,
    review.router,
    review_actions.router,
    team.router,
    evaluation.router,
    admin.router,
    admin_audit.router,
]


def build_router() -> APIRouter:
    """The web pages' router; every page resolves the signed-in user (the header shows 'Sign out')."""
    router = APIRouter(include_in_schema=False, tags=["web"], dependencies=[Depends(optional_user)])
    for page_router in PAGE_ROUTERS:
        router.include_router(page_router)
    return router

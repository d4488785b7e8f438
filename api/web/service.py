"""What the page routes need from the service: its database session, the signed-in account's row,
and the visit a page shows, with the service's own permission checks turned into page errors."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from sqlalchemy.orm import Session

from api.context import ServiceContext
from api.db.models import User, Visit
from api.deps import ContextDep, SessionDep
from api.errors import Forbidden, NotFound
from api.permissions import get_visible_visit
from api.web.deps import CurrentWebUser
from api.web.errors import PageForbiddenError, PageNotFoundError, SignInRequiredError


def service_user(session: SessionDep, user: CurrentWebUser) -> User:
    """The signed-in person's account row (in this request's session)."""
    row = session.get(User, int(user.id))
    if row is None or not row.active:
        raise SignInRequiredError("Your account is no longer active. Sign in again.")
    return row


ServiceUser = Annotated[User, Depends(service_user)]
Context = ContextDep
DbSession = SessionDep


def page_visit(session: Session, user: User, visit_id: str) -> Visit:
    """The visit if this person may see it; a 404 page otherwise (ids cannot be probed), 403 for roles
    that never see visits."""
    try:
        return get_visible_visit(session, user, visit_id)
    except NotFound as e:
        raise PageNotFoundError(
            "There is no visit at this address that you can see. Check the link, or go back to your visits."
        ) from e
    except Forbidden as e:
        raise PageForbiddenError(e.message) from e


def context_of(ctx: ServiceContext) -> ServiceContext:
    return ctx

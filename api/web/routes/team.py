"""Supervisor pages: the team's drafts awaiting approval, oldest first, with how long each has waited."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from api.db.models import Visit
from api.web.auth import WebUser
from api.web.deps import require_role
from api.web.service import DbSession, ServiceUser
from api.web.templating import render
from api.web.visit_words import age, status_tag

router = APIRouter()
Supervisor = Annotated[WebUser, Depends(require_role("supervisor"))]

AWAITING = ("submitted",)
IN_PROGRESS = ("queued", "processing", "drafted", "returned", "failed")


@router.get("/team", name="team_queue")
def team_queue(request: Request, _: Supervisor, user: ServiceUser, session: DbSession) -> HTMLResponse:
    """Drafts submitted for approval (oldest first), then the team's visits still with practitioners."""
    visits = session.scalars(
        select(Visit)
        .where(Visit.team_id == user.team_id)
        .order_by(Visit.submitted_at.asc(), Visit.updated_at.asc())
        .limit(500)
    ).all()

    def row(v: Visit) -> dict[str, object]:
        since = {"submitted": v.submitted_at, "approved": v.approved_at}.get(v.status) or v.updated_at
        return {
            "visit": v,
            "tag": status_tag(v.status),
            "age": age(since),
            "href": request.app.url_path_for("review", visit_id=v.id)
            if v.status not in ("queued", "processing", "failed")
            else request.app.url_path_for("visit", visit_id=v.id),
        }

    awaiting = [row(v) for v in visits if v.status in AWAITING]
    others = [row(v) for v in reversed(visits) if v.status in IN_PROGRESS]
    approved = [row(v) for v in reversed(visits) if v.status == "approved"][:50]
    context = {
        "title": "Team approvals",
        "team": user.team.name if user.team else "",
        "awaiting": awaiting,
        "others": others,
        "approved": approved,
        "deleted": request.query_params.get("deleted") == "1",
    }
    return render(request, "pages/team_queue.html", context)

"""Operations and reference data: health, form templates, aggregate visit metrics."""

from __future__ import annotations

from statistics import median
from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from sqlalchemy import select

from api.db.models import Team, Visit, VisitStatus
from api.deps import ContextDep, CurrentUser, SessionDep
from api.errors import responses
from api.health import MODEL_CHECK, database_check, storage_check
from api.permissions import team_scope_for_aggregates
from api.schemas.ops import Check, Health, TeamVisitMetrics, TemplateSummary, VisitMetrics
from core import __version__

router = APIRouter(tags=["ops"])


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Health}},
    summary="Database, queue, storage and models: ready or not (503 when any is not)",
)
async def health(ctx: ContextDep) -> JSONResponse:
    def gather() -> Health:
        queue = ctx.queue.health() if ctx.queue else None
        checks = {
            "database": database_check(ctx),
            "queue": Check(ok=queue.ok, detail=queue.detail) if queue else Check(ok=False, detail="no queue"),
            "storage": storage_check(ctx),
            "models": MODEL_CHECK.get(ctx),
        }
        status = "ok" if all(c.ok for c in checks.values()) else "degraded"
        return Health(status=status, version=__version__, **checks)

    result = await to_thread.run_sync(gather)
    return JSONResponse(result.model_dump(), status_code=200 if result.status == "ok" else 503)


def _summary(t) -> TemplateSummary:  # type: ignore[no-untyped-def]
    return TemplateSummary(name=t.name, version=t.version, title=t.title, fields=[f.id for f in t.fields])


@router.get("/templates", summary="The form templates a visit can be drafted into")
def templates() -> list[TemplateSummary]:
    from prompts import list_templates

    return [_summary(t) for t in list_templates()]


@router.get("/templates/{name}", responses=responses(404), summary="One form template")
def template(name: Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,100}$")]) -> TemplateSummary:
    from prompts import load_template

    return _summary(load_template(name))


@router.get(
    "/metrics/visits",
    responses=responses(401, 403),
    summary="Visits per team by status, minutes recorded, processing time (aggregates only)",
)
def visit_metrics(session: SessionDep, user: CurrentUser) -> VisitMetrics:
    scope = team_scope_for_aggregates(user)
    query = select(Team.name, Visit.status, Visit.audio_seconds, Visit.created_at, Visit.drafted_at).join(
        Team, Team.id == Visit.team_id
    )
    if scope is not None:
        query = query.where(Visit.team_id == scope)
    teams: dict[str, dict] = {}  # type: ignore[type-arg]
    for name, status, seconds, created, drafted in session.execute(query):
        t = teams.setdefault(name, {"visits": 0, "by_status": {}, "seconds": 0.0, "processing": []})
        t["visits"] += 1
        t["by_status"][status] = t["by_status"].get(status, 0) + 1
        t["seconds"] += seconds or 0.0
        if drafted is not None and status != VisitStatus.failed.value:
            t["processing"].append((drafted - created).total_seconds())
    return VisitMetrics(
        teams=[
            TeamVisitMetrics(
                team=name,
                visits=t["visits"],
                by_status=t["by_status"],
                audio_minutes=round(t["seconds"] / 60, 1),
                median_processing_seconds=round(median(t["processing"]), 1) if t["processing"] else None,
            )
            for name, t in sorted(teams.items())
        ]
    )

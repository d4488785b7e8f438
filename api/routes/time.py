"""Time given back: the review page's activity reports, the time metrics, and the baseline table."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import select

from api.audit import record
from api.db.base import utcnow
from api.db.models import ReviewEventRecord, Role, TimeBaseline
from api.deps import ContextDep, CurrentUser, SessionDep
from api.errors import Conflict, Forbidden, Unprocessable, responses
from api.metrics.baselines import ANY_TEAM, baseline_rows, replace_baselines
from api.metrics.time import time_metrics
from api.permissions import get_visible_visit, require_admin, require_role, time_metrics_scope
from api.review.versions import EDITABLE
from api.schemas.common import PlainText, VisitId
from api.schemas.time import (
    ActivityRecorded,
    ActivityReport,
    BaselinePublic,
    BaselinesIn,
    TimeMetricsPublic,
    TimeRow,
)

router = APIRouter(tags=["time"])
ERRORS = responses(401, 403)
WINDOW = timedelta(minutes=10)  # reports within any 10 minutes may not add up to more than 10 minutes (+ slack)
SLACK_SECONDS = 60.0


def _edited_seconds(session: SessionDep, visit_id: str, since: object = None) -> float:
    query = select(ReviewEventRecord.payload).where(
        ReviewEventRecord.visit_id == visit_id, ReviewEventRecord.event == "draft_edited"
    )
    if since is not None:
        query = query.where(ReviewEventRecord.at >= since)
    from core.events import ReviewEvent

    return sum(ReviewEvent.model_validate_json(p).active_seconds or 0.0 for p in session.scalars(query))


@router.post(
    "/visits/{visit_id}/activity",
    responses={**ERRORS, **responses(404, 409, 422)},
    summary="Report active editing seconds while the draft is open (the review page sends these)",
)
def report_activity(
    visit_id: VisitId,
    body: ActivityReport,
    request: Request,
    ctx: ContextDep,
    session: SessionDep,
    user: CurrentUser,
) -> ActivityRecorded:
    visit = get_visible_visit(session, user, visit_id)
    if visit.owner_id != user.id:
        raise Forbidden(
            "Editing time is reported by the practitioner who recorded the visit; a supervisor's review is not "
            "counted as the practitioner's write-up time.",
            code="not_the_author",
        )
    if visit.status not in EDITABLE:
        raise Conflict(
            f"Visit {visit.id} is {visit.status}; editing time is recorded only while the draft can be edited "
            f"({', '.join(sorted(EDITABLE))}).",
            code="not_editable",
            detail={"status": visit.status},
        )
    limit = ctx.settings.activity_max_seconds
    if body.active_seconds > limit:
        raise Unprocessable(
            f"One report may carry at most {limit} active seconds; report more often (every 30-60 s).",
            code="activity_too_long",
            detail={"max_seconds": limit},
        )
    recent = _edited_seconds(session, visit.id, utcnow() - WINDOW)
    if recent + body.active_seconds > WINDOW.total_seconds() + SLACK_SECONDS:
        raise Unprocessable(
            f"More active editing time reported for visit {visit.id} than has passed in the last "
            f"{int(WINDOW.total_seconds() // 60)} minutes; send only the seconds since the last report.",
            code="activity_too_much",
        )
    seconds = round(body.active_seconds, 1)
    record(
        session,
        action="draft.activity",
        user=user,
        visit_id=visit.id,
        request=request,
        detail={"active_seconds": seconds},
    )
    session.commit()
    return ActivityRecorded(
        visit_id=visit.id, active_seconds=seconds, total_active_seconds=round(_edited_seconds(session, visit.id), 1)
    )


@router.get(
    "/metrics/time",
    responses={**ERRORS, **responses(422)},
    summary="Minutes given back per worker and team by week, beside recorded visit minutes (aggregates only)",
)
def get_time_metrics(
    ctx: ContextDep,
    session: SessionDep,
    user: CurrentUser,
    weeks: Annotated[int, Query(ge=1, le=260, description="The last N weeks.")] = 12,
    team: Annotated[PlainText | None, Query(max_length=120, description="One team (evaluators).")] = None,
) -> TimeMetricsPublic:
    scope = time_metrics_scope(user, session)
    if scope is not None:
        if team is not None and team != scope:
            raise Forbidden(f"Supervisors see their own team's metrics ({scope}).", code="other_team")
        team = scope
    m = time_metrics(session, team=team, weeks=weeks, min_group_size=ctx.settings.metrics_min_group_size, now=utcnow())
    return TimeMetricsPublic(
        weeks=m.weeks,
        teams=[TimeRow.of(r) for r in m.teams],
        workers=[TimeRow.of(r) for r in m.workers],
        withheld_rows=m.withheld_rows,
        min_group_size=m.min_group_size,
        timing_sources=m.timing_sources,
        missing_baselines=m.missing_baselines,
        warnings=m.warnings,
    )


def _public(b: TimeBaseline) -> BaselinePublic:
    return BaselinePublic(
        visit_type=b.visit_type,
        team=None if b.team == ANY_TEAM else b.team,
        minutes=b.minutes,
        source=b.source,
        updated_at=b.updated_at,
        updated_by=b.updated_by,
    )


@router.get("/metrics/baselines", responses=ERRORS, summary="The baseline minutes per visit type")
def get_baselines(session: SessionDep, user: CurrentUser) -> list[BaselinePublic]:
    require_role(user, Role.admin, Role.evaluator, Role.supervisor, why="Baselines are for the time metrics.")
    return [_public(b) for b in baseline_rows(session)]


@router.put(
    "/metrics/baselines",
    responses={**ERRORS, **responses(422)},
    summary="Replace the baseline minutes per visit type (admins)",
)
def put_baselines(body: BaselinesIn, request: Request, session: SessionDep, user: CurrentUser) -> list[BaselinePublic]:
    require_admin(user)
    before = [_public(b).model_dump(mode="json", exclude={"updated_at", "updated_by"}) for b in baseline_rows(session)]
    rows = [(b.visit_type.strip(), (b.team or "").strip() or None, b.minutes, b.source) for b in body.baselines]
    made = replace_baselines(session, rows, by=user.email)
    after = [_public(b).model_dump(mode="json", exclude={"updated_at", "updated_by"}) for b in made]
    record(
        session,
        action="settings.update",
        user=user,
        request=request,
        detail={"setting": "time_baselines", "before": before, "after": after},
    )
    session.commit()
    return [_public(b) for b in baseline_rows(session)]

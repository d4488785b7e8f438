"""Evaluator pages: minutes reclaimed per team and worker by week beside recorded visit minutes,
edit burden and drafts approved; a CSV of the same rows. Aggregates only: no transcript content."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.db.base import utcnow
from api.metrics.time import Row, TimeMetrics, time_metrics
from api.permissions import time_metrics_scope
from api.web.auth import WebUser
from api.web.charts import Series, line_chart
from api.web.deps import require_role
from api.web.service import Context, DbSession, ServiceUser
from api.web.templating import render

router = APIRouter()
Viewer = Annotated[WebUser, Depends(require_role("evaluator", "supervisor"))]
Weeks = Annotated[int, Query(ge=1, le=260, description="The last N weeks.")]

CSV_COLUMNS = [
    "week", "team", "worker", "submitted", "approved", "baseline_minutes", "assisted_minutes",
    "reclaimed_minutes", "reclaimed_share", "median_edit_ratio", "heavy_edit_visits", "recorded_visits",
    "recorded_minutes",
]  # fmt: skip


def _metrics(ctx: Context, session: DbSession, user: ServiceUser, weeks: int) -> tuple[TimeMetrics, str | None]:
    scope = time_metrics_scope(user, session)
    m = time_metrics(session, team=scope, weeks=weeks, min_group_size=ctx.settings.metrics_min_group_size, now=utcnow())
    return m, scope


def _series(rows: list[Row], weeks: list[str], value: str, suffix: str, by_worker: bool = False) -> list[Series]:
    groups: dict[str, dict[str, float]] = {}
    for r in rows:
        name = (r.worker_name or r.worker_id or "") if by_worker else r.team
        groups.setdefault(name, {})[r.week] = float(getattr(r, value) or 0.0)
    return [Series(f"{name} {suffix}".strip(), [g.get(w) for w in weeks]) for name, g in sorted(groups.items())]


@router.get("/evaluation", name="evaluation")
def evaluation(
    request: Request, _: Viewer, user: ServiceUser, session: DbSession, ctx: Context, weeks: Weeks = 12
) -> HTMLResponse:
    """Charts and tables of the time given back; supervisors see their own team only."""
    m, scope = _metrics(ctx, session, user, weeks)
    short = [w.split("-W")[-1] and f"W{w.split('-W')[-1]}" for w in m.weeks]
    series = _series(m.teams, m.weeks, "reclaimed_minutes", "– minutes reclaimed") + _series(
        m.teams, m.weeks, "recorded_minutes", "– minutes with people"
    )
    chart = line_chart(
        "Minutes of write-up reclaimed and minutes recorded with people, per team and week",
        short,
        series,
        "Minutes",
    )
    context: dict[str, Any] = {
        "title": "Time reclaimed",
        "scope": scope,
        "weeks": weeks,
        "metrics": m,
        "chart": chart,
        "has_data": bool(m.teams or m.workers),
    }
    return render(request, "pages/evaluation.html", context)


@router.get("/evaluation.csv", name="evaluation_csv")
def evaluation_csv(_: Viewer, user: ServiceUser, session: DbSession, ctx: Context, weeks: Weeks = 12) -> Response:
    """The same rows as the page, team rows then worker rows."""
    m, _scope = _metrics(ctx, session, user, weeks)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in [*m.teams, *m.workers]:
        writer.writerow(
            [
                r.week, r.team, r.worker_name or "", r.submitted, r.approved, r.baseline_minutes, r.assisted_minutes,
                r.reclaimed_minutes, "" if r.reclaimed_share is None else r.reclaimed_share,
                "" if r.median_edit_ratio is None else r.median_edit_ratio, r.heavy_edit_visits, r.recorded_visits,
                r.recorded_minutes,
            ]
        )  # fmt: skip
    headers = {"Content-Disposition": 'attachment; filename="offset-time-reclaimed.csv"', "Cache-Control": "no-store"}
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)

"""Admin pages: the audit log (search, pages, CSV), the retention settings in force, the time baselines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from api.audit import record
from api.audit.actions import ACTIONS
from api.audit.chain import verify_chain
from api.audit.query import AuditFilter, count, csv_lines, detail_of, page
from api.db.base import utcnow
from api.metrics.baselines import ANY_TEAM, baseline_rows, replace_baselines
from api.permissions import require_audit_reader
from api.routes.retention import retention_status
from api.web.auth import WebUser
from api.web.deps import CsrfProtected, require_role
from api.web.service import Context, DbSession, ServiceUser
from api.web.templating import render

router = APIRouter(prefix="/admin")
Admin = Annotated[WebUser, Depends(require_role("admin"))]
PAGE_SIZE = 50


def _day(value: str | None, *, end: bool = False) -> datetime | None:
    """A date from the search form (YYYY-MM-DD) as the start of that day in UTC (or of the next, for 'to')."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        return None
    return datetime.combine(day + timedelta(days=1) if end else day, time(0), tzinfo=UTC)


Text = Annotated[str | None, Query(max_length=254)]


def search_terms(
    who: Text = None, visit: Text = None, action: Text = None, since: Text = None, until: Text = None
) -> dict[str, str]:
    """The audit search form's fields that were filled in (a dependency of both the page and the CSV)."""
    given = {"who": who, "visit": visit, "action": action, "since": since, "until": until}
    return {k: v.strip() for k, v in given.items() if v and v.strip()}


Search = Annotated[dict[str, str], Depends(search_terms)]


def _filter(terms: dict[str, str]) -> AuditFilter:
    action = terms.get("action")
    return AuditFilter(
        user=terms.get("who"),
        visit=(terms.get("visit") or "").lower() or None,
        action=action if action in ACTIONS or (action or "").endswith(".") else None,
        since=_day(terms.get("since")),
        until=_day(terms.get("until"), end=True),
    )


@router.get("/audit", name="admin_audit")
def audit_log(
    request: Request,
    _: Admin,
    user: ServiceUser,
    session: DbSession,
    filters: Search,
    page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
    verify: bool = False,
) -> HTMLResponse:
    """Search the audit log by person, visit, action and dates; newest first; CSV of the same search.
    `?verify=true` also walks the hash chain and says whether it is intact."""
    require_audit_reader(user)
    chain = verify_chain(session) if verify else None
    f = _filter(filters)
    record(session, action="audit.read", user=user, request=request, detail={"format": "page", "filters": filters})
    session.commit()
    total = count(session, f)
    entries = page(session, f, PAGE_SIZE, (page_number - 1) * PAGE_SIZE)
    rows: list[dict[str, Any]] = [{"entry": e, "detail": detail_of(e)} for e in entries]
    query = urlencode(filters)
    context = {
        "title": "Audit log",
        "rows": rows,
        "total": total,
        "filters": filters,
        "actions": sorted(ACTIONS),
        "page": page_number,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "query": query,
        "csv_url": f"{request.app.url_path_for('admin_audit_csv')}?{query}",
        "chain": chain,
    }
    return render(request, "pages/admin_audit.html", context)


@router.get("/audit.csv", name="admin_audit_csv")
def audit_csv(
    request: Request,
    _: Admin,
    user: ServiceUser,
    session: DbSession,
    ctx: Context,
    filters: Search,
) -> StreamingResponse:
    """Every matching entry, oldest first, with the hashes (an exported copy can be checked against the chain)."""
    require_audit_reader(user)
    f = _filter(filters)
    record(session, action="audit.read", user=user, request=request, detail={"format": "csv", "filters": filters})
    session.commit()

    def rows() -> Iterator[str]:
        with ctx.db.sessions() as s:
            yield from csv_lines(s, f)

    name = f"offset-audit-{utcnow().strftime('%Y%m%dT%H%M%SZ')}.csv"
    return StreamingResponse(
        rows(), media_type="text/csv; charset=utf-8", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/retention", name="admin_retention")
def retention(request: Request, _: Admin, user: ServiceUser, session: DbSession, ctx: Context) -> HTMLResponse:
    """The retention policy in force and what is due for deletion now (set by OFFSET_RETENTION_* settings)."""
    status = retention_status(ctx, session, user)
    return render(request, "pages/admin_retention.html", {"title": "Retention", "status": status})


@router.get("/baselines", name="admin_baselines")
def baselines(request: Request, _: Admin, session: DbSession) -> HTMLResponse:
    """The minutes a write-up takes without Offset, per form: what the time reclaimed is measured against."""
    return _baselines_page(request, session)


def _baselines_page(
    request: Request, session: DbSession, errors: dict[str, str] | None = None, status: int = 200
) -> HTMLResponse:
    from prompts import list_templates

    current = {b.visit_type: b for b in baseline_rows(session) if b.team == ANY_TEAM}
    rows = [{"template": t, "baseline": current.get(t.name)} for t in list_templates()]
    errors = errors or {}
    context = {
        "title": "Time baselines",
        "rows": rows,
        "errors": errors,
        "error_list": [{"text": t, "href": f"#{f}"} for f, t in errors.items()],
        "has_errors": bool(errors),
        "done": request.query_params.get("done") == "1",
    }
    return render(request, "pages/admin_baselines.html", context, status_code=status)


@router.post("/baselines", name="admin_save_baselines", dependencies=[CsrfProtected])
async def save_baselines(request: Request, _: Admin, user: ServiceUser, session: DbSession) -> Response:
    """Replace the baselines (every team) with the form's; an empty row means no baseline for that form."""
    from prompts import list_templates

    form = await request.form()
    rows: list[tuple[str, str | None, float, str]] = []
    errors: dict[str, str] = {}
    for t in list_templates():
        raw = str(form.get(f"minutes-{t.name}") or "").strip()
        source = str(form.get(f"source-{t.name}") or "").strip()[:200]
        if not raw:
            continue
        try:
            minutes = float(raw)
        except ValueError:
            minutes = -1.0
        if not 0 < minutes <= 1440:
            errors[f"minutes-{t.name}"] = f"Enter the minutes for {t.title} as a number from 1 to 1440"
            continue
        if not source:
            errors[f"source-{t.name}"] = f"Say where the minutes for {t.title} come from (a time study, an estimate)"
            continue
        rows.append((t.name, None, minutes, source))
    if errors:
        return _baselines_page(request, session, errors, status=422)
    before = {b.visit_type: b.minutes for b in baseline_rows(session)}
    replace_baselines(session, rows, user.email)
    after = {v: m for v, _t, m, _s in rows}
    record(
        session, action="settings.update", user=user, request=request,
        detail={"setting": "time_baselines", "before": before, "after": after},
    )  # fmt: skip
    session.commit()
    return RedirectResponse(f"{request.app.url_path_for('admin_baselines')}?done=1", status_code=303)

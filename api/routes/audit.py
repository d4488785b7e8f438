"""The audit log, for admins: filtered, paginated, or downloaded as CSV."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from api.audit import record, verify_chain
from api.audit.actions import ACTIONS
from api.audit.query import AuditFilter, count, csv_lines, detail_of, page
from api.db.base import utcnow
from api.deps import ContextDep, CurrentUser, SessionDep
from api.errors import Unprocessable, responses
from api.permissions import require_audit_reader
from api.schemas.audit import AuditEntryPublic, AuditPage, ChainCheck, ChainProblemPublic
from api.schemas.common import PlainText

router = APIRouter(tags=["audit"])


def _known_action(value: str | None) -> str | None:
    if value is None or value in ACTIONS or (value.endswith(".") and any(a.startswith(value) for a in ACTIONS)):
        return value
    raise Unprocessable(
        f"Unknown action {value[:40]!r}. Use one of {', '.join(sorted(ACTIONS))}, or a prefix such as 'auth.'.",
        code="invalid_input",
        detail={"field": "action"},
    )


def _aware(value: datetime | None, name: str) -> datetime | None:
    """The time in UTC; refused without a time zone, or outside the calendar once moved to UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise Unprocessable(
            f"'{name}' needs a time zone, e.g. 2026-12-01T09:00:00Z.", code="invalid_input", detail={"field": name}
        )
    try:
        return value.astimezone(UTC)
    except OverflowError as e:
        raise Unprocessable(
            f"'{name}' is outside the dates the log can hold; give a time between years 1 and 9999.",
            code="invalid_input",
            detail={"field": name},
        ) from e


@router.get(
    "/audit",
    response_model=AuditPage,
    responses={**responses(401, 403, 422), 200: {"content": {"text/csv": {}}}},
    summary="The audit log (admins): filter by user, visit, action and time; JSON pages or a CSV download",
)
def audit_log(
    request: Request,
    ctx: ContextDep,
    session: SessionDep,
    user: CurrentUser,
    user_filter: Annotated[
        PlainText | None, Query(alias="user", max_length=254, description="Email (or user id) of who acted.")
    ] = None,
    visit: Annotated[str | None, Query(pattern=r"^[0-9a-f]{32}$", description="A visit id.")] = None,
    action: Annotated[
        str | None,
        Query(max_length=40, description="An action (e.g. visit.approve) or a prefix ending in '.' (auth.)."),
    ] = None,
    from_: Annotated[datetime | None, Query(alias="from", description="From this time (inclusive, ISO 8601).")] = None,
    to: Annotated[datetime | None, Query(description="Before this time (ISO 8601).")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    format_: Annotated[
        Literal["json", "csv"], Query(alias="format", description="csv: every matching entry, oldest first.")
    ] = "json",
) -> Response:
    require_audit_reader(user)
    f = AuditFilter(user_filter, visit, _known_action(action), _aware(from_, "from"), _aware(to, "to"))
    # Reading the log is itself audited (before the read, so the download includes it when it matches).
    filters = {k: v for k, v in {"user": user_filter, "visit": visit, "action": action}.items() if v}
    filters.update({k: v.isoformat() for k, v in {"from": from_, "to": to}.items() if v is not None})
    record(session, action="audit.read", user=user, request=request, detail={"format": format_, "filters": filters})
    session.commit()
    if format_ == "csv":
        name = f"offset-audit-{utcnow().strftime('%Y%m%dT%H%M%SZ')}.csv"

        def rows() -> Iterator[str]:
            with ctx.db.sessions() as s:
                yield from csv_lines(s, f)

        return StreamingResponse(
            rows(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    items = page(session, f, limit, offset)
    body = AuditPage(
        items=[AuditEntryPublic.of(e, detail_of(e)) for e in items],
        total=count(session, f),
        limit=limit,
        offset=offset,
    )
    return JSONResponse(body.model_dump(mode="json"))


@router.get(
    "/audit/verify",
    responses=responses(401, 403),
    summary="Walk the audit log's hash chain (admins): intact, or the first entry altered, removed or inserted",
)
def verify_audit_log(session: SessionDep, user: CurrentUser) -> ChainCheck:
    require_audit_reader(user)
    report = verify_chain(session)
    problem = report.problem
    return ChainCheck(
        entries=report.entries,
        intact=report.intact,
        problem=None
        if problem is None
        else ChainProblemPublic(
            seq=problem.seq, at=problem.at, action=problem.action or None, what=problem.what, text=problem.describe()
        ),
    )

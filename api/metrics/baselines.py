"""The baseline table: how long a write-up takes by hand, per visit type (optionally per team)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.db.models import Team, TimeBaseline
from api.errors import Unprocessable
from evaluation.time_events import Baselines

ANY_TEAM = "*"


def baseline_rows(session: Session) -> list[TimeBaseline]:
    return list(session.scalars(select(TimeBaseline).order_by(TimeBaseline.visit_type, TimeBaseline.team)))


def as_baselines(rows: list[TimeBaseline]) -> Baselines:
    """The evaluation harness's `Baselines` over the table (the same lookup `offset eval time` uses)."""
    return Baselines(
        [{"visit_type": r.visit_type, "minutes": str(r.minutes), "team": r.team} for r in rows],
        source="the time baselines (PUT /api/metrics/baselines)",
    )


def replace_baselines(session: Session, rows: list[tuple[str, str | None, float, str]], by: str) -> list[TimeBaseline]:
    """Replace the table with (visit_type, team or None, minutes, source) rows, checked first."""
    from prompts import list_templates

    types = {t.name for t in list_templates()}
    teams = set(session.scalars(select(Team.name)))
    seen: set[tuple[str, str]] = set()
    for number, (visit_type, team, _minutes, _source) in enumerate(rows, start=1):
        if visit_type not in types:
            raise Unprocessable(
                f"Row {number}: unknown visit type {visit_type!r}. "
                f"Use a form template name: {', '.join(sorted(types))}.",
                code="unknown_visit_type",
            )
        if team is not None and team not in teams:
            raise Unprocessable(
                f"Row {number}: no team called {team!r}. Leave 'team' empty for every team.", code="team_not_found"
            )
        key = (visit_type, team or ANY_TEAM)
        if key in seen:
            raise Unprocessable(
                f"Row {number}: a second baseline for {visit_type} ({team or 'every team'}); give one row each.",
                code="duplicate_baseline",
            )
        seen.add(key)
    session.execute(delete(TimeBaseline))
    made = [TimeBaseline(visit_type=v, team=t or ANY_TEAM, minutes=m, source=s, updated_by=by) for v, t, m, s in rows]
    session.add_all(made)
    session.flush()
    return made

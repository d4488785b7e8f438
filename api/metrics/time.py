"""Minutes given back per worker and team by week, beside the visit minutes recorded (relational time).

The time side is the evaluation harness's own computation (`evaluation.time_events.visit_timings`,
`evaluation.time_report.summarise`) over the review events the service recorded, so `GET
/api/metrics/time` and `offset eval time` agree on the same facts. Aggregates only: a row that
describes one person (a worker's week, or a team's week with one worker) is withheld unless each
of its non-zero counts reaches the minimum group size.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.audit.time_events import stored_events
from api.db.models import Team, User, Visit, VisitStatus
from api.metrics.baselines import as_baselines, baseline_rows
from core.errors import BadInputError
from core.events import ReviewEvent
from evaluation.time_events import VisitTiming, iso_week, visit_timings
from evaluation.time_report import GroupRow, ReportOptions, summarise

OPTIONS = ReportOptions(bootstrap_samples=500)


@dataclass
class Row:
    """One group (a worker or a team) in one week."""

    week: str
    team: str
    worker_id: str | None = None
    worker_name: str | None = None
    workers: set[str] = field(default_factory=set)
    submitted: int = 0
    approved: int = 0
    baseline_minutes: float = 0.0
    assisted_minutes: float = 0.0
    reclaimed_minutes: float = 0.0
    reclaimed_share: float | None = None
    reclaimed_minutes_ci: tuple[float, float] | None = None
    ci_reliable: bool = False
    median_edit_ratio: float | None = None
    heavy_edit_visits: int = 0
    recorded_visits: int = 0
    recorded_minutes: float = 0.0

    def counts(self) -> list[int]:
        return [self.submitted, self.recorded_visits]

    def describes_one_person(self) -> bool:
        return self.worker_id is not None or len(self.workers) <= 1

    def shown(self, min_size: int) -> bool:
        return not self.describes_one_person() or all(n >= min_size for n in self.counts() if n)


@dataclass
class TimeMetrics:
    weeks: list[str]
    teams: list[Row]
    workers: list[Row]
    withheld_rows: int
    min_group_size: int
    timing_sources: dict[str, int]
    missing_baselines: list[str]
    warnings: list[str]


def _fill(row: Row, group: GroupRow, items: list[VisitTiming]) -> None:
    row.submitted = group.visits
    row.approved = sum(t.approved for t in items)
    row.baseline_minutes, row.assisted_minutes = group.baseline_minutes, group.assisted_minutes
    row.reclaimed_minutes, row.reclaimed_share = group.reclaimed_minutes, group.reclaimed_share
    row.reclaimed_minutes_ci, row.ci_reliable = group.reclaimed_minutes_ci, group.ci_reliable
    ratios = [t.edit_ratio for t in items if t.edit_ratio is not None]
    row.median_edit_ratio = round(statistics.median(ratios), 3) if ratios else None
    row.heavy_edit_visits = group.heavy_edit_visits
    row.workers |= {t.worker_id for t in items}


def _time_rows(timings: list[VisitTiming], by_worker: bool) -> dict[tuple[str, str], Row]:
    def key(t: VisitTiming) -> tuple[str, str]:
        return (t.worker_id if by_worker else t.team, t.week)

    items: dict[tuple[str, str], list[VisitTiming]] = defaultdict(list)
    for t in timings:
        items[key(t)].append(t)
    rows: dict[tuple[str, str], Row] = {}
    for group in summarise(timings, key, OPTIONS):
        members = items[(group.group, group.week)]
        row = Row(week=group.week, team=members[0].team, worker_id=group.group if by_worker else None)
        _fill(row, group, members)
        rows[(group.group, group.week)] = row
    return rows


def _recorded(session: Session, team: str | None, since: datetime) -> list[tuple[str, str, str, float]]:
    """(worker id, team, week, minutes) of every recording uploaded since `since` (failed ones left out)."""
    query = (
        select(Visit.owner_id, Team.name, Visit.created_at, Visit.audio_seconds)
        .join(Team, Team.id == Visit.team_id)
        .where(Visit.created_at >= since, Visit.status != VisitStatus.failed.value, Visit.audio_seconds.is_not(None))
    )
    if team is not None:
        query = query.where(Team.name == team)
    return [(str(owner), name, iso_week(at), (secs or 0.0) / 60) for owner, name, at, secs in session.execute(query)]


def _with_baselines(events: list[ReviewEvent], session: Session) -> tuple[list[ReviewEvent], list[str]]:
    baselines = as_baselines(baseline_rows(session))
    ok, missing = [], set()
    for e in events:
        try:
            baselines.minutes(e.worker_id, e.team, e.visit_type)
        except BadInputError:
            missing.add(e.visit_type)
            continue
        ok.append(e)
    return ok, sorted(missing)


def time_metrics(session: Session, *, team: str | None, weeks: int, min_group_size: int, now: datetime) -> TimeMetrics:
    """The time given back and the time recorded, per team and worker, for the last `weeks` ISO weeks."""
    since = now - timedelta(weeks=weeks)
    events, missing = _with_baselines(list(stored_events(session, team)), session)
    timings, warnings = visit_timings(events, as_baselines(baseline_rows(session))) if events else ([], [])
    timings = [t for t in timings if t.submitted_at >= since]
    teams = _time_rows(timings, by_worker=False)
    workers = _time_rows(timings, by_worker=True)
    for worker_id, team_name, week, minutes in _recorded(session, team, since):
        for rows, key in ((teams, (team_name, week)), (workers, (worker_id, week))):
            row = rows.setdefault(key, Row(week=week, team=team_name, worker_id=worker_id if rows is workers else None))
            row.recorded_visits += 1
            row.recorded_minutes = round(row.recorded_minutes + minutes, 1)
            row.workers.add(worker_id)
    names = {
        str(u.id): u.display_name or u.email
        for u in session.scalars(select(User).where(User.id.in_([int(k[0]) for k in workers if k[0].isdigit()])))
    }
    for (worker_id, _), row in workers.items():
        row.worker_name = names.get(worker_id, worker_id)
    shown_teams = [r for r in teams.values() if r.shown(min_group_size)]
    shown_workers = [r for r in workers.values() if r.shown(min_group_size)]
    withheld = len(teams) - len(shown_teams) + len(workers) - len(shown_workers)
    sources: dict[str, int] = defaultdict(int)
    for t in timings:
        sources[t.timing_source] += 1
    return TimeMetrics(
        weeks=sorted({r.week for r in [*teams.values(), *workers.values()]}),
        teams=sorted(shown_teams, key=lambda r: (r.team, r.week)),
        workers=sorted(shown_workers, key=lambda r: (r.team, r.worker_name or "", r.week)),
        withheld_rows=withheld,
        min_group_size=min_group_size,
        timing_sources=dict(sorted(sources.items())),
        missing_baselines=missing,
        warnings=[w for w in warnings if "never submitted" not in w],
    )

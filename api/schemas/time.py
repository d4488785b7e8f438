"""Time given back, as the API shows it: activity reports in, aggregate rows and baselines out."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from api.metrics.time import Row
from api.schemas.common import PlainText


class ActivityReport(BaseModel):
    """Sent by the review page while the draft is open and in use (e.g. every 30-60 s of activity)."""

    model_config = ConfigDict(extra="forbid")

    active_seconds: float = Field(
        gt=0, le=3600, description="Seconds of active editing since the last report (the server caps each report)."
    )


class ActivityRecorded(BaseModel):
    visit_id: str
    active_seconds: float
    total_active_seconds: float = Field(description="Active editing seconds recorded for this visit so far.")


class TimeRow(BaseModel):
    week: str = Field(description="ISO week, e.g. 2026-W49 (of submission; of upload for recorded minutes).")
    team: str
    worker_id: str | None = None
    worker_name: str | None = None
    submitted: int = Field(description="Drafts submitted that week.")
    approved: int = Field(description="Of those, drafts approved.")
    baseline_minutes: float = Field(description="Minutes the write-ups take by hand (the baseline per visit type).")
    assisted_minutes: float = Field(description="Minutes spent reviewing and editing the drafts.")
    reclaimed_minutes: float
    reclaimed_share: float | None
    reclaimed_minutes_ci: tuple[float, float] | None = Field(description="95% bootstrap interval over visits.")
    ci_reliable: bool = Field(description="False when too few visits for the interval to mean much.")
    median_edit_ratio: float | None = Field(description="Edit burden: characters edited per draft character.")
    heavy_edit_visits: int = Field(description="Drafts edited so much they were in effect rewritten.")
    recorded_visits: int = Field(description="Relational time: visits recorded that week.")
    recorded_minutes: float = Field(description="Relational time: minutes of visit recordings (face-to-face time).")

    @classmethod
    def of(cls, row: Row) -> TimeRow:
        return cls(
            week=row.week,
            team=row.team,
            worker_id=row.worker_id,
            worker_name=row.worker_name,
            submitted=row.submitted,
            approved=row.approved,
            baseline_minutes=row.baseline_minutes,
            assisted_minutes=round(row.assisted_minutes, 1),
            reclaimed_minutes=row.reclaimed_minutes,
            reclaimed_share=row.reclaimed_share,
            reclaimed_minutes_ci=row.reclaimed_minutes_ci,
            ci_reliable=row.ci_reliable,
            median_edit_ratio=row.median_edit_ratio,
            heavy_edit_visits=row.heavy_edit_visits,
            recorded_visits=row.recorded_visits,
            recorded_minutes=row.recorded_minutes,
        )


class TimeMetricsPublic(BaseModel):
    weeks: list[str]
    teams: list[TimeRow] = Field(description="Per team and week.")
    workers: list[TimeRow] = Field(description="Per worker and week (rows below the minimum group size withheld).")
    withheld_rows: int = Field(description="Rows describing one person with fewer visits than min_group_size.")
    min_group_size: int
    timing_sources: dict[str, int] = Field(description="How review time was known: measured, modelled, wall_clock.")
    missing_baselines: list[str] = Field(description="Visit types left out: no baseline yet (an admin adds one).")
    warnings: list[str]


class BaselineIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    visit_type: PlainText = Field(min_length=1, max_length=100, description="A form template name.")
    team: PlainText | None = Field(None, max_length=120, description="Only for this team; empty = every team.")
    minutes: float = Field(gt=0, le=24 * 60, description="Minutes a write-up of this type takes by hand.")
    source: PlainText = Field("", max_length=500, description="Where the figure comes from (a time study...).")


class BaselinesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    baselines: list[BaselineIn] = Field(max_length=1000)


class BaselinePublic(BaseModel):
    visit_type: str
    team: str | None
    minutes: float
    source: str
    updated_at: datetime
    updated_by: str

"""Health, form templates and aggregate metrics."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Check(BaseModel):
    ok: bool
    detail: str


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    version: str
    database: Check
    queue: Check
    storage: Check
    models: Check


class TemplateSummary(BaseModel):
    name: str
    version: str
    title: str
    fields: list[str]


class TeamVisitMetrics(BaseModel):
    team: str
    visits: int
    by_status: dict[str, int]
    audio_minutes: float = Field(description="Minutes of recorded visits (face-to-face time captured).")
    median_processing_seconds: float | None = Field(description="Upload to draft, median, for drafted visits.")


class VisitMetrics(BaseModel):
    teams: list[TeamVisitMetrics]

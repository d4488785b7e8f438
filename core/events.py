"""Review events: what happens to a draft in review, as the service records it and evaluation reads it.

One format for both: the service writes these events as a draft moves through review, and
`offset eval time` reads them (as JSON Lines) to measure the admin time given back.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

EVENTS_SCHEMA_VERSION = 1

EventKind = Literal["draft_opened", "draft_edited", "draft_submitted", "draft_returned", "draft_approved"]
TimingSource = Literal["measured", "modelled", "wall_clock"]


class ReviewEvent(BaseModel):
    """One line of the events log."""

    # Unknown keys are ignored so the service can add fields without breaking old reports.
    model_config = ConfigDict(extra="ignore")

    schema_version: int = EVENTS_SCHEMA_VERSION
    event: EventKind
    at: AwareDatetime = Field(description="When it happened, ISO 8601 with a time zone.")
    visit_id: str
    worker_id: str
    team: str
    visit_type: str
    draft_id: str | None = None
    active_seconds: float | None = Field(None, ge=0, description="draft_edited: seconds of active editing.")
    draft_words: int | None = Field(None, ge=0, description="draft_submitted: words in the generated draft.")
    draft_chars: int | None = Field(None, ge=0)
    edit_chars: int | None = Field(
        None, ge=0, description="draft_submitted: character edit distance, generated draft to submitted."
    )
    fields_total: int | None = Field(None, ge=0)
    fields_changed: int | None = Field(None, ge=0)
    approver_id: str | None = Field(None, description="draft_approved, draft_returned: the supervisor.")

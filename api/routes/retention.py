"""The retention policy in force and what is due now (admins); `offset retention run` does the deleting."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.db.base import utcnow
from api.deps import ContextDep, CurrentUser, SessionDep
from api.errors import responses
from api.permissions import require_admin
from api.retention.policy import AUDIO, TRANSCRIPTS, WORKING, due_deletions

router = APIRouter(tags=["retention"])


class RetentionRule(BaseModel):
    what: str
    kinds: list[str]
    days: int | None = Field(description="Days after approval (after upload for unapproved); null = kept.")
    counted_from: str


class RetentionStatus(BaseModel):
    rules: list[RetentionRule]
    interval_hours: float = Field(description="How often the service runs retention; 0 = never (cron).")
    due_now: dict[str, int] = Field(description="Stored objects due for deletion now, by kind (a dry run).")


@router.get("/retention", responses=responses(401, 403), summary="The retention policy and what is due now (admins)")
def retention_status(ctx: ContextDep, session: SessionDep, user: CurrentUser) -> RetentionStatus:
    require_admin(user)
    s = ctx.settings
    rules = [
        RetentionRule(what="recordings", kinds=list(AUDIO), days=s.retention_audio_days, counted_from="approval"),
        RetentionRule(
            what="transcripts before redaction, identifiers given at upload",
            kinds=list(TRANSCRIPTS),
            days=s.retention_transcript_days,
            counted_from="approval",
        ),
        RetentionRule(
            what="redacted transcript, generated draft",
            kinds=list(WORKING),
            days=s.retention_working_days,
            counted_from="approval",
        ),
        RetentionRule(
            what="recordings and transcripts of visits never approved",
            kinds=[*AUDIO, *TRANSCRIPTS],
            days=s.retention_unapproved_days,
            counted_from="upload",
        ),
    ]
    due = Counter(d.kind for d in due_deletions(session, s, utcnow()))
    return RetentionStatus(rules=rules, interval_hours=s.retention_interval_hours, due_now=dict(sorted(due.items())))

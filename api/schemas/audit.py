"""The audit log as the API shows it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from api.db.models import AuditEntry


class AuditEntryPublic(BaseModel):
    seq: int = Field(description="Position in the hash chain (1, 2, 3...).")
    at: datetime
    action: str
    user_id: int | None
    username: str = Field(description="The account's email; for a failed sign-in, the name that was tried.")
    roles: list[str]
    team: str | None
    visit_id: str | None
    request_id: str
    address: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str

    @classmethod
    def of(cls, e: AuditEntry, detail: dict[str, Any]) -> AuditEntryPublic:
        return cls(
            seq=e.seq,
            at=e.at,
            action=e.action,
            user_id=e.user_id,
            username=e.username,
            roles=[r for r in e.roles.split(",") if r],
            team=e.team or None,
            visit_id=e.visit_id,
            request_id=e.request_id,
            address=e.address,
            detail=detail,
            prev_hash=e.prev_hash,
            hash=e.hash,
        )


class AuditPage(BaseModel):
    items: list[AuditEntryPublic]
    total: int
    limit: int
    offset: int


class ChainProblemPublic(BaseModel):
    seq: int = Field(description="The position where the chain breaks.")
    at: datetime | None
    action: str | None
    what: str = Field(description="What differs: altered contents, a wrong link, a missing entry, a cut-off end.")
    text: str = Field(description="The whole finding in one sentence (what `offset audit verify` prints).")


class ChainCheck(BaseModel):
    entries: int = Field(description="Entries checked before the first problem (all of them when intact).")
    intact: bool
    problem: ChainProblemPublic | None

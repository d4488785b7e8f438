"""The audit log: `record()` adds an entry, chained by hash to the one before; `verify_chain()` checks it.

Every route that signs someone in, reads visit content or changes a record calls `record()` in the
transaction that does the work, so the entry and the change commit (or roll back) together:

    record(session, action="draft.read", user=user, visit_id=visit.id, request=request)
    session.commit()

Actions are listed in `api.audit.actions.ACTIONS`. For draft.open, draft.activity, visit.submit,
visit.return and visit.approve, `record()` also writes the review event (`core.events.ReviewEvent`)
that the time metrics and `offset eval time` read; the detail may carry the event's numbers
(`active_seconds`; for visit.submit `draft_words`, `draft_chars`, `edit_chars`, `fields_total`,
`fields_changed`; `version` or `draft_id`).

Writers are serialised on the one-row `audit_head` table: `record()` updates it first (a row lock
on PostgreSQL, the database write lock on SQLite, across processes on both), so each entry links to
the one committed before it and the chain cannot fork; `seq` is unique besides. Keep `record()` the
last write before the commit: the head stays locked until then.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, update
from sqlalchemy.orm import Session
from starlette.requests import Request

from api.audit.actions import ACTIONS, TIME_EVENTS
from api.audit.chain import ChainReport, canonical_json, entry_hash, verify_chain
from api.audit.request_info import request_info
from api.audit.time_events import add_review_event
from api.db.base import utcnow
from api.db.models import AuditEntry, AuditHead, Team, User

__all__ = ["ACTIONS", "TIME_EVENTS", "AuditEntry", "ChainReport", "record", "verify_chain"]

_HEAD = cast(Table, AuditHead.__table__)


class AuditHeadMissingError(RuntimeError):
    """The chain's head row is gone: the log was tampered with, or the migrations were not run."""


def _advance_head(session: Session) -> tuple[int, str]:
    """Take the head's lock and the next position; returns (seq, previous hash)."""
    row = session.execute(
        update(_HEAD).where(_HEAD.c.id == 1).values(seq=_HEAD.c.seq + 1).returning(_HEAD.c.seq, _HEAD.c.hash)
    ).one_or_none()
    if row is None:
        raise AuditHeadMissingError(
            "The audit log's head row (audit_head id 1) is missing. Run `offset audit verify`, and restore the "
            "database from a backup if the log was tampered with."
        )
    return int(row[0]), str(row[1])


def record(
    session: Session,
    *,
    action: str,
    user: User | None,
    visit_id: str | None = None,
    request: Request | None = None,
    detail: dict[str, Any] | None = None,
    username: str | None = None,
) -> AuditEntry:
    """Add an audit entry (and, for review steps, its review event) to `session`; the caller commits."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}; add it to api.audit.actions.ACTIONS")
    detail = dict(detail or {})
    detail_text = canonical_json(detail)
    info = request_info(request)
    team = ""
    if user is not None and user.team_id is not None:
        team_row = session.get(Team, user.team_id)
        team = team_row.name if team_row else ""
    # Pending changes go out first, so the head's lock is the last one this transaction takes.
    session.flush()
    seq, prev = _advance_head(session)
    entry = AuditEntry(
        seq=seq,
        at=utcnow(),
        action=action,
        user_id=user.id if user is not None else None,
        username=(username if username is not None else (user.email if user is not None else ""))[:254],
        roles=user.roles_csv if user is not None else "",
        team=team,
        visit_id=visit_id,
        request_id=info.request_id,
        address=info.address,
        detail=detail_text,
        prev_hash=prev,
    )
    entry.hash = entry_hash(entry)
    session.execute(update(_HEAD).where(_HEAD.c.id == 1).values(hash=entry.hash))
    session.add(entry)
    if action in TIME_EVENTS:
        add_review_event(session, TIME_EVENTS[action], entry, detail)
    return entry

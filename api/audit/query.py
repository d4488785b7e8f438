"""Reading the audit log: filters (user, visit, action, time), pages, and CSV rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from api.db.models import AuditEntry

CSV_COLUMNS = [
    "seq", "at", "action", "user_id", "username", "roles", "team", "visit_id", "request_id", "address",
    "detail", "prev_hash", "hash",
]  # fmt: skip


@dataclass(frozen=True)
class AuditFilter:
    """Entries matching every given field; `user` is an email (or a user id), `action` a name or a prefix
    ending in a dot (`auth.`)."""

    user: str | None = None
    visit: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = []
        if self.user:
            who = self.user.strip().lower()
            if who.isdigit():
                where.append(or_(AuditEntry.user_id == int(who), AuditEntry.username == who))
            else:
                where.append(AuditEntry.username == who)
        if self.visit:
            where.append(AuditEntry.visit_id == self.visit)
        if self.action:
            if self.action.endswith("."):
                where.append(AuditEntry.action.startswith(self.action, autoescape=True))
            else:
                where.append(AuditEntry.action == self.action)
        if self.since is not None:
            where.append(AuditEntry.at >= self.since)
        if self.until is not None:
            where.append(AuditEntry.at < self.until)
        return where

    def select(self) -> Select[AuditEntry]:
        return select(AuditEntry).where(*self.conditions())


def count(session: Session, f: AuditFilter) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry).where(*f.conditions())) or 0


def page(session: Session, f: AuditFilter, limit: int, offset: int) -> list[AuditEntry]:
    """Newest first."""
    return list(session.scalars(f.select().order_by(AuditEntry.seq.desc()).limit(limit).offset(offset)))


def entry_row(e: AuditEntry) -> dict[str, object]:
    return {
        "seq": e.seq,
        "at": e.at.isoformat(),
        "action": e.action,
        "user_id": e.user_id,
        "username": e.username,
        "roles": e.roles,
        "team": e.team,
        "visit_id": e.visit_id,
        "request_id": e.request_id,
        "address": e.address,
        "detail": e.detail,
        "prev_hash": e.prev_hash,
        "hash": e.hash,
    }


def _csv_line(values: list[object]) -> str:
    buf = io.StringIO()
    csv.writer(buf).writerow(["" if v is None else v for v in values])
    return buf.getvalue()


def csv_lines(session: Session, f: AuditFilter, batch: int = 1000) -> Iterator[str]:
    """The matching entries in chain order (oldest first) as CSV, read in batches; the hashes are included
    so an exported copy can be checked against the chain."""
    yield _csv_line(list(CSV_COLUMNS))
    last = 0
    while True:
        rows = list(session.scalars(f.select().where(AuditEntry.seq > last).order_by(AuditEntry.seq).limit(batch)))
        if not rows:
            return
        for e in rows:
            row = entry_row(e)
            yield _csv_line([row[c] for c in CSV_COLUMNS])
        last = rows[-1].seq
        session.expunge_all()


def detail_of(e: AuditEntry) -> dict[str, object]:
    value = json.loads(e.detail or "{}")
    return value if isinstance(value, dict) else {"value": value}


def retention_deletion(session: Session, visit_id: str, kind: str) -> AuditEntry | None:
    """The audit entry of retention deleting this visit's `kind` of stored object, if it did."""
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.visit_id == visit_id, AuditEntry.action == "retention.delete")
        .order_by(AuditEntry.seq.desc())
    )
    return next((e for e in entries if detail_of(e).get("kind") == kind), None)

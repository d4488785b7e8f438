"""`offset retention run`: delete what is due, from the database and from storage, auditing each deletion."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, update

from api.audit import record
from api.context import ServiceContext
from api.db.base import utcnow
from api.db.models import Artefact, DraftVersion
from api.retention.policy import DRAFT_VERSION, Due, due_deletions

log = logging.getLogger(__name__)
RETENTION_USER = "retention"


@dataclass
class RetentionReport:
    dry_run: bool
    due: list[Due] = field(default_factory=list)
    deleted: list[Due] = field(default_factory=list)
    failed: list[tuple[Due, str]] = field(default_factory=list)

    def summary(self) -> str:
        if self.dry_run:
            return f"dry run: {len(self.due)} stored object(s) due for deletion; nothing deleted"
        text = f"{len(self.deleted)} stored object(s) deleted"
        if self.failed:
            text += f"; {len(self.failed)} could not be removed from storage (see above)"
        return text


def _delete_one(ctx: ServiceContext, due: Due, now: datetime) -> bool:
    """Remove the row and audit it in one transaction; False when another run got there first."""
    with ctx.db.session() as s:
        if due.kind == DRAFT_VERSION:  # the row stays as history, marked deleted
            gone = s.execute(
                update(DraftVersion)
                .where(DraftVersion.id == due.artefact_id, DraftVersion.deleted_at.is_(None))
                .values(deleted_at=now)
            )
        else:
            gone = s.execute(
                delete(Artefact).where(Artefact.id == due.artefact_id, Artefact.storage_key == due.storage_key)
            )
        if gone.rowcount != 1:  # type: ignore[attr-defined]
            return False
        record(
            s,
            action="retention.delete",
            user=None,
            username=RETENTION_USER,
            visit_id=due.visit_id,
            detail={
                "kind": due.kind,
                "bytes": due.size,
                "basis": due.basis,
                "since": due.since.isoformat(),
                "days": due.days,
                "reason": due.reason(),
                "run_at": now.isoformat(),
                **({"version": due.version} if due.version is not None else {}),
            },
        )
    return True


def run_retention(ctx: ServiceContext, *, dry_run: bool = False, now: datetime | None = None) -> RetentionReport:
    """Delete every stored object whose time is up (or, with `dry_run`, only list them).

    The row goes first, with its audit entry, in one transaction; then the object is destroyed in
    storage. A crash between the two leaves an object no row names, which the start-up clean-up removes.
    """
    now = now or utcnow()
    with ctx.db.sessions() as s:
        due = list(due_deletions(s, ctx.settings, now))
    report = RetentionReport(dry_run=dry_run, due=due)
    if dry_run:
        return report
    for item in due:
        if not _delete_one(ctx, item, now):
            continue
        try:
            ctx.store.destroy(item.storage_key)
        except OSError as e:
            log.error(
                "retention: %s of visit %s removed from the database, not from storage: %s", item.kind, item.visit_id, e
            )
            report.failed.append((item, str(e)))
            continue
        report.deleted.append(item)
    if report.deleted:
        log.info("retention: %s", report.summary())
    return report

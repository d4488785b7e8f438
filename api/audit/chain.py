"""The hash chain: each entry's hash is SHA-256 over the previous entry's hash and this entry's
canonical serialisation, so changing, removing or reordering any entry breaks every link after it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import GENESIS_HASH, AuditEntry, AuditHead

HASHED_FIELDS = (
    "seq", "at", "action", "user_id", "username", "roles", "team", "visit_id", "request_id", "address",
    "detail", "prev_hash",
)  # fmt: skip


def canonical_json(value: Any) -> str:
    """One spelling of a JSON value: sorted keys, no spaces, UTF-8 kept (the stored `detail` is this)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _timestamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_entry(entry: AuditEntry) -> str:
    """The entry as hashed: every field but its own hash and row id (the detail as its stored text)."""
    values = {name: getattr(entry, name) for name in HASHED_FIELDS}
    values["at"] = _timestamp(entry.at)
    return canonical_json(values)


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(f"{entry.prev_hash}\n{canonical_entry(entry)}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    """The first entry that does not match, and what differs."""

    seq: int
    entry_id: int | None
    at: datetime | None
    action: str
    what: str

    def describe(self) -> str:
        when = _timestamp(self.at) if self.at else "-"
        where = f"entry seq {self.seq}" + (f" (id {self.entry_id}, {when}, {self.action})" if self.entry_id else "")
        return f"{where}: {self.what}"


@dataclass(frozen=True)
class ChainReport:
    entries: int
    problem: ChainProblem | None

    @property
    def intact(self) -> bool:
        return self.problem is None


def _entries(session: Session, batch: int) -> Iterator[AuditEntry]:
    last = 0
    while True:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.seq > last).order_by(AuditEntry.seq).limit(batch))
        page = list(rows)
        if not page:
            return
        yield from page
        last = page[-1].seq
        session.expunge_all()


def verify_chain(session: Session, batch: int = 2000) -> ChainReport:
    """Walk the log in chain order; report the first entry that was changed, removed or inserted."""
    expected_seq, prev = 1, GENESIS_HASH
    count = 0
    for entry in _entries(session, batch):
        problem = None
        if entry.seq != expected_seq:
            missing = f"{expected_seq}" if entry.seq == expected_seq + 1 else f"{expected_seq} to {entry.seq - 1}"
            problem = f"entry seq {missing} is missing (deleted): this entry follows seq {expected_seq - 1}"
        elif entry.prev_hash != prev:
            problem = (
                f"its link to the previous entry does not match (stored previous hash {entry.prev_hash[:16]}..., "
                f"the previous entry's hash is {prev[:16]}...): an entry before it was replaced"
            )
        else:
            actual = entry_hash(entry)
            if actual != entry.hash:
                problem = (
                    f"its contents do not match its hash (stored {entry.hash[:16]}..., contents hash to "
                    f"{actual[:16]}...): the row was altered after it was written"
                )
        if problem:
            return ChainReport(count, ChainProblem(entry.seq, entry.id, entry.at, entry.action, problem))
        count += 1
        expected_seq, prev = entry.seq + 1, entry.hash
    head = session.get(AuditHead, 1)
    if head is None:
        return ChainReport(count, ChainProblem(expected_seq, None, None, "", "the chain head row is missing"))
    if head.seq != expected_seq - 1 or head.hash != prev:
        return ChainReport(
            count,
            ChainProblem(
                expected_seq,
                None,
                None,
                "",
                f"the log ends at seq {expected_seq - 1} but its head says {head.seq}: the newest entries were deleted",
            ),
        )
    return ChainReport(count, None)

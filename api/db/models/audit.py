"""The audit log: append-only entries chained by hash, and the one-row head that serialises writers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DDL, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from api.db.base import Base, UTCDateTime, utcnow

GENESIS_HASH = "0" * 64  # the "previous hash" of the first entry


class AuditEntry(Base):
    """One audited action. Never updated or deleted (triggers refuse it); `offset audit verify` checks it."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_visit_id_at", "visit_id", "at"),
        Index("ix_audit_log_action_at", "action", "at"),
        Index("ix_audit_log_username_at", "username", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Position in the chain: 1, 2, 3... with no gaps; unique, so two writers can never fork it.
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(40))
    # Who: the account (kept as plain values, not foreign keys: the log outlives any change to accounts).
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    username: Mapped[str] = mapped_column(String(254), default="")
    roles: Mapped[str] = mapped_column(String(200), default="")
    team: Mapped[str] = mapped_column(String(120), default="")
    visit_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    request_id: Mapped[str] = mapped_column(String(64), default="")
    address: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON, exactly as hashed
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The newest entry's position and hash, in one row (id 1).

    Every writer updates this row first, so writers queue on its lock (PostgreSQL row lock, SQLite's
    write lock) and each extends the chain from the entry committed before it.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64), default=GENESIS_HASH)


# Tables made without the migrations (metadata.create_all) get their head row too.
event.listen(
    AuditHead.__table__,
    "after_create",
    DDL(f"INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '{GENESIS_HASH}')"),  # noqa: S608 - a constant
)

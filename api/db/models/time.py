"""Time given back: the review events (the format `offset eval time` reads) and the baseline table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.db.base import Base, UTCDateTime, utcnow


class ReviewEventRecord(Base):
    """One `core.events.ReviewEvent`, stored as its JSON line, with the columns the metrics filter on."""

    __tablename__ = "review_events"
    __table_args__ = (
        Index("ix_review_events_visit_id_at", "visit_id", "at"),
        Index("ix_review_events_team_at", "team", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    event: Mapped[str] = mapped_column(String(40))
    visit_id: Mapped[str] = mapped_column(String(32))
    worker_id: Mapped[str] = mapped_column(String(64))
    team: Mapped[str] = mapped_column(String(120))
    audit_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the audit entry that wrote it
    payload: Mapped[str] = mapped_column(Text)  # ReviewEvent.model_dump_json(): one line of the events log


class TimeBaseline(Base):
    """Minutes a write-up takes by hand, per visit type (optionally per team); admins edit it."""

    __tablename__ = "time_baselines"
    __table_args__ = (UniqueConstraint("visit_type", "team", name="uq_time_baselines_visit_type_team"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_type: Mapped[str] = mapped_column(String(100))
    team: Mapped[str] = mapped_column(String(120), default="*")  # '*' = every team
    minutes: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str] = mapped_column(String(254), default="")

"""The review workflow's tables: draft versions, flag acknowledgements and every review step.

Draft text is visit content, so it never sits in a column: each version is a whole draft document,
sealed in storage like the drafted artefact (version 1 *is* that artefact); the row says where it
is, who wrote it, when, and which fields changed.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db.base import Base, UTCDateTime, utcnow
from api.db.models.accounts import User


class DraftVersion(Base):
    """One saved version of a visit's draft. Version 1 is the drafted one the worker wrote."""

    __tablename__ = "draft_versions"
    __table_args__ = (UniqueConstraint("visit_id", "version", name="uq_draft_versions_visit_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    storage_key: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)  # None: drafted by Offset
    changed_fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when retention deleted this version's document (an edit between the generated draft and the record).
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    author: Mapped[User | None] = relationship(lazy="joined")


class FlagAck(Base):
    """A practitioner's acknowledgement of one flag of a visit's draft (flag ids are stable)."""

    __tablename__ = "flag_acks"
    __table_args__ = (UniqueConstraint("visit_id", "flag_id", name="uq_flag_acks_visit_flag"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"))
    flag_id: Mapped[str] = mapped_column(String(80))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer)  # the draft version the practitioner saw
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")


class ReviewAction(StrEnum):
    submit = "submit"
    return_ = "return"
    approve = "approve"


class ReviewStep(Base):
    """One step of the workflow (submitted, returned with comments, approved), in order."""

    __tablename__ = "review_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer)
    comments: Mapped[str | None] = mapped_column(Text, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")

"""Visits and their artefacts (stored encrypted; the rows say where and what)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db.base import Base, UTCDateTime, new_id, utcnow
from api.db.models.accounts import Team, User

if TYPE_CHECKING:
    from api.db.models.jobs import Job


class VisitStatus(StrEnum):
    """Where a visit is: processing, then the review workflow (api/review/workflow.py has the transitions).

    drafted -> submitted -> approved, or submitted -> returned -> submitted ...
    """

    queued = "queued"
    processing = "processing"
    drafted = "drafted"
    failed = "failed"
    submitted = "submitted"  # the practitioner sent it to a supervisor; no edits until it comes back
    returned = "returned"  # a supervisor sent it back with comments; editable again
    approved = "approved"  # signed off: locked, exportable


class ArtefactKind(StrEnum):
    """What a stored object of a visit is; one of each kind per visit (a unique constraint)."""

    audio = "audio"
    known = "known"  # identifiers given at upload
    asr = "asr"  # the transcript straight from speech-to-text, before speakers
    transcript = "transcript"
    redacted = "redacted"
    vault = "vault"
    draft = "draft"


class Visit(Base):
    __tablename__ = "visits"
    __table_args__ = (
        Index("ix_visits_team_created", "team_id", "created_at"),
        Index("ix_visits_owner_created", "owner_id", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    template: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default=VisitStatus.queued.value)
    stage: Mapped[str | None] = mapped_column(String(40), nullable=True)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    error_stage: Mapped[str | None] = mapped_column(String(40), nullable=True)
    error_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    consent: Mapped[bool] = mapped_column(Boolean)
    speakers: Mapped[int | None] = mapped_column(Integer, nullable=True)
    filename: Mapped[str] = mapped_column(String(200), default="")  # shown to people only, never a path
    audio_format: Mapped[str] = mapped_column(String(20))
    audio_bytes: Mapped[int] = mapped_column(BigInteger)
    audio_seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    audio_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    drafted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # The review workflow (api/review/): the latest of each step; review_actions keeps every one.
    draft_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    return_comments: Mapped[str | None] = mapped_column(Text, nullable=True)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    owner: Mapped[User] = relationship(lazy="joined", foreign_keys=[owner_id])
    approved_by: Mapped[User | None] = relationship(lazy="joined", foreign_keys=[approved_by_id])
    team: Mapped[Team] = relationship(lazy="joined")
    artefacts: Mapped[list[Artefact]] = relationship(back_populates="visit", cascade="all, delete-orphan")
    # One query answers a status poll: the visit with its owner, team and job.
    job: Mapped[Job | None] = relationship(lazy="joined", uselist=False, viewonly=True)


class Artefact(Base):
    __tablename__ = "artefacts"
    __table_args__ = (UniqueConstraint("visit_id", "kind", name="uq_artefacts_visit_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    storage_key: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(BigInteger)  # plaintext bytes
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    visit: Mapped[Visit] = relationship(back_populates="artefacts")

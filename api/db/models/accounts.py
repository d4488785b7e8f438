"""Accounts: teams, users with roles, and sign-in attempts (for the failed-login limit)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db.base import Base, UTCDateTime, utcnow


class Role(StrEnum):
    """What a user does. A user may hold several (a supervisor who is also an admin)."""

    practitioner = "practitioner"
    supervisor = "supervisor"
    evaluator = "evaluator"
    admin = "admin"


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="team")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    roles_csv: Mapped[str] = mapped_column("roles", String(200))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), nullable=True, index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped to revoke every token issued before (password change, deactivation).
    token_version: Mapped[int] = mapped_column(Integer, default=1)
    voice_profile_key: Mapped[str | None] = mapped_column(String(300), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    # Loaded on first use (from the identity map when the team is already loaded: no query).
    team: Mapped[Team | None] = relationship(back_populates="users")

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(Role(r) for r in self.roles_csv.split(",") if r)

    @roles.setter
    def roles(self, value: set[Role] | frozenset[Role] | list[Role]) -> None:
        self.roles_csv = ",".join(sorted(Role(r).value for r in value))

    def has(self, role: Role) -> bool:
        return role in self.roles


class LoginAttempt(Base):
    """One sign-in attempt; failures within the window count against the account and the address."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_username_at", "username", "at"),
        Index("ix_login_attempts_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(64))
    succeeded: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

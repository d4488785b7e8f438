"""Accounts as the API shows them: `XCreate` (in), `XUpdate` (in, partial), `XPublic` (out)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.db.models import Role, Team, User
from api.schemas.common import PlainText

RoleName = Literal["practitioner", "supervisor", "evaluator", "admin"]


class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (the OAuth2 token type, not a secret)
    expires_at: datetime


class TeamCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: PlainText = Field(min_length=1, max_length=120)


class TeamPublic(BaseModel):
    id: int
    name: str

    @classmethod
    def of(cls, team: Team) -> TeamPublic:
        return cls(id=team.id, name=team.name)


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: PlainText = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
    password: str = Field(min_length=1, max_length=1024)
    roles: list[RoleName] = Field(min_length=1)
    team: PlainText | None = Field(None, description="Team name; required for practitioners and supervisors.")
    display_name: PlainText = Field("", max_length=200)


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    roles: list[RoleName] | None = Field(None, min_length=1)
    team: PlainText | None = None
    active: bool | None = None
    password: str | None = Field(None, min_length=1, max_length=1024)
    display_name: PlainText | None = Field(None, max_length=200)


class UserPublic(BaseModel):
    id: int
    email: str
    display_name: str
    roles: list[RoleName]
    team: TeamPublic | None
    active: bool
    voice_profile: bool = Field(description="Whether a voice profile is enrolled (used to label the practitioner).")
    created_at: datetime
    last_login_at: datetime | None

    @classmethod
    def of(cls, user: User) -> UserPublic:
        return cls(
            id=user.id,
            email=user.email,
            display_name=user.display_name,
            roles=sorted(r.value for r in user.roles),  # type: ignore[misc]
            team=TeamPublic.of(user.team) if user.team else None,
            active=user.active,
            voice_profile=user.voice_profile_key is not None,
            created_at=user.created_at,
            last_login_at=user.last_login_at,
        )


def parse_roles(names: list[str]) -> set[Role]:
    return {Role(n) for n in names}

"""The draft's flags and whether each is dealt with: acknowledged, or edited away.

A flag is *edited away* when the practitioner's edit removed what it is about:
- a flag on a statement (unsupported, partly supported, "nobody said this") once that statement is no
  longer in the field's text;
- a fall-back or low-confidence flag on a whole field once the field's text was changed;
- a risk flag gathered from the transcript never: what was said stays said, so it is acknowledged.
Flag ids are stable (core/draft.py `Flag.with_id`), so an acknowledgement holds across versions.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.db.base import utcnow
from api.db.models import FlagAck, User, Visit
from api.errors import NotFound
from api.permissions import can_edit_draft
from api.schemas.review import FlagPublic
from api.schemas.visits import PersonRef
from core.draft import Draft, DraftField, Flag

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().strip(".;:!?,").strip().casefold()


def edited_away(flag: Flag, field: DraftField, field_edited: bool) -> bool:
    if flag.statement:
        statement = _norm(flag.statement)
        return bool(statement) and statement not in _norm(field.value)
    if flag.kind == "risk":
        return False
    return field_edited


def acks_of(session: Session, visit: Visit) -> dict[str, FlagAck]:
    return {a.flag_id: a for a in session.scalars(select(FlagAck).where(FlagAck.visit_id == visit.id))}


def flag_views(draft: Draft, edited: list[str], acks: dict[str, FlagAck]) -> list[FlagPublic]:
    """Every flag of every field of `draft`, with its state."""
    out = []
    for field in draft.fields:
        for flag in field.flags:
            ack = acks.get(flag.id)
            away = edited_away(flag, field, field.id in edited)
            out.append(
                FlagPublic(
                    id=flag.id,
                    field_id=field.id,
                    field_label=field.label,
                    kind=flag.kind,
                    category=flag.category,
                    status=flag.status,
                    quote=flag.quote,
                    segment_id=flag.segment_id,
                    statement=flag.statement,
                    message=flag.message,
                    acknowledged=ack is not None,
                    acknowledged_by=PersonRef.of(ack.user) if ack else None,
                    acknowledged_at=ack.at if ack else None,
                    edited_away=away,
                    open=ack is None and not away,
                )
            )
    return out


def acknowledge(session: Session, user: User, visit: Visit, draft: Draft, version: int, flag_id: str) -> FlagAck:
    """Record that the author has looked at flag `flag_id` (again: no change). The caller commits."""
    can_edit_draft(user, visit)
    ids = [fl.id for fl in draft.flags]
    if flag_id not in ids:
        raise NotFound(
            f"The draft of visit {visit.id} has no flag {flag_id!r}. Its flags are listed in "
            f"GET /api/visits/{visit.id}/draft" + (f": {', '.join(ids)}." if ids else " (it has none)."),
            code="flag_not_found",
            detail={"flags": ids},
        )
    existing = acks_of(session, visit).get(flag_id)
    if existing is not None:
        return existing
    ack = FlagAck(visit_id=visit.id, flag_id=flag_id, user_id=user.id, version=version, at=utcnow())
    session.add(ack)
    try:
        session.flush()
    except IntegrityError:  # acknowledged at the same moment from another tab: theirs stands
        session.rollback()
        return acks_of(session, visit)[flag_id]
    return ack

"""What an audit entry says about an account change: the fields that changed, never a password."""

from __future__ import annotations

from typing import Any

from api.db.models import User


def user_state(user: User) -> dict[str, Any]:
    """The audited fields of an account (the password only as its hash's presence)."""
    return {
        "email": user.email,
        "display_name": user.display_name,
        "roles": sorted(r.value for r in user.roles),
        "team": user.team.name if user.team else None,
        "active": user.active,
        "password_hash": user.password_hash,
    }


def user_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """{field: [old, new]} for what changed; a new password shows as "changed"."""
    changed: dict[str, Any] = {}
    for key, new in after.items():
        old = before.get(key)
        if old == new:
            continue
        changed["password" if key == "password_hash" else key] = "changed" if key == "password_hash" else [old, new]
    return changed


def created_user(user: User) -> dict[str, Any]:
    state = user_state(user)
    state.pop("password_hash")
    return {"target_user_id": user.id, **state}

"""The review rules on their own: when a flag counts as edited away, who sees real names in an
export, and which workflow steps each state allows."""

from __future__ import annotations

import pytest

from api.db.models import ReviewAction, Role, User, Visit, VisitStatus
from api.errors import Conflict
from api.permissions import may_reidentify
from api.review.flags import edited_away
from api.review.workflow import TRANSITIONS, check_transition
from core.draft import DraftField, Flag

FIELD = DraftField(id="daily_living", label="Daily living", value="She manages meals. She drives to the shops daily.")


def test_a_statement_flag_is_edited_away_once_the_statement_is_gone() -> None:
    flag = Flag(kind="unsupported", message="Not in the transcript", statement="She drives to the shops daily.")
    assert not edited_away(flag, FIELD, field_edited=False)
    kept = FIELD.model_copy(update={"value": "She manages meals.\n  she DRIVES to the shops   daily"})
    assert not edited_away(flag, kept, field_edited=True)  # case, spacing and the full stop do not matter
    gone = FIELD.model_copy(update={"value": "She manages meals. Her son drives her to the shops."})
    assert edited_away(flag, gone, field_edited=True)


def test_a_transcript_risk_is_never_edited_away_and_a_fallback_is_once_the_field_changes() -> None:
    risk = Flag(kind="risk", category="falls", status="disclosed", message="Falls disclosed", quote="I fell")
    assert not edited_away(risk, FIELD.model_copy(update={"value": ""}), field_edited=True)
    fallback = Flag(kind="fallback", message="Extractive draft shown instead of the model's")
    assert not edited_away(fallback, FIELD, field_edited=False)
    assert edited_away(fallback, FIELD, field_edited=True)


def _user(uid: int, roles: set[Role], team: int | None) -> User:
    u = User(id=uid, email=f"u{uid}@example.org", roles_csv="", team_id=team)
    u.roles = roles
    return u


def test_real_names_only_for_the_author_and_the_teams_supervisors() -> None:
    visit = Visit(id="v" * 32, owner_id=1, team_id=10)
    assert may_reidentify(_user(1, {Role.practitioner}, 10), visit)
    assert may_reidentify(_user(2, {Role.supervisor}, 10), visit)
    assert may_reidentify(_user(3, {Role.supervisor, Role.admin}, 10), visit)
    assert not may_reidentify(_user(4, {Role.practitioner}, 10), visit)  # a colleague in the team
    assert not may_reidentify(_user(5, {Role.supervisor}, 20), visit)  # another team's supervisor
    assert not may_reidentify(_user(6, {Role.evaluator}, None), visit)
    assert not may_reidentify(_user(7, {Role.admin}, 10), visit)


@pytest.mark.parametrize("status", [s.value for s in VisitStatus])
@pytest.mark.parametrize("action", list(ReviewAction))
def test_each_step_is_allowed_only_from_its_states(status: str, action: ReviewAction) -> None:
    visit = Visit(id="v" * 32, status=status)
    allowed, target = TRANSITIONS[action]
    if status in allowed:
        assert check_transition(visit, action) == target
    else:
        with pytest.raises(Conflict) as e:
            check_transition(visit, action)
        assert e.value.code == "invalid_transition" and e.value.detail["status"] == status
        assert f"it is {status}" in e.value.message


def test_a_supervisor_never_approves_their_own_visit() -> None:
    from api.errors import Forbidden
    from api.permissions import can_review

    visit = Visit(id="v" * 32, owner_id=1, team_id=10)
    can_review(_user(2, {Role.supervisor}, 10), visit)  # another supervisor of the team: allowed
    with pytest.raises(Forbidden) as e:
        can_review(_user(1, {Role.practitioner, Role.supervisor}, 10), visit)
    assert e.value.code == "own_visit" and "another supervisor" in e.value.message
    with pytest.raises(Forbidden) as e:
        can_review(_user(3, {Role.supervisor}, 20), visit)
    assert e.value.code == "supervisor_required"

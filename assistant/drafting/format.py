"""One formatter per field type, shared by both drafters: how statements and actions read in a field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.drafting.actions import action_sentence
from core.draft import NOT_DISCUSSED

if TYPE_CHECKING:
    from core.draft import ActionItem
    from prompts.schema import TemplateField


def format_value(
    tf: TemplateField,
    statements: list[str],
    actions: list[ActionItem] | None = None,
    answer: str | None = None,
    date: str | None = None,
) -> str:
    """The field's text: statements as prose, actions one per line, a yes/no or a date first."""
    if tf.type == "actions" and actions:
        return "\n".join(f"- {action_sentence(a)}" for a in actions)
    body = "\n".join(statements) if tf.risk else " ".join(statements)
    if not body and not actions:
        return NOT_DISCUSSED
    if tf.type == "yes_no_unknown":
        return f"{(answer or 'unknown').capitalize()}. {body}".strip()
    if tf.type == "date" and date:
        return f"{date[:1].upper()}{date[1:]}. {body}".strip()
    return body


def risk_line(label: str, status: str, text: str) -> str:
    """'Falls (disclosed): She said she fell on the stairs ...' - a line of the risk field."""
    return f"{label[:1].upper()}{label[1:]} ({status}): {text}"


def pointer_line(label: str, status: str, field_label: str) -> str:
    """A risk recorded in another field: named here, not copied ('Falls (disclosed): see Daily living.')."""
    return f"{label[:1].upper()}{label[1:]} ({status}): see {field_label}."

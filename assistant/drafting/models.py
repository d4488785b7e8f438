"""The draft document types; they live in `core.draft` (shared with the verifier and the service)."""

from core.draft import (
    NOT_DISCUSSED,
    ActionItem,
    Draft,
    DraftField,
    DraftProvenance,
    Evidence,
    FieldStatus,
    Flag,
    Participant,
    Quote,
    StatementCheck,
    Support,
)

__all__ = [
    "NOT_DISCUSSED",
    "ActionItem",
    "Draft",
    "DraftField",
    "DraftProvenance",
    "Evidence",
    "FieldStatus",
    "Flag",
    "Participant",
    "Quote",
    "StatementCheck",
    "Support",
]

"""Retention: delete recordings and transcripts when the policy says, keeping the approved record."""

from api.retention.policy import Due, due_deletions
from api.retention.run import RetentionReport, run_retention

__all__ = ["Due", "RetentionReport", "due_deletions", "run_retention"]

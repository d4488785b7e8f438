"""How the pages name a visit's status and stage, in plain words, with the GOV.UK tag colour for each."""

from __future__ import annotations

from datetime import UTC, datetime

STAGES = {
    "transcribe": "Turning speech into text",
    "speakers": "Working out who spoke",
    "redact": "Removing personal details",
    "draft": "Drafting the form",
}

# status -> (words, GOV.UK tag colour class or "" for the default blue)
STATUSES: dict[str, tuple[str, str]] = {
    "queued": ("Queued", "govuk-tag--grey"),
    "processing": ("Processing", "govuk-tag--blue"),
    "drafted": ("Ready to review", "govuk-tag--yellow"),
    "failed": ("Failed", "govuk-tag--red"),
    "submitted": ("Awaiting approval", "govuk-tag--purple"),
    "returned": ("Returned", "govuk-tag--orange"),
    "approved": ("Approved", "govuk-tag--green"),
}


def status_tag(status: str) -> dict[str, str]:
    """`{'text', 'classes'}` for govukTag."""
    text, classes = STATUSES.get(status, (status.replace("_", " ").capitalize(), "govuk-tag--grey"))
    return {"text": text, "classes": classes}


def age(when: datetime | None, now: datetime | None = None) -> str:
    """'3 hours', '2 days': how long something has waited."""
    if when is None:
        return ""
    now = now or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    minutes = max(0, int((now - when).total_seconds() // 60))
    if minutes < 60:
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    hours = minutes // 60
    if hours < 48:
        return "1 hour" if hours == 1 else f"{hours} hours"
    return f"{hours // 24} days"


def clock(seconds: float) -> str:
    """12:05 or 1:02:03 for a time in the recording."""
    total = int(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"

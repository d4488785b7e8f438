"""Every audited action, by name (the contract shared by the routes that call `record()`)."""

from __future__ import annotations

from typing import Final

# action -> what it records (shown in docs/service.md and the API's description of the filter).
ACTIONS: Final[dict[str, str]] = {
    "auth.sign_in": "signed in (API token or web page)",
    "auth.sign_in_failed": "a sign-in refused (wrong password, unknown account, deactivated, rate-limited)",
    "auth.sign_out": "signed out of the web pages",
    "transcript.read": "read a visit's redacted transcript",
    "draft.read": "read a visit's draft",
    "audio.read": "read (played) a visit's recording, or part of it",
    "draft.open": "opened the review page of a draft",
    "draft.edit": "saved an edit of a draft (a new version)",
    "draft.activity": "active editing seconds reported by the review page",
    "flag.ack": "acknowledged a risk flag or an unsupported statement",
    "visit.submit": "submitted a draft for approval",
    "visit.return": "returned a draft to the practitioner with comments",
    "visit.approve": "approved a draft (the record is locked)",
    "visit.export": "exported an approved record (detail: format, reidentified)",
    "visit.upload": "uploaded a visit recording",
    "visit.retry": "asked for a failed visit to be processed again",
    "visit.delete": "deleted a visit",
    "voice_profile.enrol": "enrolled (or replaced) the practitioner's voice profile",
    "voice_profile.delete": "deleted the practitioner's voice profile",
    "retention.delete": "deleted stored data under the retention policy",
    "user.create": "created a user",
    "user.update": "changed a user (roles, team, status, password, name)",
    "team.create": "created a team",
    "settings.update": "changed a setting (e.g. the time baselines)",
    "audit.read": "read or downloaded the audit log",
}

# Audited actions that are also review events for the time-given-back metrics (core.events.EventKind).
TIME_EVENTS: Final[dict[str, str]] = {
    "draft.open": "draft_opened",
    "draft.activity": "draft_edited",
    "visit.submit": "draft_submitted",
    "visit.return": "draft_returned",
    "visit.approve": "draft_approved",
}

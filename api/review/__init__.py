"""The review workflow (issue 10): draft versions, flag acknowledgements, submit / return / approve,
and the export of an approved record. Routes (api/routes/review.py) and web pages call `service`."""

from api.review.service import (
    FORMATS,
    ExportFile,
    ack_flag,
    approve,
    current_draft,
    diff,
    edit_draft,
    export,
    get_draft,
    list_versions,
    return_visit,
    submit,
)

__all__ = [
    "FORMATS",
    "ExportFile",
    "ack_flag",
    "approve",
    "current_draft",
    "diff",
    "edit_draft",
    "export",
    "get_draft",
    "list_versions",
    "return_visit",
    "submit",
]

"""Identifiers the practitioner or the case system already knows: always redacted."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from core.transcript import load_document


class KnownIdentifiers(BaseModel):
    """What is known about the person before the visit; every field optional.

    Load from JSON with `KnownIdentifiers.load(path)`, e.g.
    `{"person_name": "Margaret Thompson", "other_names": ["David Thompson"], "nhs_number": "943 476 5919"}`.
    """

    model_config = ConfigDict(extra="forbid")

    person_name: str | None = Field(None, description="The person the visit is about.")
    other_names: list[str] = Field(
        default_factory=list, description="Family, neighbours, carers, GP and other third parties."
    )
    address: str | None = Field(None, description="Full address; each comma-separated part is matched.")
    postcode: str | None = None
    date_of_birth: str | None = Field(
        None, description="Any common format: 1947-03-03, 03/03/1947, 3 March 1947."
    )
    nhs_number: str | None = None
    ni_number: str | None = None
    phone_numbers: list[str] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list)
    other: list[str] = Field(
        default_factory=list, description="Any other strings to redact wherever they occur."
    )
    practitioner_names: list[str] = Field(
        default_factory=list,
        description="Practitioners present; kept unless settings.redact_practitioner_names is on.",
    )

    @classmethod
    def load(cls, path: Path) -> KnownIdentifiers:
        """Read a known-identifiers JSON file, with an error that names the bad field and shows the format."""
        return load_document(cls, path, "a known-identifiers file", known_file_hint())


EXAMPLE = {
    "person_name": "Margaret Thompson",
    "other_names": ["David Thompson", "Dr Okafor"],
    "address": "12 Rowan Close, Swindon",
    "postcode": "SN2 7HQ",
    "date_of_birth": "1941-03-14",
    "nhs_number": "485 773 4451",
    "phone_numbers": ["01793 446219"],
    "practitioner_names": ["Priya Shah"],
}


def known_file_hint() -> str:
    """What a known-identifiers file holds, with an example: no command writes one, people do."""
    fields = ", ".join(KnownIdentifiers.model_fields)
    return (
        "Write it by hand (or export it from the case system) as one JSON object; every field is optional. "
        f"Fields: {fields}; other_names, phone_numbers, emails, other and practitioner_names are lists of "
        "strings, the rest strings. "
        f"Example: {json.dumps(EXAMPLE)}"
    )

"""Identifiers the practitioner or the case system already knows: always redacted."""

from __future__ import annotations

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
        """Read a known-identifiers JSON file, with an error that names the bad field."""
        return load_document(cls, path, "a known-identifiers file (see docs/redaction.md)")

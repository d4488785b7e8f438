"""Medicine names stay visible (clinical information), even misheard; names around them do not."""

from __future__ import annotations

import pytest

from redaction.known import KnownIdentifiers
from redaction.medication_guard import sounds_like_medicine
from redaction.redactor import Redactor


@pytest.mark.parametrize(
    "text, medicine",
    [
        ("I take Remi-prill in the morning.", "Remi-prill"),  # tiny.en's "ramipril"
        ("And Alendronic acid once a week.", "Alendronic"),  # spaCy calls it an organisation
        ("The GP put me on Sertraline last month.", "Sertraline"),
        ("She takes Bisoprolol for her heart.", "Bisoprolol"),
    ],
)
def test_medicines_are_not_redacted(redactor: Redactor, text: str, medicine: str) -> None:
    assert medicine in redactor.redact_text(text).text


def test_names_next_to_medicines_still_go(redactor: Redactor) -> None:
    out = redactor.redact_text("Margaret Ellison takes amlodipine; ask Dr Ramesh Patel about the dose.").text
    assert "amlodipine" in out
    assert "Ellison" not in out and "Patel" not in out


def test_known_identifier_is_never_dropped(redactor: Redactor) -> None:
    known = KnownIdentifiers(person_name="Ramipril Jones")  # absurd, but the practitioner said so
    assert "Ramipril" not in redactor.redact_text("Ramipril Jones came in.", known).text


def test_fuzzy_match_needs_a_long_word() -> None:
    assert sounds_like_medicine("remiprill") and sounds_like_medicine("sertralene")
    assert not sounds_like_medicine("Rami") and not sounds_like_medicine("Patel")

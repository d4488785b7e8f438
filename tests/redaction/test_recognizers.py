"""Each recognizer: a valid case, an invalid (checksum/format) case, and a spoken form."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from redaction.normalise import normalise
from redaction.recognizers.age_recognizer import AgeRecognizer
from redaction.recognizers.bank_account_recognizer import BankAccountRecognizer
from redaction.recognizers.case_reference_recognizer import CaseReferenceRecognizer
from redaction.recognizers.date_of_birth_recognizer import DateOfBirthRecognizer
from redaction.recognizers.email_recognizer import EmailRecognizer
from redaction.recognizers.named_place_recognizer import NamedPlaceRecognizer
from redaction.recognizers.nhs_number_recognizer import NhsNumberRecognizer, is_valid_nhs_number
from redaction.recognizers.ni_number_recognizer import NiNumberRecognizer
from redaction.recognizers.person_cue_recognizer import PersonCueRecognizer
from redaction.recognizers.sort_code_recognizer import SortCodeRecognizer
from redaction.recognizers.street_address_recognizer import StreetAddressRecognizer
from redaction.recognizers.uk_phone_recognizer import UkPhoneRecognizer
from redaction.recognizers.uk_postcode_recognizer import UkPostcodeRecognizer
from redaction.recognizers.vehicle_registration_recognizer import VehicleRegistrationRecognizer

THRESHOLD = 0.35


def found(recognizer: EntityRecognizer, text: str) -> list[str]:
    """Original-text strings the recognizer flags above the redaction threshold (on the normalised copy)."""
    n = normalise(text)
    out = []
    for r in recognizer.analyze(n.text, recognizer.supported_entities):
        if r.score >= THRESHOLD:
            s, e = n.to_original(r.start, r.end)
            out.append(text[s:e])
    return out


CASES = [
    # recognizer, valid, invalid, spoken
    (NhsNumberRecognizer(), ("NHS number 943 476 5919.", "943 476 5919"), "NHS number 943 476 5918.",
     ("it's nine four three, four seven six, five nine one nine", "nine four three, four seven six, five nine one nine")),  # noqa: E501
    (NiNumberRecognizer(), ("NI number AB 12 34 56 C", "AB 12 34 56 C"), "NI number QQ 12 34 56 C",
     ("A B one two three four five six C please", "A B one two three four five six C")),
    (UkPostcodeRecognizer(), ("postcode LS6 2AB.", "LS6 2AB"), "code LS6 2CI.",
     ("the postcode is L S six, two A B.", "L S six, two A B")),
    (UkPhoneRecognizer(), ("call 07700 900123 today", "07700 900123"), "call 0770 09 today",
     ("ring oh seven seven double oh, nine double oh one two three", "oh seven seven double oh, nine double oh one two three")),  # noqa: E501
    (EmailRecognizer(), ("email jo.bloggs@example.co.uk now", "jo.bloggs@example.co.uk"), "at home dot then",
     ("jo dot bloggs at gmail dot com", "jo dot bloggs at gmail dot com")),
    (SortCodeRecognizer(), ("sort code 40-22-15.", "40-22-15"), "she took 40 22 15 steps",
     ("sort code four oh, two two, one five", "four oh, two two, one five")),
    (BankAccountRecognizer(), ("account number 31926819.", "31926819"), "reading 31926819 miles",
     ("account number three one nine two six eight one nine", "three one nine two six eight one nine")),
    (VehicleRegistrationRecognizer(), ("car reg AB12 CDE", "AB12 CDE"), "car reg IQ12 CDE",
     ("the reg is A B one two C D E", "A B one two C D E")),
    (DateOfBirthRecognizer(), ("date of birth 03/03/1947", "03/03/1947"), "next visit on 03/13/2025",
     ("born on the third of March nineteen forty seven", "third of March nineteen forty seven")),
    (AgeRecognizer(), ("she is aged 84 and", "84"), "she took 84 tablets",
     ("she's eighty four years old", "eighty four")),
    (CaseReferenceRecognizer(), ("case SC123456 open", "SC123456"), "case SC12 open",
     ("quote S C one two three four five six", "S C one two three four five six")),
    (StreetAddressRecognizer(), ("lives at 42 Acacia Avenue, Leeds now", "42 Acacia Avenue, Leeds"), "at 42 they moved",
     ("lives at forty two Acacia Avenue", "forty two Acacia Avenue")),
]  # fmt: skip


@pytest.mark.parametrize(("recognizer", "valid", "invalid", "spoken"), CASES, ids=lambda c: type(c).__name__)
def test_recognizer_valid_invalid_spoken(
    recognizer: EntityRecognizer, valid: tuple[str, str], invalid: str, spoken: tuple[str, str]
) -> None:
    assert valid[1] in found(recognizer, valid[0])
    assert found(recognizer, invalid) == []
    assert spoken[1] in found(recognizer, spoken[0])


def test_nhs_checksum() -> None:
    assert is_valid_nhs_number("9434765919")
    assert not is_valid_nhs_number("9434765918")
    assert not is_valid_nhs_number("123")


def test_person_cues_and_named_places() -> None:
    assert found(PersonCueRecognizer(), "Mrs Okafor said her son Tomasz visits") == ["Okafor", "Tomasz"]
    assert found(NamedPlaceRecognizer(), "her GP at Park View Surgery") == ["Park View Surgery"]
    assert found(NamedPlaceRecognizer(), "The Hospital rang") == []


def test_case_reference_pattern_is_configurable() -> None:
    rec = CaseReferenceRecognizer(pattern=r"\bLBX-\d{4}\b")
    assert found(rec, "ref LBX-1234 here") == ["LBX-1234"]
    assert found(rec, "case SC123456") == []

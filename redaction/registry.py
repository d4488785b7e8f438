"""The one list of recognizers redaction runs, built from settings."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
)
from presidio_analyzer.predefined_recognizers.nlp_engine_recognizers.spacy_recognizer import SpacyRecognizer

from redaction.recognizers.age_recognizer import AgeRecognizer
from redaction.recognizers.bank_account_recognizer import BankAccountRecognizer
from redaction.recognizers.case_reference_recognizer import CaseReferenceRecognizer
from redaction.recognizers.date_of_birth_recognizer import DateOfBirthRecognizer
from redaction.recognizers.digit_run_recognizer import DigitRunRecognizer
from redaction.recognizers.email_recognizer import EmailRecognizer
from redaction.recognizers.first_name_recognizer import FirstNameRecognizer
from redaction.recognizers.misheard_street_recognizer import MisheardStreetRecognizer
from redaction.recognizers.named_place_recognizer import NamedPlaceRecognizer
from redaction.recognizers.nhs_number_recognizer import NhsNumberRecognizer
from redaction.recognizers.ni_number_recognizer import NiNumberRecognizer
from redaction.recognizers.person_cue_recognizer import PersonCueRecognizer
from redaction.recognizers.sort_code_recognizer import SortCodeRecognizer
from redaction.recognizers.street_address_recognizer import StreetAddressRecognizer
from redaction.recognizers.uk_phone_recognizer import UkPhoneRecognizer
from redaction.recognizers.uk_place_recognizer import UkPlaceRecognizer
from redaction.recognizers.uk_postcode_recognizer import UkPostcodeRecognizer
from redaction.recognizers.vehicle_registration_recognizer import VehicleRegistrationRecognizer
from redaction.settings import RedactionSettings

# Entity type -> placeholder label. Types not listed here are never redacted.
PLACEHOLDER_LABELS: dict[str, str] = {
    "PERSON": "PERSON",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "UK_NHS": "NHS_NUMBER",
    "UK_NINO": "NI_NUMBER",
    "UK_POSTCODE": "POSTCODE",
    "STREET_ADDRESS": "ADDRESS",
    "DATE_OF_BIRTH": "DOB",
    "AGE": "AGE",
    "UK_SORT_CODE": "SORT_CODE",
    "UK_BANK_ACCOUNT": "ACCOUNT_NUMBER",
    "UK_VEHICLE_REGISTRATION": "VEHICLE_REG",
    "CASE_REFERENCE": "CASE_REF",
    "CREDIT_CARD": "CARD_NUMBER",
    "IBAN_CODE": "IBAN",
    "IP_ADDRESS": "IP_ADDRESS",
    "LOCATION": "LOCATION",
    "ORGANIZATION": "ORGANISATION",
    "OTHER": "IDENTIFIER",
}

# When spans overlap, the merged span takes the type that ranks first here.
TYPE_PRIORITY = [
    "UK_NHS", "UK_NINO", "EMAIL_ADDRESS", "PHONE_NUMBER", "UK_SORT_CODE", "UK_BANK_ACCOUNT", "CREDIT_CARD",
    "IBAN_CODE", "DATE_OF_BIRTH", "CASE_REFERENCE", "UK_VEHICLE_REGISTRATION", "STREET_ADDRESS",
    "UK_POSTCODE", "PERSON", "AGE", "IP_ADDRESS", "OTHER", "ORGANIZATION", "LOCATION",
]  # fmt: skip


INTERNATIONAL_PHONE_REGIONS = ("GB", "US", "IE", "IN", "PK", "PL", "NG", "RO", "DE", "FR", "ES", "IT")


def build_recognizers(settings: RedactionSettings) -> list[EntityRecognizer]:
    """Every recognizer redaction uses, configured from settings (organisations are optional)."""
    entities = ["PERSON", "LOCATION"] + (["ORGANIZATION"] if settings.redact_organisations else [])
    recognizers: list[EntityRecognizer] = [
        SpacyRecognizer(supported_entities=entities),
        PersonCueRecognizer(),
        FirstNameRecognizer(),
        NhsNumberRecognizer(),
        NiNumberRecognizer(),
        UkPostcodeRecognizer(),
        UkPhoneRecognizer(),
        # International numbers (family abroad, US-style test data); offline libphonenumber metadata.
        PhoneRecognizer(supported_regions=INTERNATIONAL_PHONE_REGIONS),
        EmailRecognizer(),
        DateOfBirthRecognizer(),
        AgeRecognizer(),
        SortCodeRecognizer(),
        BankAccountRecognizer(),
        VehicleRegistrationRecognizer(),
        StreetAddressRecognizer(),
        MisheardStreetRecognizer(),
        UkPlaceRecognizer(),
        CaseReferenceRecognizer(pattern=settings.case_reference_pattern),
        CreditCardRecognizer(),
        IbanRecognizer(),
        IpRecognizer(),
        # Last line of defence for numbers ASR garbled past every format rule above.
        DigitRunRecognizer(),
    ]
    if settings.redact_organisations:
        recognizers.append(NamedPlaceRecognizer())
    return recognizers

"""End to end with the real spaCy model: planted identifiers of every type, typed and spoken."""

from __future__ import annotations

import re

from core.transcript import AudioInfo, ModelInfo, Segment, Transcript, TranscriptionOptions, segment_id
from redaction.known import KnownIdentifiers
from redaction.redactor import Redactor

PLANTED = {
    "Margaret Thompson": "Margaret Thompson",
    "07700 900123": "07700 900123",
    "oh seven seven one five": "oh seven seven one five, nine double three four five six",
    "943 476 5919": "943 476 5919",
    "AB 12 34 56 C": "AB 12 34 56 C",
    "A B one two": "A B one two three four five six C",
    "LS6 2AB": "LS6 2AB",
    "L S six": "L S six, two A B",
    "jo.bloggs@example.co.uk": "jo.bloggs@example.co.uk",
    "sarah dot": "sarah dot thompson at gmail dot com",
    "40-22-15": "40-22-15",
    "31926819": "31926819",
    "03/03/1947": "03/03/1947",
    "forty two Acacia": "forty two Acacia Avenue",
    "SC123456": "SC123456",
}

LINES = [
    "Hello, is that Margaret Thompson? It's Jo from the council.",
    "Yes love. My mobile is 07700 900123, or my daughter's, oh seven seven one five,",
    "nine double three four five six. Her name's Sarah.",
    "My NHS number is 943 476 5919 and my national insurance number is AB 12 34 56 C.",
    "Sarah's is A B one two three four five six C. We live at forty two Acacia Avenue,",
    "Leeds, LS6 2AB, she's at L S six, two A B.",
    "Email jo.bloggs@example.co.uk or sarah dot thompson at gmail dot com.",
    "The pension goes to sort code 40-22-15, account number 31926819.",
    "Date of birth 03/03/1947. Our case reference is SC123456.",
    "Margaret's GP is Dr Okafor. Mrs Thompson said Margaret is tired.",
]


def make_transcript(lines: list[str]) -> Transcript:
    return Transcript(
        id="tr_test",
        audio=AudioInfo(path="visit.wav", sha256="0" * 64, format="wav", duration=60.0, size_bytes=1),
        model=ModelInfo(name="tiny.en", path="-", source="test"),
        options=TranscriptionOptions(model="tiny.en"),
        duration=60.0,
        segments=[
            Segment(id=segment_id(i), start=i * 5.0, end=i * 5.0 + 4.5, text=" " + t, speaker=f"SPEAKER_{i % 2}")
            for i, t in enumerate(lines)
        ],
    )


def test_transcript_has_no_planted_identifier_and_consistent_placeholders(redactor: Redactor) -> None:
    transcript = make_transcript(LINES)
    out = redactor.redact_transcript(transcript)
    red = out.redacted
    text = red.text
    for needle in [*PLANTED, "Okafor", "Sarah", "Margaret", "Thompson", "Acacia", "nine double three"]:
        assert needle not in text, needle
    # Same ids, times and speakers.
    assert [(s.id, s.start, s.end, s.speaker) for s in red.segments] == [
        (s.id, s.start, s.end, s.speaker) for s in transcript.segments
    ]
    # Margaret is one person everywhere; the role word stays.
    margaret = re.findall(r"\[PERSON_\d+\]", red.segments[0].text)[0]
    assert margaret in red.segments[9].text
    assert "Dr [PERSON_" in red.segments[9].text
    # Every placeholder in the text is in the vault and the vault holds the real values.
    for p in set(re.findall(r"\[[A-Z_]+_\d+\]", text)):
        assert p in out.vault_entries
    assert "943 476 5919" in out.vault_entries.values()
    assert red.entity_counts["UK_NHS"] == 1
    assert all(e.recognizer for s in red.segments for e in s.entities)


def test_identifier_split_across_segments_is_redacted_in_both(redactor: Redactor) -> None:
    out = redactor.redact_transcript(
        make_transcript(["Ring me on oh seven seven one five,", "nine double three four five six."])
    )
    a, b = (s.text for s in out.redacted.segments)
    assert "seven" not in a and "double" not in b
    assert re.search(r"\[PHONE_1\]", a) and re.search(r"\[PHONE_1\]", b)


def test_same_value_typed_and_spoken_gets_one_placeholder(redactor: Redactor) -> None:
    res = redactor.redact_text("The postcode is LS6 2AB. I said L S six, two A B.")
    assert res.text == "The postcode is [POSTCODE_1]. I said [POSTCODE_1]."


def test_known_identifiers_partial_possessive_and_misspelt(redactor: Redactor) -> None:
    known = KnownIdentifiers(
        person_name="Margaret Thompson", other_names=["David Thompson"], date_of_birth="1947-03-03",
        address="42 Acacia Avenue, Leeds, LS6 2AB", nhs_number="9434765919",
    )  # fmt: skip
    text = (
        "Margret's son Davd rang. Thomson is tired. Born third of March nineteen forty seven, "
        "lives on Acacia Avenue, nhs nine four three four seven six five nine one nine."
    )
    res = redactor.redact_text(text, known)
    for leak in ("Margret", "Davd", "Thomson", "Acacia", "forty seven", "nine one nine"):
        assert leak not in res.text, (leak, res.text)
    assert res.text.startswith("[PERSON_1]'s son [PERSON_2] rang. [PERSON_1] is tired.")


def test_practitioner_names_kept_by_default(redactor: Redactor) -> None:
    known = KnownIdentifiers(person_name="Margaret Thompson", practitioner_names=["Jo Bloggs"])
    res = redactor.redact_text("Jo Bloggs visited Margaret Thompson today.", known)
    assert res.text == "Jo Bloggs visited [PERSON_1] today."


def test_plain_text_is_untouched(redactor: Redactor) -> None:
    text = "She takes ten milligrams twice a day and the next review is on Tuesday at two."
    assert redactor.redact_text(text).text == text

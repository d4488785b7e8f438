"""UK place gazetteer: towns caught typed and as lower-case ASR text; everyday words left alone."""

from __future__ import annotations

import pytest

from redaction.recognizers.uk_place_recognizer import UkPlaceRecognizer, _gazetteer
from redaction.redactor import Redactor


@pytest.fixture(scope="module")
def places() -> UkPlaceRecognizer:
    return UkPlaceRecognizer()


def found(recognizer: UkPlaceRecognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text, ["LOCATION"], None)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("She moved here from Huddersfield about ten years ago.", "Huddersfield"),
        ("she moved here from huddersfield about ten years ago", "huddersfield"),
        ("her daughter is in rotherham now", "rotherham"),
        ("he grew up in ashton under lyne", "ashton under lyne"),
        ("Her brother lives in Ashton-under-Lyne.", "Ashton-under-Lyne"),
        ("they live near st. albans", "st. albans"),
        ("She lives in Bath with her sister.", "Bath"),
        ("she lives in bath with her sister", "bath"),
        ("he moved to reading last year", "reading"),
        ("We drove over to Reading on Monday.", "Reading"),
    ],
)
def test_places_caught_typed_and_lower_case(places: UkPlaceRecognizer, text: str, place: str) -> None:
    assert found(places, text) == [place]


@pytest.mark.parametrize(
    "text",
    [
        "I had a bath before the carer came.",
        "i had a bath before the carer came",
        "She was reading the letter from the council.",
        "reading the letter",
        "Reading the letter upset her.",
        "The review is in March.",
        "the review is in march",
        "The dog was barking all night.",
        "We hope the street is quieter now.",
    ],
)
def test_everyday_words_not_places(places: UkPlaceRecognizer, text: str) -> None:
    assert found(places, text) == []


def test_common_word_guard_is_measured_not_listed() -> None:
    names, longest = _gazetteer()
    assert len(names) > 1500 and longest >= 3
    assert names["bath"] and names["reading"] and names["wells"]
    assert not names["huddersfield"] and not names["cardiff"]
    assert "march" not in names  # month names are never places here


def test_redactor_redacts_lower_case_town(redactor: Redactor) -> None:
    text = "she moved here from cardiff about ten years ago and had a bath every night"
    result = redactor.redact_text(text)
    assert "cardiff" not in result.text
    assert "bath" in result.text
    assert [e.entity_type for e in result.entities] == ["LOCATION"]


def test_person_named_like_a_town_stays_a_person(redactor: Redactor) -> None:
    result = redactor.redact_text("Her neighbour Stanley Morris called round on Tuesday.")
    assert "Stanley" not in result.text
    assert {e.entity_type for e in result.entities} == {"PERSON"}

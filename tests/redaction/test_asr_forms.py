"""Identifiers in the forms speech recognition really writes (issue 14), and the words around them.

Three families: punctuation the recogniser inserts inside an identifier, letters spoken one by one
(often lower case), and a misheard name beside a reliable cue (a house number and a street type).
A fourth checks the other side: the words after an identifier stay readable.
"""

from __future__ import annotations

import pytest

from redaction.redactor import Redactor


def _visible(redactor: Redactor, text: str, value: str) -> str:
    """The letters and digits of `value` (where it occurs in `text`) that no redacted span covers."""
    result = redactor.redact_text(text)
    start = text.index(value)
    covered = {i for e in result.entities for i in range(e.start, e.end)}
    return "".join(c for i, c in enumerate(value, start) if c.isalnum() and i not in covered)


INSERTED_PUNCTUATION = [
    ("The postcode is SN2, 7HQ.", "SN2, 7HQ"),  # the demo's own output
    ("Postcode SN2. 7HQ, that's right.", "SN2. 7HQ"),
    ("It's S.N.2 7HQ.", "S.N.2 7HQ"),
    ("My national insurance number is J.T. 48 27 59 A.", "J.T. 48 27 59 A"),
    ("NI number JT-48-27-59-A, yes.", "JT-48-27-59-A"),
    ("National insurance JT, 48, 27, 59, A.", "JT, 48, 27, 59, A"),
    ("The reg is OK53, BEW, it's the blue one.", "OK53, BEW"),
    ("Her NHS number is 485-773-4451.", "485-773-4451"),
    ("Sort code 40, 22, 15 and the account is 3192 6819.", "40, 22, 15"),
    ("The account number is 3192, 6819.", "3192, 6819"),
]

SPELLED_LOWER_CASE = [
    ("postcode s n two seven h q", "s n two seven h q"),
    ("and the postcode is l s six, two a b.", "l s six, two a b"),
    ("my national insurance number is jt 48 27 59 a.", "jt 48 27 59 a"),
    ("the ni number is j t four eight two seven five nine a", "j t four eight two seven five nine a"),
    ("the reg is o k five three b e w", "o k five three b e w"),
]

MISHEARD_STREETS = [
    ("She lives at 12 row and close now.", "12 row and close"),
    ("Your address is twelve row and close, is that right?", "twelve row and close"),
    ("We moved to forty two a casia avenue last year.", "forty two a casia avenue"),
    ("The flat is at 106 see the crescent, second floor.", "106 see the crescent"),
]


@pytest.mark.parametrize(("text", "value"), INSERTED_PUNCTUATION + SPELLED_LOWER_CASE + MISHEARD_STREETS)
def test_identifier_in_asr_form_is_redacted(redactor: Redactor, text: str, value: str) -> None:
    out = redactor.redact_text(text).text
    assert not _visible(redactor, text, value), f"{value!r} left visible in {out!r}"
    assert "PERSON" not in out, f"a spelled identifier became a name: {out!r}"


def test_spelled_postcode_is_one_postcode_not_a_person(redactor: Redactor) -> None:
    assert redactor.redact_text("postcode s n two seven h q").text == "postcode [POSTCODE_1]"


@pytest.mark.parametrize(
    "text",
    [
        "It's NX 12 34 59 A. Call me tomorrow.",
        "My NI number is J.T. 48 27 59 A. Call me if you need anything.",
        "My NI number is AB 12 34 59 A. Call me when it's sorted.",
        "The postcode is SN2 7HQ. Call me Margaret.",
    ],
)
def test_words_after_an_identifier_stay_readable(redactor: Redactor, text: str) -> None:
    out = redactor.redact_text(text).text
    assert "Call me" in out, f"the identifier's span swallowed the next words: {out!r}"


@pytest.mark.parametrize(
    "text",
    [
        "I take 2 tablets on the way to work.",
        "She had 3 falls and came close to going back in.",
        "We meet at 2 in the park on Sundays.",
        "He was in hospital for 10 days and close to giving up.",
        "It's a two way street with the council.",
        "My national insurance number is on the letter.",
        "There were 4 of us at the court.",
        "Take the number 12 bus to the end of the road.",
    ],
)
def test_ordinary_sentences_with_numbers_and_street_words_are_left_alone(redactor: Redactor, text: str) -> None:
    assert redactor.redact_text(text).text == text

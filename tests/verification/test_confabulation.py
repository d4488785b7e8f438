"""The verifier's confabulation checks: negation scope, questions read with their replies, relations, dates."""

from __future__ import annotations

import random

from assistant.verification.polarity import contradiction, evidence_polarity, scoped
from assistant.verification.verifier import Verifier
from evaluation.planted_errors import mutations
from redaction.models import RedactedTranscript
from tests.transcripts import dialogue


def _transcript(lines: list[tuple[str, str]]) -> RedactedTranscript:
    return dialogue(lines, ident="c")


# Unpunctuated, lower-case turns as ACI-BENCH's dialogues are: the questions have no question marks.
CLINIC = _transcript(
    [
        ("doctor", "so how have you been feeling since the last visit"),
        ("patient", "my knee has been sore and i have been icing it every night"),
        ("doctor", "okay and any other symptoms like a cough or shortness of breath"),
        ("patient", "no"),
        ("doctor", "and does your wife help you with the exercises"),
        ("patient", "yes she does them with me on a tuesday"),
        ("doctor", "i can't get the ibuprofen past your stomach so we stopped it"),
    ]
)


def _support(statement: str) -> str:
    return Verifier(CLINIC).check_statement(statement, []).support


def test_a_negation_reaches_a_few_words_of_its_own_clause() -> None:
    assert scoped("she cannot get into the bath and strip washes at the sink") == [
        ("bath", True),
        ("strip", True),
        ("wash", True),
        ("sink", False),
    ]
    assert [neg for _, neg in scoped("no fever, but a cough")] == [True, False]


def test_a_question_says_what_its_reply_says() -> None:
    seen = evidence_polarity([("any cough or shortness of breath", "no"), ("Any chest pain?", "Yes, a bit.")])
    assert seen["cough"] == {True} and seen["chest"] == {False}
    assert evidence_polarity([("Any chest pain?", "I'm not sure what you mean.")]) == {}
    assert contradiction("He reports a cough and shortness of breath.", seen) == "plain"
    assert contradiction("He denies cough or shortness of breath.", seen) == ""
    assert contradiction("She has no chest pain.", seen) == "negated"


def test_faithful_clinic_statements_pass() -> None:
    assert _support("He denies cough or shortness of breath.") == "supported"
    assert _support("He has been icing his knee every night.") != "unsupported"
    assert _support("Medical Reasoning: His wife does the exercises with him on Tuesday.") != "unsupported"


def test_planted_clinic_errors_are_caught() -> None:
    assert _support("He has not been icing his knee every night.") == "unsupported"  # negation
    assert _support("He reports a cough and shortness of breath.") == "unsupported"  # denial as a report
    assert _support("His daughter does the exercises with him on Tuesday.") == "unsupported"  # relation
    assert _support("His wife does the exercises with him on Thursday.") == "unsupported"  # date


def test_a_date_must_be_where_the_rest_of_its_clause_was_said() -> None:
    visit = _transcript(
        [
            ("practitioner", "When did you last see the nurse?"),
            ("person", "The nurse came last week."),
            ("person", "My daughter moved away last month."),
        ]
    )
    v = Verifier(visit)
    assert v.check_statement("The nurse came last week.", ["seg-0002", "seg-0003"]).support == "supported"
    assert v.check_statement("The nurse came last month.", ["seg-0002", "seg-0003"]).support == "unsupported"


def test_planted_errors_are_the_same_whatever_else_is_planted() -> None:
    statement = "She takes amlodipine 5 mg on Friday and does not drink."
    a = mutations(statement, random.Random("12:v01"))
    b = mutations(statement, random.Random("12:v01"))
    assert a == b and {"dose", "medication", "date", "negation"} <= set(a)

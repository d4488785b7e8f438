"""The verifier's eleventh pass (`verify11`): a clause's polarity is read where the clause is said, and a
relative's doing must rest on words that name the relative."""

from __future__ import annotations

from assistant.verification.statements import check, polarity_problem
from assistant.verification.verifier import FRAMING_WORDS, Verifier
from tests.transcripts import dialogue


def test_a_negation_must_be_said_where_its_clause_is_said() -> None:
    # 'wrist' is said negated elsewhere ('it's not my wrist that worries me'), so word by word the planted
    # 'not' has one word on its side and one against; where 'icing ... wrist' is said, nothing is negated.
    turns: list[tuple[str, str | None]] = [
        ("yeah i've been icing my wrist every night", None),
        ("it's not my wrist that worries me , it's the elbow", None),
    ]
    assert polarity_problem("She has been icing her sore wrist with a bag of peas.", turns) == ""
    assert polarity_problem("She has not been icing her sore wrist with a bag of peas.", turns) != ""
    # a negation said where the clause is said grounds it
    said: list[tuple[str, str | None]] = [
        ("i haven't been icing my wrist at all", None),
        ("my wrist is sore , the wrist brace helps", None),
    ]
    assert polarity_problem("She has not been icing her sore wrist with a bag of peas.", said) == ""


def test_a_plain_clause_said_only_negated_where_it_is_said_is_denied() -> None:
    # 'arm' is said plainly elsewhere, but where the clause is said (a question answered no) it is denied
    turns: list[tuple[str, str | None]] = [
        ("have you ever injured this arm before", "no i have not"),
        ("the arm is sore today", None),
    ]
    ignore = FRAMING_WORDS
    assert polarity_problem("She denies any previous injuries to her right arm.", turns, ignore) == ""
    assert polarity_problem("She reports any previous injuries to her right arm.", turns, ignore) != ""


def test_a_relatives_doing_rests_on_words_that_name_the_relative() -> None:
    red = dialogue(
        [
            ("doctor", "how are your sugars"),
            ("patient", "i check my blood sugar two or three times a day and it is fine"),
            ("doctor", "and who is at home with you"),
            ("patient", "my wife, she does the cooking for us both"),
        ]
    )
    v = Verifier(red)
    assert v.check_statement("The patient checks his blood sugar 2 to 3 times a day.", []).support != "unsupported"
    wrong = v.check_statement("The patient's wife checks his blood sugar 2 to 3 times a day.", [])
    assert wrong.support == "unsupported" and "wife" in wrong.reason
    assert v.check_statement("The patient's wife does the cooking.", []).support != "unsupported"


def test_a_relative_named_or_asked_about_is_the_relative() -> None:
    red = dialogue(
        [
            ("practitioner", "And your daughter, how often does she come?"),
            ("person", "Karen comes on a Sunday and does my big shop."),
        ],
        {"practitioner": "Practitioner", "person": "Person"},
    )
    v = Verifier(red)
    assert v.check_statement("His daughter Karen does his shopping on Sundays.", []).support != "unsupported"
    assert v.check_statement("Her daughter comes on a Sunday and does her shop.", []).support != "unsupported"


def test_said_both_ways_as_often_the_sentence_echoing_the_statement_decides() -> None:
    turns: list[tuple[str, str | None]] = [
        ("When daddy came and he was shouting at the door. I went under my bed.", None),
        ("Oh god. I didn't know she went under the bed.", None),
    ]
    assert polarity_problem("She did not know she went under the bed.", turns) == ""
    assert polarity_problem("She did know she went under the bed.", turns) != ""
    turns = [
        ("I ran out of my tablets last week because the chemist didn't deliver.", None),
        ("OK. I'll ring the chemist about the delivery so it doesn't happen again.", None),
    ]
    assert polarity_problem("He ran out because the chemist did not deliver.", turns) == ""
    assert polarity_problem("He ran out because the chemist did deliver.", turns) != ""


def test_a_quoted_question_of_few_content_words_is_found_by_all_its_words() -> None:
    red = dialogue(
        [
            ("practitioner", "Has Carol been in touch? What's her number again?"),
            ("person", "07700 900 552."),
        ],
        {"practitioner": "Practitioner", "person": "Person"},
    )
    v = Verifier(red)
    assert v._question_misquoted("Asked what is her number again, she said 07700 900 552.") == ""
    assert v._question_misquoted("Asked what is not her number again, she said 07700 900 552.") != ""


def test_a_negation_verdict_gives_a_reason_a_practitioner_can_read() -> None:
    # The reviewer sees this reason beside the statement: it names the negation, not 'absent' words.
    added = check("She does not smoke.", ["I smoke twenty a day."])
    dropped = check("She smokes.", ["I do not smoke."])
    assert added.support == dropped.support == "unsupported"
    assert added.reason == "it says 'not' where the evidence does not"
    assert dropped.reason == "it leaves out a 'not' the evidence has"
    assert "absent" not in added.reason + dropped.reason

"""The verifier's eighth pass: a reply that opens on its subject and a negated verb, or on a hesitation,
says no; and a short clause asked about takes the reply's side over a mention elsewhere."""

from __future__ import annotations

from assistant.verification.polarity import contradiction, evidence_units, polarity_of, reply_polarity
from assistant.verification.statements import polarity_problem


def test_a_reply_opening_on_its_subject_and_a_negated_verb_says_no() -> None:
    assert reply_polarity("i have not at this point it just feels warm") is True
    assert reply_polarity("it does n't go into my shoulder") is True
    assert reply_polarity("he doesn't, no") is True
    assert reply_polarity("i have noticed some") is False
    assert reply_polarity("it's okay") is None


def test_a_hesitation_before_a_reply_is_no_part_of_it() -> None:
    assert reply_polarity("hmmm no not really") is True
    assert reply_polarity("um, yes") is False
    assert reply_polarity("hmm I'm not sure") is None


def test_a_question_answered_no_denies_a_plain_reading_of_its_words() -> None:
    turns: list[tuple[str, str | None]] = [("have you had any fever or chills", "i have not at this point")]
    assert polarity_problem("Fever and chills.", turns) != ""
    assert polarity_problem("No fever or chills.", turns) == ""


def test_a_short_clause_asked_about_takes_the_replys_side() -> None:
    turns: list[tuple[str, str | None]] = [("Do you smoke?", "No, I don't."), ("Smoking is gross.", None)]
    answered: dict[str, set[bool]] = {}
    units = evidence_units(turns, answered=answered)
    seen = polarity_of(units)
    assert contradiction("She does smoke.", seen, units=units, answered=answered) == "plain"
    assert contradiction("She does not smoke.", seen, units=units, answered=answered) == ""
    # without the replies, a word said both ways takes no side
    assert contradiction("She does smoke.", seen, units=units) == ""
    # asked and answered yes, the 'not' is contradicted
    turns = [("Do you smoke?", "Yes."), ("I don't smoke inside.", None)]
    answered = {}
    units = evidence_units(turns, answered=answered)
    assert contradiction("She does not smoke.", polarity_of(units), units=units, answered=answered) == "negated"


def test_a_plain_clause_whose_predicate_the_evidence_only_negates_is_denied() -> None:
    turns: list[tuple[str, str | None]] = [
        ("Does he still need the night support?", "There's a sleep in member of staff for the building."),
        ("There's a sleep in member of staff for the building. We haven't needed to wake anyone this year.", None),
    ]
    assert polarity_problem("Sleep-in support for the building has been needed.", turns) != ""
    assert polarity_problem("Sleep-in support for the building has not been needed.", turns) == ""


def test_a_predicate_negated_only_after_another_word_or_taking_what_is_said_plainly_stands() -> None:
    # the 'phone' of "couldn't reach the phone" is not what the negation denies first
    turns: list[tuple[str, str | None]] = [("She couldn't reach the phone.", None), ("I'll ring you on Friday.", None)]
    assert polarity_problem("I will phone on Friday.", turns) == ""
    # 'not experiencing any pain' does not deny experiencing the cough said plainly
    turns = [("I'm not experiencing any pain.", None), ("It's a dry cough.", None)]
    assert polarity_problem("The patient is experiencing a dry cough.", turns) == ""

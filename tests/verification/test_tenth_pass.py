"""The verifier's tenth pass: words and clauses that a negation reaches, or does not, in general English."""

from __future__ import annotations

from assistant.verification.polarity import scoped
from assistant.verification.statements import polarity_problem
from assistant.verification.synonyms import term


def test_a_noun_in_ry_is_compared_as_its_verb() -> None:
    assert term("injury") == term("injured") == term("injuries")
    assert term("recovery") == term("recovered")
    # an adjective's -y is another word
    assert term("healthy") != term("health")
    turns: list[tuple[str, str | None]] = [("have you ever injured this arm before", "no i have not")]
    assert polarity_problem("She denies any previous injuries to her right arm.", turns) == ""
    assert polarity_problem("She reports previous injuries to her right arm.", turns) != ""


def test_a_finding_verb_after_a_negation_passes_its_reach_to_what_was_not_found() -> None:
    said = dict(scoped("i don't appreciate any lymph lymphadenopathy swollen lymph glands"))
    assert said[term("swollen")] is True
    turns: list[tuple[str, str | None]] = [
        ("now on your neck exam i don't appreciate any lymph lymphadenopathy swollen lymph glands", None)
    ]
    assert polarity_problem("No swelling noted.", turns) == ""
    assert polarity_problem("Swelling noted.", turns) != ""
    # in a note the verb is what is denied: 'has not seen many specialists'
    assert polarity_problem("She has not seen a neurologist.", [("She has seen a neurologist.", None)]) != ""


def test_a_sentence_about_oneself_in_a_questioning_tone_is_said() -> None:
    turns: list[tuple[str, str | None]] = [
        ("i tend to lie on my right side and that seemed to help a little bit ?", "okay , all right ."),
        ("i used a little bit of icy heat on the spot but it really did n't seem to help .", None),
    ]
    assert polarity_problem("He tends to lie on his right side, which seems to help a little bit.", turns) == ""
    # a real question asked after it still asks
    asked: list[tuple[str, str | None]] = [("i take it at night, is that okay?", "yes that's fine")]
    assert polarity_problem("She does not take it at night.", asked) != ""


def test_so_and_a_new_subject_end_a_negation() -> None:
    said = dict(scoped("he said it's not her allergies so we stopped giving her allegra"))
    assert said[term("allergies")] is True
    assert said[term("stopped")] is False
    turns: list[tuple[str, str | None]] = [
        ("I took her to see the allergist and he said it's not her allergies so we stopped giving her Allegra.", None)
    ]
    assert polarity_problem("No allergies, so she stopped her Allegra.", turns) == ""
    assert polarity_problem("She did not stop her Allegra.", turns) != ""


def test_a_later_clause_that_only_says_when_takes_no_side() -> None:
    turns: list[tuple[str, str | None]] = [("she wasn't sitting by herself a year old", None)]
    assert polarity_problem("She did not sit up unassisted until 1 years old.", turns) == ""
    # a clause of its own that says when still does
    turns = [("This has been going on for about five weeks now.", None)]
    assert polarity_problem("This has not been going on for about 5 weeks.", turns) != ""


def test_what_one_avoids_or_holds_off_one_does_not_do() -> None:
    turns: list[tuple[str, str | None]] = [
        ("are you eating like late at night or anything like that", "no we usually eat by six")
    ]
    assert polarity_problem("She does try to avoid eating late at night.", turns) == ""
    assert polarity_problem("She eats late at night.", turns) != ""
    turns = [("i want you to hold off for the next couple of weeks on doing any type of pottery work", None)]
    assert polarity_problem("He is to avoid doing any pottery for the next couple of weeks.", turns) == ""
    assert polarity_problem("He is to keep doing pottery.", turns) != ""


def test_a_questions_facts_are_in_its_reply() -> None:
    from assistant.verification.statements import check

    evidence = ["do you ever drink alcohol ?"]
    turns: list[tuple[str, str | None]] = [("do you ever drink alcohol ?", "yeah , but only once or twice a year .")]
    assert check("Drinks alcohol 1-2 times per year.", evidence, turns=turns).support != "unsupported"
    assert check("Drinks alcohol 1-3 times per year.", evidence, turns=turns).support == "unsupported"


def test_a_score_is_said_as_the_answer_to_its_scale() -> None:
    from assistant.verification.quantities import said_alongside

    visit = (
        "okay alright so on a scale of one to ten how severe is the pain gosh it's like a nine "
        "wow okay have you done anything to ease it"
    )
    assert said_alongside("The patient rates her pain level as a 9/10.", "9", visit)
    assert said_alongside("The patient rates her pain level as a 9/10.", "10", visit)
    assert not said_alongside("The patient rates her pain level as a 7/10.", "7", visit)
    assert not said_alongside("The patient rates her pain level as a 10/10.", "10", visit)


def test_is_that_before_a_subject_says_what_a_thing_is() -> None:
    turns: list[tuple[str, str | None]] = [
        ("the only thing i can think of is that i you know i am active and we've been doing a lot of work", "okay")
    ]
    assert polarity_problem("He is not active.", turns) != ""
    assert polarity_problem("He is active.", turns) == ""


def test_a_written_negation_reaches_to_the_end_of_its_noun() -> None:
    turns: list[tuple[str, str | None]] = [
        ("your lower legs you have palpable pulses no lower edema", None),
        ("your upper extremities look normal, you are clear bilaterally", None),
    ]
    assert polarity_problem("No bilateral lower extremity edema.", turns) == ""
    turns = [("I get urinary tract infections all the time, they're chronic.", None)]
    assert polarity_problem("She has not had a history of chronic urinary tract infections.", turns) != ""
    assert polarity_problem("She has had a history of chronic urinary tract infections.", turns) == ""


def test_a_doubled_consonant_is_one_letter_of_the_word() -> None:
    assert term("wrapping") == term("wrap")
    assert term("stopped") == term("stop")
    assert term("fall") != term("fal")  # a word's own double letter stays


def test_a_duration_takes_none_of_a_spoken_negations_reach_but_every_day_is_what_is_denied() -> None:
    said = dict(scoped("so i can't be here every day"))
    assert said[term("day")] is True
    said = dict(scoped("i want you to hold off for the next couple of weeks on doing any type of pottery work"))
    assert term("week") not in said
    assert said[term("pottery")] is True
    turns: list[tuple[str, str | None]] = [("I work in Reading in the week, so I can't be here every day.", None)]
    assert polarity_problem("They can be here every day.", turns) != ""
    assert polarity_problem("They cannot be here every day.", turns) == ""


def test_what_only_the_practitioner_said_is_not_the_persons_report() -> None:
    """'He reports X' needs the person (or someone present) to say X: the practitioner telling the
    person of their history ('you've had ...') and no reply is not a report by the person."""
    from assistant.verification.attribution import attribution_error

    told = "um , and then i know that you've had that prior lobectomy a couple years ago ."
    assert attribution_error("He", ["practitioner"], [], told, verb="reports") != ""

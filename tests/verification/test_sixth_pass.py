"""The verifier's sixth pass: list markers, contractions, questions and their openers, pairs, clauses, numbers."""

from __future__ import annotations

import random

from assistant.verification.polarity import contradiction, evidence_polarity, evidence_units, said_as, scoped
from assistant.verification.quantities import said_alongside
from assistant.verification.verifier import Verifier
from evaluation.planted_errors import mutations
from redaction.models import RedactedTranscript
from tests.transcripts import dialogue


def test_a_list_marker_is_no_number_to_plant() -> None:
    rng = random.Random("12:t")
    # MTS-Dialog numbers its lines: '... anemia. 3.' and '1. Hypertension' state no 3 and no 1
    assert "number" not in mutations("Iron deficiency anemia. 3.", rng)
    assert "number" not in mutations("1. Hypertension, well controlled.", rng)
    # a number in the sentence itself is still planted, never the marker
    planted = mutations("He takes it 2 times a day. 3.", rng)["number"]
    assert planted.endswith(" 3.") and not planted.startswith("He takes it 2 ")
    assert mutations("Seen 3 days ago.", rng)["number"] != "Seen 3 days ago."


def _transcript(lines: list[tuple[str, str]], speakers: dict[str, str] | None = None) -> RedactedTranscript:
    return dialogue(lines, speakers, ident="s6")


def test_a_negations_contraction_negates() -> None:
    # "nobody's ever hurt her" is a denial, as "nobody has ever hurt her" is
    assert scoped("nobody's ever hurt her") == scoped("nobody has ever hurt her") == [("pain", True)]
    v = Verifier(
        _transcript(
            [
                ("practitioner", "Has anyone hurt you or made you feel unsafe?"),
                ("person", "No. Nobody's ever hurt me."),
            ]
        )
    )
    faithful = "Asked whether anyone has hurt her or made her feel unsafe, she said no: nobody's ever hurt her."
    assert v.check_statement(faithful, ["seg-0001", "seg-0002"]).support != "unsupported"
    assert v.check_statement("Her son hurt her.", ["seg-0001", "seg-0002"]).support == "unsupported"


def test_the_question_in_an_asked_frame_asserts_nothing_when_the_reply_is_neither_yes_nor_no() -> None:
    v = Verifier(
        _transcript(
            [
                ("practitioner", "How did it feel when your mum didn't come to contact?"),
                ("person", "Rubbish."),
                ("person", "My mum comes every week now."),
            ]
        )
    )
    said = "Asked how it felt when his mum did not come to contact, he said rubbish."
    assert v.check_statement(said, ["seg-0001", "seg-0002"]).support != "unsupported"
    # the reply still decides: a reply nobody gave fails
    assert v.check_statement("Asked how it felt, he said brilliant.", ["seg-0001", "seg-0002"]).support == (
        "unsupported"
    )


def test_two_words_said_together_keep_their_polarity() -> None:
    # 'pain' is said plainly of the back, but 'chest pain' only as denied
    seen = evidence_polarity(
        [("have you had any other symptoms , chest pain , nausea or vomiting-", "no ."), ("it relieved the pain", None)]
    )
    assert seen["pain"] == {True, False} and seen["chest pain"] == {True}
    assert contradiction("Reports chest pain.", seen) == "plain"
    assert contradiction("Denies chest pain.", seen) == ""
    # a longer plain clause is left to the word-by-word reading
    assert contradiction("Chest pain radiating to the left arm with sweating.", seen) == ""


def test_an_unpunctuated_question_starts_at_its_opener() -> None:
    # the reply answers 'does that hurt at all', not the finding dictated before it
    seen = evidence_polarity(
        [("okay there is pain to palpation of the right anterior knee and does that hurt at all", "no")]
    )
    assert seen["anterior"] == {False} and seen["pain"] == {False, True}
    # and a reply that is neither yes nor no leaves the question saying nothing
    turn = "that's good what about any problems with shortness of breath lately"
    seen = evidence_polarity([(turn, "i walked it off")])
    assert "problem" not in seen and "good" in seen


def test_dictated_findings_run_on_but_a_negation_stops_at_the_next_finding() -> None:
    negated = dict(scoped("there is no peritoneal signs there is positive cva tenderness on the right flank"))
    assert negated["peritoneal"] is True and negated["cva"] is False
    assert dict(scoped("no rub no gallop your lungs are clear to auscultation"))["lung"] is False
    # within one finding the reach is unchanged
    assert dict(scoped("there is no tenderness to palpation"))["pain"] is True


def test_a_number_said_elsewhere_of_the_same_thing_is_said() -> None:
    visit = "i take lisinopril twenty milligrams every morning. my knee hurts when i walk six blocks"
    assert said_alongside("She takes lisinopril 20 mg a day.", "20", visit)
    assert not said_alongside("She takes lisinopril 40 mg a day.", "40", visit)
    # a number said of something else is not said of this: 'six blocks' is no six months
    assert not said_alongside("The pain began 6 months ago.", "6", visit)
    # an age is said as 'I'm fifty eight' or 'fifty eight years old'
    assert said_alongside("A 58-year-old male.", "58", "well i'm fifty eight years old now")
    assert not said_alongside("A 60-year-old male.", "60", "well i'm fifty eight years old now")


def test_number_words_and_digits_are_one_word_to_polarity() -> None:
    seen = evidence_polarity([("i've been taking two extra strength tylenol every six to eight hours", None)])
    assert contradiction("He has not been taking 2 Extra Strength Tylenol every 6 to 8 hours.", seen) == "negated"
    assert contradiction("He has been taking 2 Extra Strength Tylenol every 6 to 8 hours.", seen) == ""


def test_a_clause_said_in_the_same_words_decides_its_own_polarity() -> None:
    turns: list[tuple[str, str | None]] = [
        ("four centimeter nodule biopsy was positive molecular testing is pending at this time", None),
        ("i don't believe so at this time", None),
    ]
    seen, units = evidence_polarity(turns), evidence_units(turns)
    # 'time' is said both ways, so word by word the negation is not told apart; the clause is
    assert contradiction("Molecular testing is not pending at this time.", seen) == ""
    assert contradiction("Molecular testing is not pending at this time.", seen, units=units) == "negated"
    assert contradiction("Molecular testing is pending at this time.", seen, units=units) == ""
    assert said_as([("molecular", False, 0)], units) is None  # one word is too few to tell


def test_a_number_said_in_words_is_not_unsaid() -> None:
    v = Verifier(_transcript([("doctor", "how old are you now?"), ("patient", "I am fifty two.")]))
    assert v.unsupported_words("The patient is a 52-year-old male.") == ["year", "male"]  # "old" is said
    assert v.unsupported_words("The patient is a 62-year-old male.") == ["62", "year", "male"]


def test_a_risk_headings_status_is_a_claim() -> None:
    v = Verifier(
        _transcript(
            [
                ("practitioner", "Have you had any thoughts of harming yourself?"),
                ("person", "Not harming myself, no."),
            ],
            {"practitioner": "Practitioner", "person": "Person"},
        )
    )
    line = "Asked whether she has had any thoughts of harming herself, she said no."
    assert v.check_statement(f"Self-harm (denied): {line}", ["seg-0001", "seg-0002"]).support != "unsupported"
    assert v.check_statement(f"Self-harm (disclosed): {line}", ["seg-0001", "seg-0002"]).support == "unsupported"
    assert v.check_statement(f"Self-harm (reported): {line}", ["seg-0001", "seg-0002"]).support == "unsupported"


def test_a_negation_that_reached_nothing_reaches_past_since() -> None:
    assert scoped("I haven't been since the fall") == [("fall", True)]
    # one that reached its word stops there, as before
    assert scoped("no pain since the fall") == [("pain", True), ("fall", False)]
    seen = evidence_polarity([("I used to go every Sunday and I haven't been since the fall.", None)])
    assert contradiction("She used to go every Sunday and she has been since the fall.", seen) == "plain"


def test_a_short_clause_said_the_other_way_round_is_contradicted() -> None:
    turns: list[tuple[str, str | None]] = [
        ("I ran out of my heart tablets for three days, because the chemist didn't deliver.", None)
    ]
    seen, units = evidence_polarity(turns), evidence_units(turns)
    assert contradiction("He ran out because the chemist did deliver.", seen, units=units) == "plain"
    assert contradiction("He ran out because the chemist did not deliver.", seen, units=units) == ""


def test_evidence_of_and_history_of_make_no_clause_longer() -> None:
    seen = evidence_polarity([("did you travel anywhere recently?", "no, it's been really long.")])
    assert contradiction("He reported any recent travel history.", seen) == "plain"
    assert contradiction("He denied any recent travel history.", seen) == ""
    seen = evidence_polarity([("there's no evidence of hydronephrosis", None)])
    assert contradiction("There is evidence of hydronephrosis.", seen) == "plain"


def test_a_denial_frame_reaches_each_thing_denied() -> None:
    v = Verifier(
        _transcript(
            [
                ("doctor", "Did you recently have any cold or flu like symptoms?"),
                ("patient", "No."),
                ("doctor", "Were you diagnosed with a thing called multiple sclerosis?"),
                ("patient", "No."),
            ]
        )
    )
    ids = ["seg-0001", "seg-0002", "seg-0003", "seg-0004"]
    denied = "She denied any recent colds/flu-like illness or history of multiple sclerosis."
    assert v.check_statement(denied, ids).support != "unsupported"
    assert v.check_statement("She reported a history of multiple sclerosis.", ids).support == "unsupported"


def test_one_is_never_said_alongside() -> None:
    # 'thirty pounds a month' says 'a month', which is no 'one pound'
    assert not said_alongside("It is one pounds a month.", "1", "subs it's thirty pounds a month and the boots")
    assert said_alongside("It is thirty pounds a month.", "30", "subs it's thirty pounds a month and the boots")

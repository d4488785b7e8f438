"""The verifier's fourth pass: numbers in the forms people say them, negated lists, plans as tasks, MTS scores."""

from __future__ import annotations

from assistant.verification.polarity import contradiction, evidence_polarity, scoped
from assistant.verification.quantities import missing_numbers, said_numbers, stated_numbers
from assistant.verification.verifier import Verifier
from evaluation.drafting_eval import _auc
from redaction.models import RedactedTranscript
from tests.transcripts import dialogue


def _transcript(lines: list[tuple[str, str]]) -> RedactedTranscript:
    return dialogue(lines, ident="q")


def test_numbers_said_another_way_are_the_same_number() -> None:
    assert (
        missing_numbers("She takes ferrous sulfate 325 mg.", "ferrous sulfate three hundred twenty five milligrams")
        == []
    )
    assert missing_numbers("A 0.5 cm kidney stone.", "a point five centimeter kidney stone") == []
    assert missing_numbers("Follow up in 1 week.", "come back in about a week") == []
    assert missing_numbers("Seen in early 10/2020.", "back in october twenty twenty") == ["10"]  # the month is a word
    assert "2020" in said_numbers("back in october twenty twenty")
    assert stated_numbers("He started pottery during the COVID-19 pandemic.") == set()


def test_a_changed_number_still_fails() -> None:
    assert missing_numbers(
        "She takes ferrous sulfate 650 mg.", "ferrous sulfate three hundred twenty five milligrams"
    ) == ["650"]
    assert missing_numbers("Follow up in 3 weeks.", "come back in about a week") == ["3"]


def test_a_number_must_be_the_one_said_of_the_same_thing() -> None:
    evidence = "I get twenty pounds a day on a card. The carer comes at eight, sometimes one."
    assert missing_numbers("He has twenty pounds a day on a card.", evidence) == []
    assert missing_numbers("He has eight pounds a day on a card.", evidence) == ["8"]
    # 'two, three times' is two numbers of times, not 23; 'three out of six' counts the murmur
    assert missing_numbers("She wakes two or three times a night.", "She gets up two, three times.") == []
    assert missing_numbers("A 3/6 systolic murmur.", "i appreciate a three out of six systolic ejection murmur") == []
    # a long statement gathers its numbers from several turns: only that they were said is checked
    assert missing_numbers("He has eight pounds a day.", evidence, counted=False) == []


def test_a_negation_heading_a_list_reaches_every_item() -> None:
    negated = dict(scoped("He denies weight gain, fevers, chills, dizziness, nausea, and diarrhea."))
    assert all(negated[w] for w in ("gain", "fever", "chill", "dizzi", "nausea", "diarrhea"))
    # a long item ends the list: what follows is plain
    plain = dict(scoped("No fever, but she has been coughing up green phlegm every morning"))
    assert plain["cough"] is False
    # modifiers take no part of the scope: the fracture itself is denied
    assert dict(scoped("X-rays show no obvious signs of acute fracture or dislocation."))["break"] is True


def test_a_denied_list_passes_and_the_same_list_reported_fails() -> None:
    seen = evidence_polarity(
        [("have you had any fevers, chills, nausea or diarrhea?", "no none of that"), ("my knee hurts", None)]
    )
    assert contradiction("He denies fevers, chills, nausea, and diarrhea.", seen) == ""
    assert contradiction("He reports fevers, chills, nausea, and diarrhea.", seen) == "plain"


def test_a_short_part_of_a_clause_the_evidence_only_negates_fails() -> None:
    seen = evidence_polarity([("I found him at home, he was confused, he hadn't eaten for days.", None)])
    assert contradiction("They found him at home, he was confused, he hadn't eaten for days.", seen) == ""
    assert contradiction("They found him at home, he was confused, he had eaten for days.", seen) == "plain"


VISIT = _transcript(
    [
        ("patient", "my elbow has been killing me since the weekend"),
        ("doctor", "okay so i want you to take ibuprofen 600 mg every six hours with food for a week"),
        ("doctor", "and you 're gon na use a sling for the next couple of days"),
        ("doctor", "your son will drive you home"),
        ("doctor", "so x-rays were obtained and they show no fracture"),
    ]
)


def test_a_clinicians_plan_is_the_patients_task() -> None:
    v = Verifier(VISIT)
    assert v.check_statement("He will take ibuprofen 600 mg every 6 hours with food.", []).support != "unsupported"
    assert v.check_statement("He will use a sling for the next couple of days.", []).support != "unsupported"
    # the plan makes it the patient's task, not something anyone else said
    assert v.check_statement("His son said he will take ibuprofen 600 mg.", []).support == "unsupported"
    # and a changed dose still fails under the same frame
    assert v.check_statement("He will take ibuprofen 800 mg every 6 hours with food.", []).support == "unsupported"


def test_the_visit_day_and_note_vocabulary_are_not_facts_to_be_said() -> None:
    v = Verifier(VISIT)
    assert v.check_statement("X-rays were obtained and reviewed today.", []).support != "unsupported"
    assert v.check_statement("She fell today in the Emergency Department.", []).support == "unsupported"


def test_unsaid_words_count_what_nobody_said() -> None:
    v = Verifier(VISIT)
    assert v.unsupported_words("The elbow pain started at the weekend.") == ["pain", "started"]
    assert len(v.unsupported_words("He has diabetes and a history of gout.")) == 3


def test_auc_ranks_positives_above_negatives() -> None:
    assert _auc([3.0, 2.0, 0.0, 0.0], [True, True, False, False]) == 1.0
    assert _auc([0.0, 0.0, 3.0, 2.0], [True, True, False, False]) == 0.0
    assert _auc([1.0, 1.0], [True, False]) == 0.5


def test_a_clinical_term_is_read_as_the_lay_words_said() -> None:
    v = Verifier(
        _transcript(
            [
                ("doctor", "any shortness of breath or swelling in your legs?"),
                ("patient", "no"),
                ("patient", "my stomach has been hurting since friday"),
            ]
        )
    )
    assert v.check_statement("He denies dyspnea or leg edema.", []).support != "unsupported"
    assert v.check_statement("He reports dyspnea and leg edema.", []).support == "unsupported"
    assert v.check_statement("He reports abdominal pain since Friday.", []).support == "supported"


def test_once_for_when_and_first_for_order_state_no_number() -> None:
    assert stated_numbers("Once in the Emergency Department, the patient was examined.") == set()
    assert stated_numbers("He believes that his symptoms had occurred first.") == set()
    assert stated_numbers("At first it hurt only at night.") == set()
    # a count stays a count
    assert stated_numbers("She takes it once a day.") == {"1"}
    assert stated_numbers("Her first fall was in May.") == {"1"}
    assert missing_numbers("She takes it twice a day.", "i take it once a day") == ["2"]


def test_a_numbered_lists_next_marker_is_no_claim() -> None:
    verifier = Verifier(VISIT)
    said = "My elbow has been killing me since the weekend."
    assert verifier.check_statement(f"{said} 2.", []).support != "unsupported"
    # a number that ends a sentence is still a number
    assert verifier.check_statement("Ibuprofen every 2.", []).support == "unsupported"


def test_a_clinician_dictating_what_the_patient_said_supports_its_attribution() -> None:
    v = Verifier(
        _transcript(
            [
                ("doctor", "he is here for worsening headaches over the past few months"),
                ("doctor", "he denied any trouble with headaches in the past"),
            ]
        )
    )
    assert v.check_statement("He denied any trouble with headaches in the past.", []).support != "unsupported"
    # the dictated verb must mean the same: a denial is no report
    assert v.check_statement("He reported trouble with headaches in the past.", []).support == "unsupported"
    assert v.check_statement("His wife denied any trouble with headaches in the past.", []).support == "unsupported"


def test_a_reply_that_says_only_when_dates_the_clause_it_is_cited_for() -> None:
    v = Verifier(
        _transcript(
            [
                ("patient", "well i was skiing and my finger got caught in a strap"),
                ("doctor", "okay and when was this"),
                ("patient", "that was sunday."),
            ]
        )
    )
    assert v.check_statement("She was skiing on Sunday when her finger got caught.", []).support != "unsupported"
    assert v.check_statement("She was skiing on Monday when her finger got caught.", []).support == "unsupported"


def test_a_no_that_answers_negates_nothing_after_it() -> None:
    assert dict(scoped("No, my brother is healthy.")) == {"brother": False, "healthy": False}
    assert dict(scoped("No, there is no swelling."))["swell"] is True
    assert all(dict(scoped("no fever, chills, or cough")).values())


def test_unaware_negates_and_a_written_double_negation_undoes_itself() -> None:
    seen = evidence_polarity([("do you know of any family member with seizures?", "no")])
    assert contradiction("He is unaware of any family members with seizures.", seen) == ""
    assert contradiction("He is not unaware of any family members with seizures.", seen) == "plain"
    # speech doubles a negation for emphasis: 'no no pain' still says no pain
    assert evidence_polarity([("no no pain at all", None)])["pain"] == {True}


def test_a_denied_list_goes_on_after_an_item_as_long_as_the_negations_reach() -> None:
    negated = dict(scoped("He denies unintentional weight loss, constipation, and diarrhea."))
    assert negated["constipation"] is True
    assert negated["diarrhea"] is True
    # a long item still ends the list
    assert dict(scoped("No fever, but she has been coughing up green phlegm every morning"))["cough"] is False


def test_a_few_words_and_then_no_deny_those_words() -> None:
    assert evidence_polarity([("diarrhea no", None)])["diarrhea"] == {True}
    assert evidence_polarity([("i have diarrhea", None)])["diarrhea"] == {False}


def test_currently_is_when_not_what() -> None:
    seen = evidence_polarity(
        [("do you smoke?", "no, i quit before i had my daughter."), ("are you currently pregnant?", "no, i'm not.")]
    )
    assert contradiction("She quit smoking and is currently not pregnant.", seen) == ""
    assert contradiction("She is currently pregnant.", seen) == "plain"


def test_a_notes_reporting_verb_is_not_a_word_that_must_be_said() -> None:
    v = Verifier(_transcript([("patient", "i've been getting headaches again")]))
    # 'reports' is the note's frame: only 'severe' and 'intermittent' are not said, so it is doubted, not failed
    assert v.check_statement("Constitutional: Reports severe intermittent headaches.", []).support == "partly_supported"
    assert v.check_statement("Severe intermittent migraines with aura.", []).support == "unsupported"

"""Drafting from speech-recognised, diarized transcripts, ninth pass (issue 12): who said a cut sentence, a
quoted question, an asker's examples, a phone number read out, shouting at the door."""

from __future__ import annotations

from assistant.drafting.compose import Composer
from assistant.drafting.roles import assign_roles
from assistant.drafting.utterances import build_utterances, is_logistics, whole_sentences
from assistant.verification.risk import Said, assess_risks
from assistant.verification.verifier import Verifier
from core.draft import Participant
from tests.transcripts import timed as _timed


def _findings(said: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    found = assess_risks([Said(f"s{i}", t, sp, sp) for i, (sp, t) in enumerate(said)])
    return [(f.category, f.status, f.segment_id) for f in found]


def test_a_sentence_cut_across_voices_is_said_by_whoever_says_most_of_it_by_time() -> None:
    # The practitioner's name is one placeholder: by words the middle piece (another voice) would win.
    redacted = _timed(
        [
            ("SPEAKER_2", "I'm [PERSON_2],", 2.5, 3.5),
            ("SPEAKER_3", "an early help", 3.8, 4.4),
            ("SPEAKER_1", "worker.", 4.4, 5.0),
            ("SPEAKER_3", "Yes, come in.", 9.5, 10.6),
        ]
    )
    joined = whole_sentences(redacted).segments
    assert [(s.speaker, s.text) for s in joined] == [
        ("SPEAKER_2", "I'm [PERSON_2], an early help worker."),
        ("SPEAKER_3", "Yes, come in."),
    ]
    us = build_utterances(whole_sentences(redacted))
    roles = {p.label: p.role for p in assign_roles(whole_sentences(redacted), us)}
    assert roles["SPEAKER_2"] == "practitioner"


def test_segments_are_read_in_the_order_they_were_said() -> None:
    redacted = _timed(
        [
            ("SPEAKER_1", "What's the best number for you?", 299.2, 300.9),
            ("SPEAKER_1", "See you soon.", 310.0, 311.0),
            ("SPEAKER_2", "Oh seven seven double oh.", 301.4, 303.9),  # listed late by recognition
        ]
    )
    assert [s.id for s in whole_sentences(redacted).segments] == ["seg-0001", "seg-0003", "seg-0002"]


def test_a_quoted_question_stays_a_question() -> None:
    person = Participant(label="SPEAKER_2", role="person", name="He", pronoun="he", reason="")
    composer = Composer([person])
    assert (
        composer._own_words("A commode in my living room?", person)
        == "He said: \u201cA commode in my living room?\u201d"
    )
    assert composer._own_words("My own chair.", person) == "He said: \u201cMy own chair.\u201d"
    # Quoted as a statement, the practitioner's 'No.' heard next reads as its denial; as a question it is what
    # he said.
    redacted = _timed(
        [
            ("SPEAKER_1", "How would you feel about that?", 128.7, 130.3),
            ("SPEAKER_2", "A commode in my living room?", 130.9, 132.5),
            ("SPEAKER_1", "No. I hear you.", 133.1, 134.8),
        ]
    )
    verifier = Verifier(redacted, [person])
    ids = ["seg-0001", "seg-0002"]
    assert verifier.check_statement("He said: \u201cA commode in my living room?\u201d", ids).support == "supported"


def test_the_date_of_an_answer_is_found_beside_the_answer_not_the_question() -> None:
    redacted = _timed(
        [
            ("SPEAKER_1", "And how are things at home in the flat?", 146.3, 149.0),
            ("SPEAKER_1", "Cooking, cleaning, money.", 149.6, 151.4),
            ("SPEAKER_2", "I do my washing on a Sunday.", 152.0, 153.8),
            ("SPEAKER_2", "Staff help with shopping.", 154.4, 156.0),
        ]
    )
    person = Participant(label="SPEAKER_2", role="person", name="He", pronoun="he", reason="")
    practitioner = Participant(label="SPEAKER_1", role="practitioner", name="The practitioner", reason="")
    verifier = Verifier(redacted, [practitioner, person])
    statement = "Asked how are things at home in the flat, he said he does his washing on a Sunday."
    check = verifier.check_statement(statement, ["seg-0001", "seg-0002", "seg-0003"])
    assert check.support == "supported", check.reason


def test_a_short_list_after_ones_own_question_is_its_examples_and_the_reply_answers_the_question() -> None:
    redacted = _timed(
        [
            ("SPEAKER_1", "And how are things at home in the flat?", 146.3, 149.0),
            ("SPEAKER_1", "Cooking, cleaning,", 149.6, 150.7),
            ("SPEAKER_2", "money.", 151.1, 151.4),
            ("SPEAKER_2", "I do my washing on a Sunday.", 152.0, 153.8),
        ]
    )
    joined = whole_sentences(redacted)
    assert [(s.speaker, s.text) for s in joined.segments][1] == ("SPEAKER_1", "Cooking, cleaning, money.")
    us = build_utterances(joined)
    assert [s.kind for s in us[1].sentences] == ["question"]
    assert us[2].question is us[0]
    # A short reply in the asker's voice is still the reply: 'Church.', 'Yes, twice.', 'Four hours, maybe.'
    for reply in ("Church.", "Yes, twice.", "Four hours, maybe."):
        heard = _timed(
            [
                ("SPEAKER_1", "How much sleep are you getting?", 0.0, 1.5),
                ("SPEAKER_1", reply, 1.9, 2.6),
                ("SPEAKER_2", "It's broken, most nights.", 3.0, 4.5),
            ]
        )
        assert whole_sentences(heard).segments[1].speaker == "SPEAKER_2", reply


def test_a_phone_number_read_out_is_no_risk() -> None:
    # Recognition heard 'nine hundred' as "I'm hungry".
    number = [("practitioner", "What's the number again?"), ("person", "07, 0, 0, 0, I'm hungry, I'm hungry and 52.")]
    assert _findings(number) == []
    best = [("practitioner", "What's the best number for you?"), ("family", "Nieru Senran Nieru I'm hungry.")]
    assert _findings(best) == []
    fed = [("practitioner", "Are you eating?"), ("person", "I'm hungry all the time, there's no food in the house.")]
    assert ("neglect", "disclosed", "s1") in _findings(fed)
    assert is_logistics("What's the number again?")
    assert not is_logistics("What matters most to you?")


def test_shouting_at_the_door_is_domestic_violence() -> None:
    child = [("family", "When daddy came and he was shouting at the door, I went under my bed.")]
    assert ("domestic_violence", "disclosed", "s0") in _findings(child)
    heard = [("person", "He'd been rinking, he was hanging on the door, shouting through the letterbox.")]
    assert ("domestic_violence", "disclosed", "s0") in _findings(heard)
    asked = [("practitioner", "Has he been shouting at the door again?"), ("person", "No, not since the order.")]
    assert _findings(asked) == [("domestic_violence", "denied", "s1")]
    assert _findings([("person", "I shouted at the dog to get off the sofa.")]) == []


def test_a_sentence_that_is_all_aside_goes_whole_leaving_no_stop() -> None:
    from assistant.drafting.condense import condense

    # Left as '. Yeah. ...', the sentence cutter took the fragment for a sentence and an own-words quote read '. Yeah.'
    assert condense("I suppose. Yeah. I don't want him coming back.") == "Yeah. I don't want him coming back."
    assert condense("Yeah. I suppose. I don't want him.") == "Yeah. I don't want him."
    assert condense("Really? Yes.") == "Yes."
    assert condense("I suppose.") == "I suppose."  # nothing else to keep: the sentence stays as said
    assert condense("She's fine... I think.") == "She's fine... I think."

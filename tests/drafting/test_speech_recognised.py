"""Drafting from speech-recognised, diarized transcripts: sentences cut at a voice change, split voices."""

from __future__ import annotations

from assistant.drafting.roles import assign_roles
from assistant.drafting.utterances import build_utterances, classify, whole_sentences
from tests.transcripts import timed as _timed


def test_a_sentence_cut_at_a_voice_change_is_joined_to_the_speaker_with_most_of_it() -> None:
    redacted = _timed(
        [
            ("SPEAKER_2", "So the referral came from your GP after a couple of falls.", 80.1, 86.0),
            ("SPEAKER_2", "Can you tell me what", 86.3, 87.4),
            ("SPEAKER_1", "happened?", 87.4, 87.9),
            ("SPEAKER_1", "I'm", 120.7, 121.0),
            ("SPEAKER_3", "out, er, two weeks ago.", 121.0, 123.5),
            ("SPEAKER_3", "The first one was at the start of last month.", 124.1, 126.6),
        ]
    )
    joined = whole_sentences(redacted)
    assert [(s.id, s.speaker, s.text) for s in joined.segments] == [
        ("seg-0001", "SPEAKER_2", "So the referral came from your GP after a couple of falls."),
        ("seg-0002", "SPEAKER_2", "Can you tell me what happened?"),
        ("seg-0004", "SPEAKER_3", "I'm out, er, two weeks ago."),
        ("seg-0006", "SPEAKER_3", "The first one was at the start of last month."),
    ]
    assert (joined.segments[1].start, joined.segments[1].end) == (86.3, 87.9)
    # The transcript itself is not changed.
    assert len(redacted.segments) == 6 and redacted.segments[2].text == "happened?"


def test_whole_sentences_and_far_apart_pieces_are_left_alone() -> None:
    redacted = _timed(
        [
            ("SPEAKER_1", "How are you managing the stairs now?", 0.0, 2.0),
            ("SPEAKER_2", "Slowly, I hold the banister with both hands.", 2.4, 5.0),
            ("SPEAKER_2", "And the", 6.1, 6.2),  # over a second after the answer: not more of it
            ("SPEAKER_1", "Right.", 6.3, 6.6),  # a capital: a new sentence, whatever came before
            ("SPEAKER_2", "Well I", 7.0, 7.4),
            ("SPEAKER_2", "think so.", 9.5, 10.0),  # two seconds later: not one sentence
        ]
    )
    assert whole_sentences(redacted) is redacted


def test_a_voice_split_in_two_gives_two_practitioner_labels_and_the_person_says_most_words() -> None:
    lines = [
        ("SPEAKER_1", "Good morning. I'm [PERSON_1], a social worker from the adult social care team."),
        ("SPEAKER_2", "Come in."),
        ("SPEAKER_3", "Have you had any falls since I last saw you?"),
        ("SPEAKER_2", "Two, both on the stairs, and I lay on the floor for an hour before my son came round."),
        ("SPEAKER_3", "And are you taking your tablets every day?"),
        ("SPEAKER_2", "Mostly, my son puts them in a dosette box for me on a Sunday."),
        ("SPEAKER_1", "How do you get on with cooking?"),
        ("SPEAKER_4", "Yes."),
        ("SPEAKER_4", "Okay."),
        ("SPEAKER_4", "Right."),
        ("SPEAKER_4", "Mm."),
        ("SPEAKER_4", "Thanks."),
    ]
    redacted = _timed([(sp, t, float(i), i + 0.9) for i, (sp, t) in enumerate(lines)])
    people = {p.label: p for p in assign_roles(redacted, build_utterances(redacted))}
    assert people["SPEAKER_1"].role == "practitioner"
    assert people["SPEAKER_3"].role == "practitioner"
    assert "speaks to the person" in people["SPEAKER_3"].reason
    # SPEAKER_4 has more turns, SPEAKER_2 far more words: the person is who says most.
    assert people["SPEAKER_2"].role == "person"
    assert people["SPEAKER_4"].role != "person"


def test_a_relative_who_asks_once_is_not_taken_for_a_second_practitioner() -> None:
    lines = [
        ("SPEAKER_1", "Hello, I'm [PERSON_1], the social worker from the children's team."),
        ("SPEAKER_2", "Hiya, come through, do you want a tea?"),
        ("SPEAKER_1", "How has Maisie been sleeping?"),
        ("SPEAKER_2", "Better, she goes down at eight now and she sleeps right through most nights."),
        ("SPEAKER_1", "And school?"),
        ("SPEAKER_2", "She got a star for her reading this week, her teacher was really pleased with her."),
    ]
    redacted = _timed([(sp, t, float(i), i + 0.9) for i, (sp, t) in enumerate(lines)])
    people = {p.label: p for p in assign_roles(redacted, build_utterances(redacted))}
    assert people["SPEAKER_1"].role == "practitioner"
    assert people["SPEAKER_2"].role == "person"


def test_a_chain_of_pieces_goes_to_whoever_says_most_of_the_sentence() -> None:
    redacted = _timed(
        [
            ("SPEAKER_1", "She kept asking the same question", 146.2, 148.5),
            ("SPEAKER_2", "and I just,", 148.5, 149.5),
            ("SPEAKER_1", "over and over.", 149.6, 150.4),
        ]
    )
    joined = whole_sentences(redacted)
    assert [(s.speaker, s.text) for s in joined.segments] == [
        ("SPEAKER_1", "She kept asking the same question and I just, over and over.")
    ]


def test_an_answer_cut_into_segments_answers_its_question_in_every_segment() -> None:
    redacted = _timed(
        [
            ("SPEAKER_1", "What do you do on a Monday?", 0.0, 1.5),
            ("SPEAKER_2", "Monday I go to the day centre.", 2.0, 4.0),
            ("SPEAKER_2", "We do cooking.", 4.5, 5.5),
            ("SPEAKER_2", "Wednesday too.", 6.0, 7.0),
            ("SPEAKER_2", "I like the bus.", 12.0, 13.0),  # after a long silence: a new turn
            ("SPEAKER_3", "He made a shepherd's pie last week.", 13.5, 15.0),
        ]
    )
    us = build_utterances(redacted)
    asked = [u.question.segment.id if u.question else None for u in us]
    assert asked == [None, "seg-0001", "seg-0001", "seg-0001", None, None]


def test_a_question_put_to_you_asks_even_with_a_full_stop() -> None:
    assert classify("What matters most to you for the next year.") == "question"
    assert classify("And how are you sleeping.") == "question"
    assert classify("What I like is swimming.") == "fact"  # a question word, but not put to anyone


def test_a_bare_no_heard_in_the_askers_voice_is_the_next_speakers_reply() -> None:
    redacted = _timed(
        [
            ("SPEAKER_1", "Do you drink at all?", 0.0, 1.2),
            ("SPEAKER_1", "No.", 1.6, 1.9),
            ("SPEAKER_2", "I gave it up years ago.", 2.3, 4.0),
            ("SPEAKER_1", "Any pain today?", 5.0, 6.0),
            ("SPEAKER_1", "No?", 6.3, 6.6),  # not a reply: the next speaker is the same one
            ("SPEAKER_1", "Good.", 7.0, 7.3),
        ]
    )
    said = [(s.speaker, s.text) for s in whole_sentences(redacted).segments]
    assert said == [
        ("SPEAKER_1", "Do you drink at all?"),
        ("SPEAKER_2", "No."),  # the reply, heard in the asker's voice
        ("SPEAKER_2", "I gave it up years ago."),
        ("SPEAKER_1", "Any pain today?"),
        ("SPEAKER_1", "No?"),
        ("SPEAKER_1", "Good."),
    ]


def test_a_relative_who_gives_their_name_before_their_relation_is_family() -> None:
    lines = [
        ("SPEAKER_1", "Hello, I'm [PERSON_1], the social worker for the ward."),
        ("SPEAKER_2", "Sorry, I'm [PERSON_3], his daughter."),
        ("SPEAKER_1", "How is your dad managing at home?"),
        ("SPEAKER_3", "I manage fine, I just need a hand with the shopping and the stairs."),
    ]
    redacted = _timed([(sp, t, float(i), i + 0.9) for i, (sp, t) in enumerate(lines)])
    people = {p.label: p for p in assign_roles(redacted, build_utterances(redacted))}
    assert people["SPEAKER_2"].role == "family" and people["SPEAKER_2"].relation == "daughter"
    assert people["SPEAKER_3"].role == "person"


def test_an_all_lower_case_transcript_is_not_joined_across_turns() -> None:
    # ACI-BENCH's dialogues are lower case: case says nothing there about a sentence going on.
    lines = [
        ("DOCTOR", "so how are you doing today", 0.0, 2.0),
        ("PATIENT", "i'm okay my back still hurts", 2.0, 4.0),
    ]
    redacted = _timed(lines)
    assert whole_sentences(redacted) is redacted
    cased = _timed([("DOCTOR", "So how are you doing", 0.0, 2.0), ("PATIENT", "today? Fine.", 2.0, 3.0)])
    assert len(whole_sentences(cased).segments) == 1


def test_a_question_said_with_a_full_stop_and_its_reply_heard_in_the_askers_voice() -> None:
    assert classify("Anything else that's important to you.") == "question"
    assert classify("Do you have any help.") == "question"
    assert classify("Anything else happened on Monday.") == "fact"
    assert classify("Has anyone hurt you.") == "question"
    assert classify("Is she eating.") == "question"
    assert classify("She is eating.") == "fact"
    assert classify("Do you know, I fell again on Tuesday.") == "fact"  # a hedge, not a question
    redacted = _timed(
        [
            ("SPEAKER_1", "Anything else that's important to you.", 0.0, 2.0),
            ("SPEAKER_1", "Church.", 2.3, 2.8),  # the reply's first word, heard in the asker's voice
            ("SPEAKER_2", "I used to go every Sunday.", 3.0, 5.0),
        ]
    )
    said = [(s.speaker, s.text) for s in whole_sentences(redacted).segments]
    assert said == [
        ("SPEAKER_1", "Anything else that's important to you."),
        ("SPEAKER_2", "Church."),  # the reply's first word goes to the one who replies
        ("SPEAKER_2", "I used to go every Sunday."),
    ]


def test_a_short_question_after_ones_own_question_asks_too() -> None:
    redacted = _timed(
        [
            ("SPEAKER_1", "Do you have any help?", 0.0, 1.5),
            ("SPEAKER_1", "Family, friends?", 1.7, 2.5),
            ("SPEAKER_2", "Our son rings on a Sunday.", 3.0, 5.0),
        ]
    )
    us = build_utterances(redacted)
    assert [s.kind for s in us[1].sentences] == ["question"]
    # The reply answers the question the follow-on adds to (ninth pass; it was the follow-on before).
    assert us[1].adds_to is us[0]
    assert us[2].question is us[0]


def test_a_child_who_says_mummy_is_family_unless_theirs_is_the_only_voice_left_for_the_person() -> None:
    visit = [
        ("SPEAKER_1", "Hi, I'm Grace, a social worker from children's services. How have things been?", 0.0, 4.0),
        ("SPEAKER_2", "Mostly OK. She's been going to school every day and her reading is better.", 4.5, 9.0),
        ("SPEAKER_1", "What's the best thing about home?", 9.5, 11.0),
        ("SPEAKER_3", "Mummy does pancakes on Sunday.", 11.5, 13.0),
    ]
    redacted = _timed(visit)
    roles = {p.label: p.role for p in assign_roles(redacted, build_utterances(redacted))}
    assert roles == {"SPEAKER_1": "practitioner", "SPEAKER_2": "person", "SPEAKER_3": "family"}
    merged = _timed([(sp if sp != "SPEAKER_3" else "SPEAKER_2", t, a, b) for sp, t, a, b in visit])
    roles = {p.label: p.role for p in assign_roles(merged, build_utterances(merged))}
    assert roles == {"SPEAKER_1": "practitioner", "SPEAKER_2": "person"}

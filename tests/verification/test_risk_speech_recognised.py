"""Risk findings on speech-recognised transcripts: questions with a full stop, turns cut into segments."""

from __future__ import annotations

from assistant.verification.risk import Said, assess_risks


def _findings(said: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    found = assess_risks([Said(f"s{i}", t, sp, sp) for i, (sp, t) in enumerate(said)])
    return [(f.category, f.status, f.segment_id) for f in found]


def test_a_question_recognised_with_a_full_stop_asks_and_its_reply_decides() -> None:
    assert _findings([("practitioner", "Have you had any falls."), ("person", "No.")]) == [("falls", "denied", "s1")]
    assert _findings([("practitioner", "And do you drink at all."), ("person", "Yeah, most nights.")]) == [
        ("alcohol", "disclosed", "s1")
    ]
    assert _findings([("practitioner", "How often do you fall."), ("person", "I'm not sure.")]) == []
    either = [("practitioner", "Is it just words, or has anyone hurt you."), ("person", "Just words.")]
    assert _findings(either) == []
    # A statement that opens with a question word is still a statement.
    assert _findings([("family", "When I came round she was on the floor.")]) == [("falls", "disclosed", "s0")]
    assert _findings([("person", "Do you know, I fell again on Tuesday.")]) == [("falls", "disclosed", "s0")]


def test_the_reply_comes_after_the_askers_own_follow_on() -> None:
    said = [("practitioner", "Have you had any falls?"), ("practitioner", "Since you came home?"), ("person", "No.")]
    assert _findings(said) == [("falls", "denied", "s2")]
    # The asker went on to something else: what the other person says next answers that, not the question.
    said = [
        ("practitioner", "Have you had any falls?"),
        ("practitioner", "I ask because the hospital mentioned your hip and I want to be sure."),
        ("person", "Yes."),
    ]
    assert _findings(said) == []


def test_a_bare_reply_heard_in_the_askers_voice_is_the_reply() -> None:
    said = [("practitioner", "Have you had any falls?"), ("practitioner", "No."), ("person", "I've been careful.")]
    assert _findings(said) == [("falls", "denied", "s1")]
    # A 'No?' put back as a prompt asks; it answers nothing.
    said = [("practitioner", "Any falls?"), ("practitioner", "No?"), ("person", "Once, in the garden.")]
    assert _findings(said) == [("falls", "disclosed", "s2")]


def test_a_reply_after_fillers_or_in_digits_still_says_yes() -> None:
    said = [("practitioner", "Have you had any falls?"), ("person", "Um."), ("person", "Yes, one.")]
    assert _findings(said) == [("falls", "disclosed", "s2")]
    assert _findings([("practitioner", "Have you fallen?"), ("person", "Um, yeah.")]) == [("falls", "disclosed", "s1")]
    assert _findings([("practitioner", "Have you fallen?"), ("person", "3 times.")]) == [("falls", "disclosed", "s1")]


def test_cues_know_the_spellings_and_short_forms_recognition_writes() -> None:
    assert _findings([("family", "The neighbor brought him back home after midnight.")]) == [
        ("missing", "disclosed", "s0")
    ]
    assert _findings([("family", "There are payments on her card I don't recognize.")]) == [
        ("exploitation", "disclosed", "s0")
    ]
    assert _findings([("family", "I'm worried he's gonna fall down those stairs.")]) == [("falls", "concern", "s0")]
    assert _findings([("practitioner", "Do you use any drugs?"), ("person", "Nah, never have.")]) == [
        ("drugs", "denied", "s1")
    ]
    assert _findings([("family", "The roofer charged her £2,000 for one tile.")]) == [
        ("exploitation", "disclosed", "s0")
    ]


def test_someone_found_out_in_the_street_is_missing_whoever_found_them() -> None:
    said = [("person", "Our neighbour, Mrs Patel, found her at the end of the road.")]
    assert _findings(said) == [("missing", "disclosed", "s0")]
    assert _findings([("family", "We found him in the park with his dog.")]) == []

"""Issue 12 (compress9): the note's words go on facts: verdicts, courtesies and a call's reasons are left out."""

from __future__ import annotations

from assistant.drafting.condense import condense
from assistant.drafting.extractive import ExtractiveDrafter, _without_purpose
from assistant.settings import Settings
from prompts import load_template


def test_a_speakers_verdict_on_what_they_said_goes() -> None:
    assert condense("She's stopped ringing her sister, which isn't like her.") == "She's stopped ringing her sister."
    assert condense("She named you and her nan as safe people, which is good.") == (
        "She named you and her nan as safe people."
    )
    # A negation of the fact itself stays, and so does a 'which' that says what something is.
    assert condense("It was not good, which is not like her. I fell.") == "It was not good. I fell."
    assert condense("I take the one which is blue.") == "I take the one which is blue."


def test_courtesies_around_an_offer_go() -> None:
    assert condense("I can make the referral with you today, if you like.") == "I can make the referral with you today."
    assert condense("As you know, this is one of my statutory visits.") == "This is one of my statutory visits."
    assert condense("I'll book it for Tuesday, if that's OK with you.") == "I'll book it for Tuesday."


def test_a_call_made_to_tell_them_something_is_a_call_about_it() -> None:
    assert (
        _without_purpose("ring you on Friday to let you know about the alarm") == "ring you on Friday about the alarm"
    )
    assert _without_purpose("ring you on Thursday to see how things are") == "ring you on Thursday"


def test_a_date_the_action_is_about_is_not_when_it_is_due() -> None:
    from assistant.drafting.actions import commitments

    assert commitments("I'll let the school know about Saturday so they're alert.") == [
        ("I", "let the school know about Saturday so they're alert", None)
    ]
    ((_, what, by_when),) = commitments("I'll tell the core group, and the next meeting is on the fourth of May.")
    assert what.endswith("the next meeting is on the fourth of May") and by_when is None
    assert commitments("I'll refer you for travel training by Friday.") == [
        ("I", "refer you for travel training", "Friday")
    ]


def test_two_commitments_split_from_one_sentence_read_as_two_sentences_in_order(settings: Settings) -> None:
    from tests.transcripts import dialogue

    lines = [
        ("SPEAKER_1", "How have the last two weeks been since the carers started coming in the mornings?"),
        ("SPEAKER_2", "Better. The carers come at eight and help me shower, and my daughter does the shopping."),
        ("SPEAKER_1", "I'll visit again in two weeks and I'll ring you on Thursday to see how things are."),
        ("SPEAKER_1", "Your GP will review the tablets."),
    ]
    draft = ExtractiveDrafter(settings).draft(dialogue(lines, speakers={}, ident="two"), load_template("general_visit"))
    text = "\n".join(f.value for f in draft.fields)
    assert "in two weeks." in text and "on Thursday" in text
    assert "two weeks they will" not in text and "two weeks the practitioner will" not in text
    assert "to see how things are" not in text  # a next contact says when, not why
    assert (
        "GP will review the tablets" in text and "Your GP" not in text
    )  # the GP is hers: said to her, 'your GP' is her GP

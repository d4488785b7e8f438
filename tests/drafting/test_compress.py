"""Issue 12 (compress9): the note's words go on facts: verdicts, courtesies and a call's reasons are left out."""

from __future__ import annotations

from assistant.drafting.actions import without_purpose
from assistant.drafting.condense import condense
from assistant.drafting.extractive import ExtractiveDrafter
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
    assert without_purpose("ring you on Friday to let you know about the alarm") == "ring you on Friday about the alarm"
    assert without_purpose("ring you on Thursday to see how things are") == "ring you on Thursday"


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


def test_an_answer_that_opens_on_what_the_speaker_did_says_who_did_it() -> None:
    from assistant.drafting.compose import Composer
    from core.draft import Participant

    people = [
        Participant(label="SPEAKER_1", role="practitioner", name="The practitioner"),
        Participant(label="SPEAKER_2", role="person", name="She", pronoun="she"),
    ]
    composer = Composer(people)
    assert composer._attributed("Bruised my hip, and my wrist was sore.", people[1], None, False) == (
        "She said she bruised her hip, and her wrist was sore."
    )
    # An adjective is not something she did.
    assert composer._attributed("Tired of it all.", people[1], None, False) == "She said tired of it all."


def test_words_the_last_cut_left_spare_go_back_to_a_fact_it_cut(settings: Settings) -> None:
    from assistant.drafting.extractive import _words
    from assistant.drafting.routing import NOTE_SHARE
    from tests.drafting.test_note_ceiling import _redacted

    drafter = ExtractiveDrafter(settings)
    plan = drafter.plan(_redacted(), load_template("general_visit"))
    before = [(fid, u) for fid, us in plan.routed.items() for u in us]
    draft = drafter.draft_from_plan(plan)
    budget = NOTE_SHARE * plan.transcript_words
    total = sum(_words(f) for f in draft.fields)
    assert total <= budget
    tfs = {tf.id: tf for tf in plan.template.fields}
    kept = {id(u) for us in plan.routed.values() for u in us}
    for fid, unit in before:
        if id(unit) in kept:
            continue
        now = next(f for f in draft.fields if f.id == fid)
        plan.routed[fid].append(unit)
        grown = drafter.field_from_plan(tfs[fid], plan)
        plan.routed[fid].remove(unit)
        assert total - _words(now) + _words(grown) > budget  # it did not fit, or it would be back

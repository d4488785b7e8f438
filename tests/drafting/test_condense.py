"""Kept sentences say their fact in fewer words, and never lose a negation, a number or who said it."""

from __future__ import annotations

from assistant.drafting.condense import condense
from assistant.drafting.routing import build_units
from assistant.drafting.utterances import build_utterances
from core.draft import Participant
from redaction.models import RedactedTranscript
from tests.transcripts import dialogue


def test_asides_restarts_and_lead_ins_go() -> None:
    assert condense("There was, there was milk that had gone off.") == "There was milk that had gone off."
    assert condense("A bit low, if I'm honest.") == "A bit low."
    assert condense("Eighty eight, can you believe it.") == "Eighty eight."
    assert condense("First, I'd like to refer you to occupational therapy.") == (
        "I'd like to refer you to occupational therapy."
    )
    assert condense("It was really cold, actually.") == "It was cold."


def test_negations_numbers_and_opinions_stay() -> None:
    assert condense("I'm not really sure.") == "I'm not really sure."
    assert condense("Not really, I just sit.") == "Not really, I sit."
    assert condense("I only just got back.") == "I only just got back."
    assert condense("I think he is ready for travel training.") == "I think he is ready for travel training."
    assert condense("Four days, four days missed.") == "Four days missed."


def _redacted(lines: list[tuple[str, str]]) -> RedactedTranscript:
    return dialogue(lines, speakers={}, ident="c")


def test_a_third_speaker_joins_the_exchange_for_routing() -> None:
    people = [
        Participant(label="SPEAKER_1", role="practitioner", name="The practitioner"),
        Participant(label="SPEAKER_2", role="person", name="She", pronoun="she"),
        Participant(label="SPEAKER_3", role="family", name="Her son", relation="son"),
    ]
    lines = [
        ("SPEAKER_1", "What about your tablets?"),
        ("SPEAKER_2", "I take them myself from the blister packs, really."),
        ("SPEAKER_3", "She forgets the evening ones."),
    ]
    units = {u.text: u for u in build_units(build_utterances(_redacted(lines)), people)}
    assert (
        units["I take them myself from the blister packs."].question is not None
    )  # the answer: folded with its question
    son = units["She forgets the evening ones."]
    assert son.question is None and son.topic == "What about your tablets?"  # routed with it, not folded
    assert "tablets" in son.scoring_texts[1]


def test_over_budget_a_long_answer_loses_its_least_telling_sentence_not_a_risk() -> None:
    from assistant.drafting.routing import trim_weakest_sentence

    people = [
        Participant(label="SPEAKER_1", role="practitioner", name="The practitioner"),
        Participant(label="SPEAKER_2", role="person", name="He", pronoun="he"),
    ]
    lines = [
        ("SPEAKER_1", "How are you feeling?"),
        ("SPEAKER_2", "Not great. I fell on the stairs last week. It was a lot, it was awful. I have angina too."),
    ]
    (unit,) = build_units(build_utterances(_redacted(lines)), people)
    unit.field_id, unit.scores["health_and_medication"] = "health_and_medication", 0.5
    assert trim_weakest_sentence({"health_and_medication": [unit]})
    assert unit.text == "Not great. I fell on the stairs last week. I have angina too."
    assert trim_weakest_sentence({"health_and_medication": [unit]})
    assert "I fell on the stairs last week." in unit.text  # a risk is never cut
    assert unit.text.startswith("Not great.")
    assert not trim_weakest_sentence({"health_and_medication": [unit]})  # two sentences left: nothing to cut

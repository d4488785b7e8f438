"""Seventh pass: the note's words spent on facts (actions without their reasons, ...)."""

from __future__ import annotations

from assistant.drafting.actions import without_purpose
from assistant.drafting.embeddings import get_embedder, model_dir
from assistant.drafting.routing import build_units, route
from assistant.drafting.utterances import build_utterances
from assistant.settings import Settings
from core.draft import Participant
from prompts import load_template
from tests.transcripts import dialogue


def test_an_action_drops_why_it_is_done() -> None:
    assert without_purpose("arrange a pendant alarm, so if you fall you can press a button") == (
        "arrange a pendant alarm"
    )
    assert without_purpose("come back in three weeks, to see how the reablement is going") == (
        "come back in three weeks"
    )
    assert without_purpose("give you my number in case anything comes up") == "give you my number"


def test_an_action_keeps_a_reason_it_cannot_read_without() -> None:
    # Cut, it would end on 'about' or say almost nothing.
    assert without_purpose("let the school know about so they are alert") == (
        "let the school know about so they are alert"
    )
    assert without_purpose("do it so you can rest") == "do it so you can rest"
    # 'so' that is not a purpose: kept.
    assert without_purpose("arrange a sitting service and so on") == "arrange a sitting service and so on"


def test_a_question_naming_a_fields_topic_twice_points_its_answer_there(settings: Settings) -> None:
    people = [
        Participant(label="SPEAKER_1", role="practitioner", name="The practitioner"),
        Participant(label="SPEAKER_2", role="person", name="He", pronoun="he"),
    ]
    lines = [
        ("SPEAKER_1", "And for you, do you have support from friends or family here?"),
        ("SPEAKER_2", "My brother is in [LOCATION_3]. My friends from work. Church on Sunday sometimes."),
    ]
    redacted = dialogue(lines, speakers={}, ident="7")
    units = build_units(build_utterances(redacted), people)
    route(units, load_template("general_visit"), get_embedder(model_dir(settings)), people)
    # (a tuned visit's answer: with the question's one keyword bonus it went to what matters, 0.554 to 0.552)
    answer = next(u for u in units if u.text.startswith("My brother"))
    assert answer.field_id == "support_network"

"""The practitioner's question sets the field of its answer: what was asked about is what the answer tells."""

from __future__ import annotations

import pytest

from assistant.drafting import routing
from assistant.drafting.embeddings import get_embedder, model_dir
from assistant.drafting.routing import Unit, build_units, route
from assistant.drafting.utterances import build_utterances
from assistant.settings import Settings
from core.draft import Participant
from prompts import load_template
from tests.transcripts import dialogue

PEOPLE = [
    Participant(label="SPEAKER_1", role="practitioner", name="The practitioner"),
    Participant(label="SPEAKER_2", role="person", name="He", pronoun="he"),
    Participant(label="SPEAKER_3", role="family", name="His daughter", pronoun="she"),
]


def _routed(lines: list[tuple[str, str]], settings: Settings) -> list[Unit]:
    units = build_units(build_utterances(dialogue(lines, speakers={}, ident="topic")), PEOPLE)
    route(units, load_template("general_visit"), get_embedder(model_dir(settings)), PEOPLE)
    return units


def _field_of(units: list[Unit], opening: str) -> str | None:
    return next(u for u in units if u.text.startswith(opening)).field_id


WHAT_MATTERS = [
    ("SPEAKER_1", "And what matters most to you?"),
    ("SPEAKER_2", "Keeping her at home with me as long as I can. I used to play bowls on a Wednesday."),
]


def test_an_answer_goes_to_the_one_field_its_question_names(settings: Settings) -> None:
    # Its own words ('keeping her at home', 'bowls') read as caring and pastimes; it was asked what matters.
    assert _field_of(_routed(WHAT_MATTERS, settings), "Keeping her") == "what_matters"


def test_on_its_words_alone_the_same_answer_goes_elsewhere(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routing, "TOPIC_QUESTION", False)
    # (the rule is what moves it: on its words alone it is caring, the support network)
    assert _field_of(_routed(WHAT_MATTERS, settings), "Keeping her") != "what_matters"


def test_an_answer_that_states_a_risk_stays_a_risk(settings: Settings) -> None:
    lines = [
        ("SPEAKER_1", "How are you managing the stairs now?"),
        ("SPEAKER_2", "I fell on the stairs last week and I couldn't get up."),
    ]
    assert _field_of(_routed(lines, settings), "I fell") == "risks"


def test_someone_joining_in_is_not_moved_by_a_question_put_to_another(settings: Settings) -> None:
    # Her own help is the support network at work, though her father was asked about meals.
    lines = [
        ("SPEAKER_1", "And meals?"),
        ("SPEAKER_2", "I do a bit of toast."),
        ("SPEAKER_3", "I do the big shop on a Sunday and I ring him every night."),
    ]
    units = _routed(lines, settings)
    assert _field_of(units, "I do a bit") == "daily_living"
    assert _field_of(units, "I do the big shop") == "support_network"


def test_a_question_naming_several_fields_points_nowhere() -> None:
    template = load_template("general_visit")
    units = build_units(
        build_utterances(
            dialogue(
                [("SPEAKER_1", "How do you manage the cooking and your money?"), ("SPEAKER_2", "Staff help me.")],
                speakers={},
            )
        ),
        PEOPLE,
    )
    answer = next(u for u in units if u.question is not None)
    assert routing._asked_field(answer, list(template.fields)) is None  # daily living ('cooking') and risks ('money')

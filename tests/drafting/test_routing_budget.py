"""Over budget, the note gives up the practitioner's own telling before what the person and family said."""

from __future__ import annotations

from assistant.drafting.embeddings import get_embedder, model_dir
from assistant.drafting.routing import Unit, build_units, route, weakest
from assistant.drafting.utterances import build_utterances
from assistant.settings import Settings
from core.draft import Participant
from prompts import load_template
from redaction.models import RedactedTranscript
from tests.transcripts import dialogue

PEOPLE = [
    Participant(label="SPEAKER_1", role="practitioner", name="The practitioner"),
    Participant(label="SPEAKER_2", role="person", name="He", pronoun="he"),
]
LINES = [
    ("SPEAKER_1", "How are you managing meals?"),
    ("SPEAKER_2", "I can do a tin of soup."),
    ("SPEAKER_1", "The reablement carers can help with meals, washing and dressing."),
    ("SPEAKER_1", "I spoke to him on his own in the kitchen."),
    ("SPEAKER_2", "I hold the banister with both hands on the stairs."),
]


def _redacted() -> RedactedTranscript:
    return dialogue(LINES, speakers={}, ident="b")


def _units(settings: Settings) -> list[Unit]:
    units = build_units(build_utterances(_redacted()), PEOPLE)
    route(units, load_template("general_visit"), get_embedder(model_dir(settings)), PEOPLE)
    return units


def test_the_practitioners_telling_is_marked_but_not_what_they_saw(settings: Settings) -> None:
    told = {u.text: u.told_by_practitioner for u in _units(settings)}
    assert told["The reablement carers can help with meals, washing and dressing."] is True
    assert told["I spoke to him on his own in the kitchen."] is False  # an observation is a fact
    assert told["I can do a tin of soup."] is False


def test_the_practitioners_telling_is_spared_first(settings: Settings) -> None:
    units = {u.text: u for u in _units(settings)}
    telling = units["The reablement carers can help with meals, washing and dressing."]
    soup = units["I can do a tin of soup."]
    stairs = units["I hold the banister with both hands on the stairs."]
    for u, score in ((soup, 0.9), (telling, 0.6), (stairs, 0.5)):
        u.field_id = "daily_living"
        u.scores["daily_living"] = score
    routed = {"daily_living": [soup, telling, stairs]}
    # The practitioner's line fits the field better, but what he said himself is kept.
    assert weakest(routed, set()) == ("daily_living", telling)

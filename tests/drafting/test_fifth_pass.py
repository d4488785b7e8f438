"""Routing rules of the fifth pass: relayed facts, the unit a field keeps, own-words fields."""

from __future__ import annotations

from assistant.drafting.embeddings import get_embedder, model_dir
from assistant.drafting.routing import Unit, _keeper, _said, build_units, route, weakest
from assistant.drafting.utterances import build_utterances
from assistant.settings import Settings
from core.draft import Participant
from prompts import load_template
from redaction.models import RedactedTranscript
from tests.transcripts import dialogue

PEOPLE = [
    Participant(label="SPEAKER_1", role="practitioner", name="The practitioner"),
    Participant(label="SPEAKER_2", role="person", name="She", pronoun="she"),
]


def _redacted(lines: list[tuple[str, str]]) -> RedactedTranscript:
    return dialogue(lines, speakers={}, ident="f")


def _routed(lines: list[tuple[str, str]], settings: Settings) -> tuple[list[Unit], dict[str, list[Unit]]]:
    units = build_units(build_utterances(_redacted(lines)), PEOPLE)
    routed = route(units, load_template("general_visit"), get_embedder(model_dir(settings)), PEOPLE)
    return units, routed


def test_what_someone_told_the_practitioner_is_a_fact_not_their_telling(settings: Settings) -> None:
    units, _ = _routed(
        [
            ("SPEAKER_1", "How have things been?"),
            ("SPEAKER_2", "Mostly OK."),
            ("SPEAKER_1", "[PERSON_3] told me she hid under her bed when he was shouting."),
            ("SPEAKER_1", "The reablement carers can help with meals, washing and dressing."),
        ],
        settings,
    )
    told = {u.text: u.told_by_practitioner for u in units}
    assert told["[PERSON_3] told me she hid under her bed when he was shouting."] is False
    assert told["The reablement carers can help with meals, washing and dressing."] is True


def test_a_field_keeps_a_unit_that_tells_something_over_one_that_only_fits(settings: Settings) -> None:
    units, _ = _routed(
        [
            ("SPEAKER_1", "Is that alright?"),
            ("SPEAKER_2", "Yes, that is fine."),
            ("SPEAKER_2", "My bedroom and the only toilet are upstairs, and I need the frame on the stairs."),
        ],
        settings,
    )
    fine = next(u for u in units if u.text.startswith("Yes"))
    stairs = next(u for u in units if u.text.startswith("My bedroom"))
    for u, score in ((fine, 0.9), (stairs, 0.5)):
        u.field_id = "daily_living"
        u.scores["daily_living"] = score
    routed = {"daily_living": [fine, stairs]}
    assert _keeper(routed["daily_living"], _said(routed)) is stairs
    # The best fit that says nothing is what the note can spare.
    assert weakest(routed, set()) == ("daily_living", fine)


def test_an_answer_that_says_nothing_is_not_quoted_in_an_own_words_field(settings: Settings) -> None:
    _, routed = _routed(
        [
            ("SPEAKER_1", "What matters most to you? Can I go and see your garden now?"),
            ("SPEAKER_2", "Yeah, go on."),
        ],
        settings,
    )
    assert all(u.text != "Yeah, go on." for u in routed["what_matters"])


def test_the_practitioner_saying_what_kind_of_visit_it_is_gives_its_reason(settings: Settings) -> None:
    units, _ = _routed(
        [
            ("SPEAKER_1", "As you know, this is one of my statutory visits while [PERSON_3] is on a plan."),
            ("SPEAKER_1", "So today is your annual review."),
            ("SPEAKER_1", "This is a lovely garden you have got here, with all the roses."),
        ],
        settings,
    )
    told = {u.text.split()[-1]: u.told_by_practitioner for u in units}
    assert told["plan."] is False
    assert told["review."] is False
    assert told["roses."] is True


def test_a_short_follow_up_answer_goes_where_what_it_follows_up_went(settings: Settings) -> None:
    units, _ = _routed(
        [
            ("SPEAKER_1", "How do you manage washing?"),
            ("SPEAKER_2", "I can't get in the bath any more, so I have a strip wash at the sink."),
            ("SPEAKER_1", "That sounds really hard. How long has that been going on?"),
            ("SPEAKER_2", "Since September."),
        ],
        settings,
    )
    said = next(u for u in units if "bath" in u.text)
    since = next(u for u in units if u.text == "Since September.")
    assert said.field_id is not None
    assert since.field_id == said.field_id


def test_a_question_that_asks_nothing_is_not_folded_into_its_answer(settings: Settings) -> None:
    from assistant.drafting.compose import Composer

    units, _ = _routed(
        [
            ("SPEAKER_1", "I will ask the school to help with that. Is that OK?"),
            ("SPEAKER_2", "Yes, that's fine. My mum passed away two years ago, so it is just us."),
            ("SPEAKER_1", "And how is your sleep?"),
            ("SPEAKER_2", "Bad."),
        ],
        settings,
    )
    composer = Composer(PEOPLE)
    fine = next(u for u in units if "passed away" in u.text)
    bad = next(u for u in units if u.text == "Bad.")
    assert not composer.compose([fine])[0].text.startswith("Asked")
    assert composer.compose([bad])[0].text == "Asked how is her sleep, she said bad."

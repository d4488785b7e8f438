"""Issue 12 (route10): the note's words go on facts, and a reply goes where its question points."""

from __future__ import annotations

from assistant.drafting.actions import brief_action
from assistant.drafting.condense import condense
from assistant.drafting.embeddings import get_embedder, model_dir
from assistant.drafting.routing import Unit, build_units, route
from assistant.drafting.utterances import build_utterances, classify
from assistant.settings import Settings
from core.draft import Participant
from prompts import load_template
from tests.transcripts import dialogue

PEOPLE = [
    Participant(label="SPEAKER_1", role="practitioner", name="The practitioner"),
    Participant(label="SPEAKER_2", role="person", name="She", pronoun="she"),
]


def _routed(lines: list[tuple[str, str]], settings: Settings) -> tuple[list[Unit], dict[str, list[Unit]]]:
    units = build_units(build_utterances(dialogue(lines, speakers={}, ident="ninth")), PEOPLE)
    routed = route(units, load_template("general_visit"), get_embedder(model_dir(settings)), PEOPLE)
    return units, routed


def test_a_goodbye_or_an_exclamation_is_no_fact() -> None:
    assert classify("Bye [PERSON_2].") == "courtesy"  # a farewell by name
    assert classify("Thanks, [PERSON_1].") == "courtesy"
    assert classify("God.") == "courtesy"  # 'Oh god.', its 'Oh' dropped as a filler
    # ... but a sentence that goes on to say something is one.
    assert classify("Goodness knows what she eats.") == "fact"
    assert classify("Bye the way, I fell.") == "fact"


def test_putting_a_topic_off_is_no_fact() -> None:
    assert classify("We'll come back to that.") == "explanation"
    assert classify("I'll come back to see you in three weeks.") == "fact"  # the next visit


def test_a_contact_detail_on_its_own_is_logistics() -> None:
    assert classify("[PHONE_1].") == "logistics"
    assert classify("It's [PHONE_1], and my email is [EMAIL_1].") == "logistics"
    # Said with a fact, it is the fact.
    assert classify("My daughter on [PHONE_1] has a key.") == "fact"
    assert classify("The house phone.") == "fact"  # no number in it: left as it is


def test_a_verdict_said_with_a_restart_goes() -> None:
    assert condense("She doesn't always know who I am in the morning, which is, that's hard.") == (
        "She doesn't always know who I am in the morning."
    )


def test_a_reply_on_when_the_next_visit_suits_is_the_next_contact(settings: Settings) -> None:
    lines = [
        ("SPEAKER_1", "How are you managing the stairs?"),
        ("SPEAKER_2", "Slowly. I hold the banister with both hands."),
        (
            "SPEAKER_1",
            "I'll ring you on Friday to let you know about the alarm, and I'll come back to see you in three "
            "weeks, on the twenty third of November, to see how the reablement is going. Is a Tuesday OK?",
        ),
        ("SPEAKER_2", "Tuesdays are best. After ten."),
    ]
    units, routed = _routed(lines, settings)
    reply = next(u for u in units if u.text.startswith("Tuesdays are best"))
    assert reply.field_id == "next_contact"
    kept = [u.text for u in routed["next_contact"]]
    # The arrangements are kept first, counted as the note says them (why the call is made is left out).
    assert "I'll ring you on Friday about the alarm." in kept
    assert any(t.startswith("I'll come back to see you in three weeks") for t in kept)
    assert reply.text in kept
    # A question asked before any arrangement is not about it.
    assert next(u for u in units if u.text.startswith("Slowly")).field_id == "daily_living"


def test_a_next_contact_is_briefed_before_its_budget() -> None:
    assert brief_action("I'll ring you on Thursday to see how things are.") == "I'll ring you on Thursday."
    assert brief_action("I'll refer you to the falls team.") == "I'll refer you to the falls team."


def test_a_later_sentence_of_an_answer_goes_to_the_field_it_fits(settings: Settings) -> None:
    lines = [
        ("SPEAKER_1", "How long have you been caring for her?"),
        (
            "SPEAKER_2",
            "She was diagnosed with dementia three years ago at the memory clinic. It has got worse this year. "
            "I help her wash and dress every morning, and I cook all her meals.",
        ),
    ]
    units, routed = _routed(lines, settings)
    answer = next(u for u in units if u.text.startswith("She was diagnosed"))
    piece = next(u for u in units if u.piece)
    assert piece.text.startswith("I help her wash and dress") and piece.field_id == "daily_living"
    assert answer.field_id != "daily_living" and "wash" not in answer.text  # one fact once
    assert piece in routed["daily_living"]
    # The first sentence answers the question: it is never split off.
    assert answer.text.startswith("She was diagnosed")


def test_a_split_sentence_is_never_its_fields_keeper() -> None:
    from assistant.drafting.routing import _keeper

    lines = [
        ("SPEAKER_2", "I cook all her meals and do the big shop on a Sunday."),
        ("SPEAKER_2", "I wash and dress her every morning."),
    ]
    whole, piece = build_units(build_utterances(dialogue(lines, speakers={}, ident="keeper")), PEOPLE)
    whole.scores, piece.scores = {"daily_living": 0.5}, {"daily_living": 0.9}
    whole.field_id = piece.field_id = "daily_living"
    assert _keeper([piece, whole], {}) is piece  # the better fit keeps its field ...
    piece.piece = True
    assert _keeper([piece, whole], {}) is whole  # ... unless it was split from an answer kept elsewhere
    assert _keeper([piece], {}) is None


def test_the_risk_fields_keeper_names_a_risk() -> None:
    from assistant.drafting.routing import _keeper

    lines = [("SPEAKER_2", "You had the green folder last year."), ("SPEAKER_2", "I fell on the stairs last week.")]
    chat, fall = build_units(build_utterances(dialogue(lines, speakers={}, ident="riskkeeper")), PEOPLE)
    chat.scores, fall.scores = {"risks": 0.9}, {"risks": 0.5}
    chat.field_id = fall.field_id = "risks"
    assert _keeper([chat, fall], {}) is chat
    assert _keeper([chat, fall], {}, risks=True) is fall
    assert _keeper([chat], {}, risks=True) is None

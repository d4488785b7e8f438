"""The note is at most NOTE_SHARE of the transcript's words, even when its actions alone take much of it."""

from __future__ import annotations

from assistant.drafting.extractive import ExtractiveDrafter
from assistant.drafting.routing import NOTE_SHARE
from assistant.settings import Settings
from evaluation.drafting_eval import draft_text
from prompts import load_template
from redaction.models import RedactedTranscript
from tests.transcripts import dialogue

# A short review: a few facts, each its field's best, and actions that the note keeps whole.
LINES = [
    ("SPEAKER_1", "I've come for your six month review of the care package."),
    ("SPEAKER_1", "Thinking about the months ahead and the things you enjoy, what would you like to be doing more of?"),
    ("SPEAKER_2", "I'd like to get out a bit more. I used to play bowls at the club on a Wednesday."),
    ("SPEAKER_1", "How are the carers getting on with the mornings?"),
    ("SPEAKER_2", "Most times fine. The other one is in and out in ten minutes, she rushes."),
    (
        "SPEAKER_1",
        "Apart from the carers who come in each morning, who else in the family helps you from week to week?",
    ),
    ("SPEAKER_2", "My daughter comes on a Sunday and does my big shop. She lives over in town."),
    (
        "SPEAKER_1",
        "Last time we spoke your leg was giving you a lot of trouble. How is the leg now, and who is seeing to it?",
    ),
    ("SPEAKER_2", "The district nurse comes on a Tuesday and a Friday to dress it. It is a lot better now."),
    ("SPEAKER_1", "I'll speak to the agency about the timings of the morning calls."),
    ("SPEAKER_1", "I'll refer you to the befriending service at the community centre this week."),
    ("SPEAKER_1", "I'll phone you next Friday to let you know how I've got on with all of it."),
]


def _redacted() -> RedactedTranscript:
    return dialogue(LINES, speakers={}, ident="ceiling")


def test_actions_do_not_push_the_note_over_its_share(settings: Settings) -> None:
    redacted = _redacted()
    draft = ExtractiveDrafter(settings).draft(redacted, load_template("general_visit"))
    spoken = sum(len(s.text.split()) for s in redacted.segments)
    assert len(draft_text(draft).split()) <= NOTE_SHARE * spoken
    # Every action is still there: the other statements gave way.
    actions = next(f for f in draft.fields if f.id == "actions_agreed")
    assert len(actions.actions) == 2
    assert "agency" in actions.value and "befriending" in actions.value
    # The next call keeps when it is and loses why ('to let them know how they have got on').
    nxt = next(f for f in draft.fields if f.id == "next_contact")
    assert "next Friday" in nxt.value and "let them know" not in nxt.value

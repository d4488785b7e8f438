"""Routing and wording with the real MiniLM: questions as context, several fields, unknown speakers."""

from __future__ import annotations

from assistant.drafting.cues import is_pleasantry
from assistant.drafting.registry import get_drafter
from assistant.drafting.routing import asks, build_units
from assistant.settings import Settings
from prompts import load_template
from redaction.models import RedactedTranscript


def _draft(redacted: RedactedTranscript, settings: Settings):
    return get_drafter("extractive", settings).draft(redacted, load_template("general_visit"))


def _undiarized(redacted: RedactedTranscript) -> RedactedTranscript:
    segments = [s.model_copy(update={"speaker": None}) for s in redacted.segments]
    return redacted.model_copy(update={"segments": segments, "speakers": {}})


def test_greetings_and_introductions_are_not_facts() -> None:
    assert is_pleasantry("Good morning Mr [PERSON_1], I'm [PERSON_2] from the adult social care team.")
    assert is_pleasantry("Thank you for letting me visit today.")
    assert not is_pleasantry("Yes.")
    assert not is_pleasantry("I'm worried about my son, he's stopped eating.")


def test_questions_are_context_never_facts(home_visit: RedactedTranscript) -> None:
    assert asks("And your tablets, are you taking them?")
    assert not asks("Staying in my own home, and seeing my grandson at the weekend?")  # ASR punctuation
    units = build_units(home_visit)
    assert not [u for u in units if u.text.endswith("?")]
    answer = next(u for u in units if u.segment.id == "seg-0014")
    assert answer.question is not None and answer.question.id == "seg-0013"


def test_a_missed_dose_is_health_and_risk(home_visit: RedactedTranscript, settings: Settings) -> None:
    d = _draft(home_visit, settings)
    for fid in ("health_and_medication", "risks"):
        assert "seg-0010" in {e.segment_id for e in d.field(fid).evidence}, fid


def test_unknown_speakers_are_quoted_not_invented(home_visit: RedactedTranscript, settings: Settings) -> None:
    d = _draft(_undiarized(home_visit), settings)
    text = " ".join(f.value for f in d.fields)
    assert "Unknown speaker" not in text and " said " not in text
    what = d.field("what_matters").value
    assert what.startswith("Asked \u201cWhat matters most to you at the moment?\u201d, the reply was \u201cStaying")
    actions = d.field("actions_agreed")
    assert actions.actions and all(a.who is None for a in actions.actions)
    assert all(line.startswith("- Agreed: ") for line in actions.value.splitlines())
    for f in d.fields:
        assert all(c.support == "supported" for c in f.checks), f.checks


def test_known_speakers_keep_who_acts(home_visit: RedactedTranscript, settings: Settings) -> None:
    value = _draft(home_visit, settings).field("actions_agreed").value
    assert "- Practitioner will refer them to the occupational therapy team" in value

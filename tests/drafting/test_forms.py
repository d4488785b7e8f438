"""The Care Act assessment and the children's home visit record draft end to end with evidence."""

from __future__ import annotations

from assistant.drafting.models import NOT_DISCUSSED
from assistant.drafting.registry import get_drafter
from assistant.settings import Settings
from prompts import load_template
from redaction.models import RedactedTranscript

CARE_ACT_OUTCOMES = [
    "Managing and maintaining nutrition",
    "Maintaining personal hygiene",
    "Managing toilet needs",
    "Being appropriately clothed",
    "Being able to make use of the home safely",
    "Maintaining a habitable home environment",
    "Developing and maintaining family or other personal relationships",
    "Accessing and engaging in work, training, education or volunteering",
    "Making use of necessary facilities or services in the local community",
    "Carrying out any caring responsibilities for a child",
]


def test_care_act_form_names_the_ten_outcomes() -> None:
    labels = [f.label for f in load_template("care_act_assessment").fields]
    for outcome in CARE_ACT_OUTCOMES:
        assert outcome in labels
    for extra in ["Wellbeing", "What matters to the person", "Strengths and support available", "Risks"]:
        assert extra in labels


def test_care_act_draft_records_what_was_said_and_never_decides(
    home_visit: RedactedTranscript, settings: Settings
) -> None:
    d = get_drafter("extractive", settings).draft(home_visit, load_template("care_act_assessment"))
    assert "seg-0004" in {e.segment_id for e in d.field("home_safety").evidence}
    assert "seg-0008" in {e.segment_id for e in d.field("personal_hygiene").evidence}
    child = d.field("caring_for_child")
    assert child.value == NOT_DISCUSSED and child.status == "not_discussed"
    text = " ".join(f.value for f in d.fields).lower()
    assert "eligible" not in text and "eligibility" not in text
    for f in d.fields:
        assert f.status == "not_discussed" or f.evidence


def test_children_visit_record(child_visit: RedactedTranscript, settings: Settings) -> None:
    d = get_drafter("extractive", settings).draft(child_visit, load_template("children_home_visit"))
    alone = d.field("child_seen_alone")
    assert alone.value.startswith("Yes.") and "seg-0005" in {e.segment_id for e in alone.evidence}
    voice = d.field("child_voice")
    assert voice.value.startswith("She said: \u201cI like my new school")
    risks = d.field("risks")
    assert any(fl.kind == "risk" and fl.segment_id == "seg-0007" and fl.status == "disclosed" for fl in risks.flags)
    actions = d.field("actions").actions
    whats = [a.what for a in actions]
    assert any("food bank" in w for w in whats) and any("school" in w for w in whats)
    school = next(a for a in actions if "school" in a.what)
    assert school.who == "The practitioner" and school.by_when == "Monday"
    assert d.field("next_visit").value.lower().startswith("in two weeks")

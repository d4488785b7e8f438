"""Risk findings, seventh pass: one finding per thing said, events taken as given, services named after a risk."""

from __future__ import annotations

from assistant.verification.risk import Said, assess_risks


def _findings(said: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    found = assess_risks([Said(f"s{i}", t, sp, sp) for i, (sp, t) in enumerate(said)])
    return [(f.category, f.status, f.segment_id) for f in found]


def test_two_sentences_of_one_segment_are_one_finding() -> None:
    said = [("family", "She forgets the evening ones. I counted them and there were four days missed.")]
    assert _findings(said) == [("missed_medication", "disclosed", "s0")]
    denied = [("practitioner", "Has anyone hurt her?"), ("family", "No. Nobody hurts her. Nobody hits her.")]
    assert _findings(denied) == [("abuse", "denied", "s1")]


def test_a_negation_of_something_else_does_not_deny_an_event_taken_as_given() -> None:
    said = [("person", "I used to go every Sunday and I haven't been since the fall.")]
    assert _findings(said) == [("falls", "disclosed", "s0")]
    assert _findings([("person", "I haven't fallen since Christmas.")]) == [("falls", "denied", "s0")]


def test_a_service_named_after_a_risk_is_no_finding() -> None:
    said = [("practitioner", "The domestic abuse advocate can help with that.")]
    assert _findings(said) == []
    assert _findings([("person", "He was shouting at me and I was scared of him.")]) == [("abuse", "disclosed", "s0")]


def test_what_a_child_or_parent_says_of_violence_at_the_door_is_a_disclosure() -> None:
    banging = [("person", "He'd been drinking. He was banging on the door, shouting.")]
    assert ("domestic_violence", "disclosed", "s0") in _findings(banging)
    hid = [("family", "When daddy came and he was shouting at the door. I went under my bed.")]
    # Shouting at the door is domestic violence as banging on it is (ninth pass; it was abuse alone before).
    assert _findings(hid) == [("domestic_violence", "disclosed", "s0"), ("abuse", "disclosed", "s0")]
    assert _findings([("person", "I keep my shoes under the bed.")]) == []

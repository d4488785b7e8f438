"""The verifier as a confabulation detector, and risk flags that mean what they say."""

from __future__ import annotations

from assistant.verification.risk import Said, assess_risks
from assistant.verification.verifier import Verifier
from redaction.models import RedactedTranscript
from tests.transcripts import dialogue


def _transcript(lines: list[tuple[str, str]]) -> RedactedTranscript:
    return dialogue(lines, {"practitioner": "Practitioner", "person": "Client", "family": "Son"}, "t")


VISIT = _transcript(
    [
        ("practitioner", "Have you had any thoughts of harming yourself?"),
        ("person", "Not harming myself, no."),
        ("practitioner", "And do you drink at all?"),
        ("person", "No, I gave it up years ago."),
        ("practitioner", "I'll set up a pendant alarm so you can call for help if you fall."),
        ("practitioner", "I'll leave you the leaflet about scams."),
        ("person", "I take amlodipine 5 mg in the morning and I can't get in the bath."),
        ("family", "She forgets the evening tablets, four days last week."),
        ("family", "I'm scared she'll wander off at night."),
        ("practitioner", "I'll ring the GP on Friday."),
    ]
)


def _status(said: list[tuple[str, str]]) -> dict[str, str]:
    findings = assess_risks([Said(f"s{i}", t, sp, sp) for i, (sp, t) in enumerate(said)])
    return {f.category: f.status for f in findings}


def test_questions_hypotheticals_actions_and_leaflets_are_never_disclosures() -> None:
    status = _status([(s.speaker or "", s.text) for s in VISIT.segments])
    assert status == {
        "self_harm": "denied",
        "alcohol": "denied",
        "missed_medication": "disclosed",
        "missing": "concern",
    }
    assert _status([("p", "Has anyone hurt you?"), ("s", "No. Nobody's ever hurt me.")]) == {"abuse": "denied"}
    assert _status([("s", "I fell on the stairs and couldn't get up.")]) == {"falls": "disclosed"}
    assert _status([("s", "I fall asleep in the chair.")]) == {}


def test_one_merged_flag_per_category_with_a_stable_id() -> None:
    redacted = _transcript(
        [("person", "I fell in the kitchen."), ("family", "She fell again on the stairs last week.")]
    )
    flags = Verifier(redacted).risk_flags("risks", set())
    assert [f.category for f in flags] == ["falls"]
    assert [q.segment_id for q in flags[0].quotes] == ["seg-0001", "seg-0002"]
    assert flags[0].status == "disclosed" and flags[0].segment_id == "seg-0001" and flags[0].id
    assert flags[0].id == Verifier(redacted).risk_flags("risks", set())[0].id


def _check(statement: str) -> str:
    return Verifier(VISIT).check_statement(statement, []).support


def test_faithful_rewording_and_person_shift_pass() -> None:
    assert _check("She said she takes amlodipine 5 mg in the morning.") == "supported"
    assert _check("She said she cannot get in the bath.") == "supported"
    assert _check("Asked whether she has had any thoughts of harming herself, she said no.") == "supported"
    assert _check("The practitioner will ring the GP on Friday.") == "supported"


def test_planted_errors_are_caught() -> None:
    planted = {
        "dose": "She said she takes amlodipine 10 mg in the morning.",
        "medication": "She said she takes ramipril 5 mg in the morning.",
        "date": "The practitioner will ring the GP on Monday.",
        "negation": "She said she can get in the bath.",
        "who acts": "Her son will ring the GP on Friday.",
        "who said": "Her son said he takes amlodipine 5 mg in the morning.",
        "a risk nobody raised": "She said a neighbour has been taking her money.",
        "a denial written as a disclosure": "She said she has had thoughts of harming herself.",
    }
    for kind, statement in planted.items():
        assert _check(statement) == "unsupported", kind

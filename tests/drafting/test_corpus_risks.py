"""The issue's risk cases, as the corpus holds them, drafted end to end: every expected flag status is met.

v13 and v14 carry denials of self-harm, drinking and abuse, "a pendant alarm so you can call for
help if you fall", "the leaflet about scams", a referral to the falls team, a fear she may wander
and a carer's exhaustion, each with its expected flag. The scripts are drafted as diarization
labels them (SPEAKER_1 ...), without redaction: risk status does not depend on names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.drafting.registry import get_drafter
from assistant.settings import Settings
from evaluation.corpus_truth import truth_from_script
from evaluation.eval_stages import speaker_labels
from prompts import load_template
from redaction.models import RedactedSegment, RedactedTranscript, RedactionProvenance

SCRIPTS = Path(__file__).parents[2] / "evaluation" / "corpus" / "scripts"
RISK_CASES = ["v13_review_denials_and_hypotheticals", "v14_carer_review_abuse_denied"]


def _as_diarized(visit: str) -> tuple[RedactedTranscript, list[dict[str, str]]]:
    truth = truth_from_script(SCRIPTS / f"{visit}.yaml")
    labels = speaker_labels(truth)
    segments = [
        RedactedSegment(id=f"seg-{i + 1:04d}", start=float(i), end=i + 0.9, speaker=labels[ln.speaker], text=ln.text)
        for i, ln in enumerate(truth.lines)
    ]
    redacted = RedactedTranscript(
        id=f"red_{visit}",
        transcript_id=f"tr_{visit}",
        speakers={lab: lab.replace("SPEAKER_", "Speaker ") for lab in labels.values()},
        segments=segments,
        provenance=RedactionProvenance(spacy_model="test", score_threshold=0.35),
    )
    return redacted, [f.model_dump() for f in truth.expected_flags]


def test_the_corpus_holds_the_issues_risk_cases() -> None:
    want = {
        ("self_harm", "denied"),
        ("alcohol", "denied"),
        ("abuse", "denied"),
        ("falls", "none"),  # 'if you fall', and a referral to the falls team
        ("exploitation", "none"),  # the leaflet about scams
        ("missing", "concern"),
        ("carer_strain", "disclosed"),
    }
    have = {(f["category"], f["status"]) for v in RISK_CASES for f in _as_diarized(v)[1]}
    assert want <= have


@pytest.mark.parametrize("visit", RISK_CASES)
def test_expected_flag_statuses_and_no_false_disclosure(visit: str, settings: Settings) -> None:
    redacted, expected = _as_diarized(visit)
    draft = get_drafter("extractive", settings).draft(redacted, load_template("general_visit"))
    status = {fl.category: fl.status for fl in draft.flags if fl.kind == "risk"}
    for f in expected:
        got = status.get(f["category"])
        if f["status"] == "none":
            assert got != "disclosed", f
        else:
            assert got == f["status"], f
    risks = draft.field("risks").value
    # A denial is recorded in the note, in the risk field, as asked and answered.
    assert "(denied)" in risks
    for fl in (fl for fl in draft.flags if fl.kind == "risk"):
        assert fl.category and fl.status and fl.quote and fl.segment_id


def test_disclosures_said_in_other_words_are_flagged_disclosed() -> None:
    from assistant.verification.risk import Said, assess_risks

    def found(text: str) -> set[tuple[str, str]]:
        return {(f.category, f.status) for f in assess_risks([Said("seg-0001", text, "SPEAKER_3", "family")])}

    assert ("neglect", "disclosed") in found("I found him at home, he hadn't eaten for days. The fridge was empty.")
    assert ("unsafe_home", "disclosed") in found("There were letters everywhere and the heating was off.")
    assert ("missing", "disclosed") in found("Last month she got out of the front door at three in the morning.")
    # Still not findings: a fear is a concern, finding someone at home is nothing.
    assert found("She tried the front door at night. I'm scared she'll wander off.") == {("missing", "concern")}
    assert found("I found him at home.") == set()

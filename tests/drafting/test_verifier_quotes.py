"""A risk flag quotes the words its statement rests on, not the first mention of the same risk."""

from __future__ import annotations

from assistant.verification.verifier import Verifier
from redaction.models import RedactedSegment, RedactedTranscript, RedactionProvenance


def _transcript(lines: list[str]) -> RedactedTranscript:
    segments = [
        RedactedSegment(id=f"seg-{i + 1:04d}", start=float(i), end=float(i) + 0.9, text=t)
        for i, t in enumerate(lines)
    ]
    return RedactedTranscript(
        id="red_test",
        transcript_id="tr_test",
        segments=segments,
        provenance=RedactionProvenance(spacy_model="test", score_threshold=0.35),
    )


def test_risk_flag_quotes_the_matching_segment() -> None:
    redacted = _transcript(
        [
            "The referral says you had a fall.",
            "Have you been eating well?",
            "I fell in the bathroom getting out of the bath and lay on the floor for two hours.",
        ]
    )
    verifier = Verifier(redacted)
    statement = 'Reported: "I fell in the bathroom getting out of the bath and lay on the floor for two hours."'
    flags = verifier.risk_flags(statement, ["seg-0001", "seg-0003"])
    assert [f.segment_ids for f in flags] == [["seg-0003"]]
    assert flags[0].quote is not None and flags[0].quote.startswith("I fell in the bathroom")


def test_drafters_reporting_frame_is_not_an_unsupported_claim() -> None:
    verifier = Verifier(_transcript(["I will refer you to occupational therapy for a bath board."]))
    check = verifier.check_statement("Agreed: refer them to occupational therapy for a bath board.", ["seg-0001"])
    assert check.support == "supported", check.reason
    invented = verifier.check_statement("Agreed: refer them to the falls clinic.", ["seg-0001"])
    assert invented.support != "supported"


def test_care_act_risk_categories_beyond_the_first_list() -> None:
    from assistant.verification.risk import risk_categories

    said = {
        "She went missing overnight and was found in town.": "missing",
        "There's damp and black mould in the bedroom.": "unsafe_home",
        "He choked on his food twice this week.": "choking",
        "The nurse found a grade two pressure sore on his heel.": "pressure_sores",
        "I'm exhausted, I can't cope any more.": "carer_strain",
        "My grandson pushed me when I said no.": "abuse",
        "He has my bank card and my PIN.": "exploitation",
    }
    for text, category in said.items():
        assert category in risk_categories(text), text
    for text in ["I'd like a cold drink.", "We made a cake.", "He builds model trains.", "I sleep well."]:
        assert risk_categories(text) == [], text

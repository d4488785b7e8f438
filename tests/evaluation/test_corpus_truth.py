from pathlib import Path

import pytest

from assistant.errors import BadInputError
from evaluation.corpus_truth import NOT_REDACTED, VisitTruth, load_corpus, strip_markup, truth_from_script
from prompts import load_template

CORPUS = Path(__file__).parents[2] / "evaluation" / "corpus"
SCRIPTS = sorted((CORPUS / "scripts").glob("*.yaml"))


def test_markup_becomes_plain_text_with_spans() -> None:
    text, spans = strip_markup("Call [[PERSON:Ann Lee]] on [[PHONE_NUMBER:07700 900 123]].")
    assert text == "Call Ann Lee on 07700 900 123."
    assert [(text[s:e], kind) for s, e, kind, _ in spans] == [
        ("Ann Lee", "PERSON"),
        ("07700 900 123", "PHONE_NUMBER"),
    ]


def test_unknown_speaker_is_named(tmp_path: Path) -> None:
    script = tmp_path / "x.yaml"
    script.write_text(
        "id: x\ntitle: t\nservice: s\nvisit_type: review\nworker_id: w\nteam: t\ndate: '2026-01-01'\n"
        "speakers: {P: {role: practitioner, voice: en-gb}}\nlines: ['Q: hello']\nreference_facts: {}\n"
    )
    with pytest.raises(BadInputError, match="line 1"):
        truth_from_script(script)


def test_corpus_has_twelve_varied_visits_with_consistent_ground_truth() -> None:
    visits = [truth_from_script(p) for p in SCRIPTS]
    assert len(visits) >= 12
    assert {v.service for v in visits} >= {
        "adult_social_care",
        "childrens_services",
        "mental_health",
        "housing_support",
    }
    assert sum(bool(v.expected_risks) for v in visits) >= 6
    for v in visits:
        # Full visits run 5 minutes or so; the risk-status cases (with expected flags) are shorter.
        short = bool(v.expected_flags)
        assert 2 <= len(v.speakers) <= 3
        assert len(v.transcript.split()) >= (350 if short else 650), v.id
        for s in v.spans:
            assert v.transcript[s.start : s.end] == s.text
        assert len(v.redaction_spans()) >= (3 if short else 8), v.id
        assert all(s["entity_type"] not in NOT_REDACTED for s in v.redaction_spans())


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_reference_facts_use_the_field_ids_of_real_templates(script: Path) -> None:
    truth = truth_from_script(script)
    assert "general_visit" in truth.reference_facts
    for name, facts in truth.reference_facts.items():
        field_ids = {f.id for f in load_template(name).fields}
        assert set(facts) <= field_ids, f"{script.name}: {name}: {set(facts) - field_ids}"
        if truth.expected_risks:
            assert facts.get("risks"), f"{script.name}: risks disclosed but no risk facts for {name}"


def test_committed_ground_truth_matches_the_scripts() -> None:
    for path in SCRIPTS:
        committed = VisitTruth.load(CORPUS / "ground_truth" / f"{path.stem}.json")
        fresh = truth_from_script(path)
        assert committed.transcript == fresh.transcript
        assert committed.spans == fresh.spans
        shortest = 120 if fresh.expected_flags else 240
        assert committed.duration and committed.duration > shortest, "rebuild with python -m evaluation.corpus.generate"


def test_expected_flags_name_real_categories_and_statuses() -> None:
    from assistant.verification.risk import RISK_LABELS

    cases = [f for p in SCRIPTS for f in truth_from_script(p).expected_flags]
    statuses = {f.status for f in cases}
    assert statuses == {"disclosed", "denied", "concern", "none"}
    assert all(f.category in RISK_LABELS for f in cases)
    assert {"self_harm", "abuse", "alcohol"} <= {f.category for f in cases if f.status == "denied"}


def test_load_corpus_needs_ground_truth(tmp_path: Path, tiny_corpus: Path) -> None:
    assert [v.id for v in load_corpus(tiny_corpus)] == ["t01_short_visit"]
    with pytest.raises(BadInputError, match=r"evaluation\.corpus\.generate"):
        load_corpus(tmp_path)

"""score_draft and the data-set loaders, on committed miniature data sets in the public layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.drafting.registry import get_drafter
from assistant.errors import BadInputError
from assistant.settings import Settings
from evaluation.datasets.aci_bench import load_aci_bench
from evaluation.datasets.mts_dialog import load_mts_correlation, load_mts_pairs
from evaluation.drafting_eval import evaluate_aci_bench, mts_correlation, score_draft
from prompts import load_template
from redaction.models import RedactedTranscript


def test_score_draft_recall_risks_and_rouge(home_visit: RedactedTranscript, settings: Settings) -> None:
    draft = get_drafter("extractive", settings).draft(home_visit, load_template("general_visit"))
    facts = {
        "what_matters": ["staying in their own home"],
        "daily_living": ["strip wash at the sink", "goes to the day centre on Mondays"],
    }
    s = score_draft(
        draft,
        facts,
        reference_note="She wants to stay in her own home and has a strip wash at the sink.",
        expected_risks=[
            "Fell on the stairs last Tuesday",
            "Forgets evening tablets",
            "Financial abuse by nephew",
        ],
    )
    assert (s.facts_found, s.facts_total) == (2, 3) and s.field_recall == pytest.approx(2 / 3)
    assert s.per_field["daily_living"] == (1, 2)
    assert s.risks_caught == ["Fell on the stairs last Tuesday", "Forgets evening tablets"]
    assert s.risks_missed == ["Financial abuse by nephew"]
    assert s.statements > 5 and s.unsupported == 0 and s.unsupported_rate == 0.0
    assert s.rouge1 is not None and 0.05 < s.rouge1 < 1 and s.rougeL is not None


def test_unsupported_statements_lower_the_score(home_visit: RedactedTranscript, settings: Settings) -> None:
    draft = get_drafter("extractive", settings).draft(home_visit, load_template("general_visit"))
    from assistant.verification.verifier import verify_draft

    f = draft.field("health_and_medication")
    bad = f.model_copy(update={"value": f.value + " Client said they take 40 mg of sertraline daily."})
    draft = verify_draft(draft.model_copy(update={"fields": [bad]}), home_visit)
    assert score_draft(draft, {}).unsupported == 1


def test_aci_bench_loader_and_evaluation(fixtures_dir: Path, settings: Settings) -> None:
    folder = fixtures_dir / "aci-bench"
    enc = load_aci_bench(folder)[0]
    assert enc.complaints == ["knee pain", "fall"]
    t = enc.transcript()
    assert t.segments[0].speaker == "doctor" and t.speakers["patient"] == "Patient"
    result = evaluate_aci_bench(folder, get_drafter("extractive", settings), load_template("general_visit"))
    assert result["drafts"] == 1 and result["rouge1"] > 10 and result["unsupported_rate"] == 0.0
    with pytest.raises(BadInputError, match=r"train\.csv"):
        load_aci_bench(folder, "train")


def test_mts_loaders_and_correlation(fixtures_dir: Path) -> None:
    folder = fixtures_dir / "mts-dialog"
    assert load_mts_pairs(folder)[0].section == "GENHX"
    assert [x.hallucination_rate for x in load_mts_correlation(folder)] == [0.0, 1.0, 0.5]
    corr = mts_correlation(folder)
    assert corr["summaries"] == 3 and corr["pearson_vs_hallucination"] > 0.9
    assert corr["unsaid_words"]["auc_any_hallucination"] is not None
    assert corr["unsaid_words"]["vs_hallucination_first_half"]["spearman"] is None  # one summary: nothing to rank


def test_mts_correlation_reports_a_length_baseline_and_the_untied_ceiling(fixtures_dir: Path) -> None:
    corr = mts_correlation(fixtures_dir / "mts-dialog")
    assert corr["summary_words"]["auc_any_hallucination"] is not None
    # Halves of one and two summaries: too few to rank, so no ceiling is claimed.
    assert corr["spearman_ceiling_untied"] == {"first_half": None, "second_half": None}

"""Folding per-visit results into the summary, the HTML report and the modelled time report."""

import json
from pathlib import Path

import pytest

from evaluation.corpus_truth import load_corpus
from evaluation.eval_summary import summarise_run
from evaluation.runner import EvalConfig, write_json
from evaluation.time_model import default_model


def test_drafting_results_become_events_and_a_time_report(tmp_path: Path, tiny_corpus: Path) -> None:
    visits = load_corpus(tiny_corpus)
    write_json(
        tmp_path / "drafting" / "reference" / "t01_short_visit" / "drafting.extractive.general_visit.json",
        {
            "visit": "t01_short_visit", "source": "reference", "template": "general_visit",
            "drafter": "extractive",
            "worker_id": "w-test", "team": "Test Team", "visit_type": "review", "date": "2026-11-02",
            "scores": {"facts_total": 4, "facts_found": 2, "facts_found_any_field": 3, "statements": 10,
                       "unsupported": 1, "risks_expected": ["fall"], "risks_caught": ["fall"],
                       "risks_missed": [], "rougeL": 0.3},
            "draft_words": 300,
            "review_effort": {"draft_chars": 1800, "char_edits": 400, "word_edits": 70, "fields_total": 8,
                              "fields_changed": 3, "edit_ratio": 0.22},
            "modelled_review_minutes": 30.0,
        },
    )  # fmt: skip
    config = EvalConfig(corpus=tiny_corpus, out=tmp_path, stages=("drafting",))
    summary = summarise_run(config, visits)

    events = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert [e["event"] for e in events] == ["draft_opened", "draft_submitted"]
    assert events[1]["edit_chars"] == 400
    expected = default_model().review_minutes(300, 400, 8)
    assert summary["time"]["assisted_minutes"] == pytest.approx(expected, abs=0.1)
    assert summary["time"]["baseline_minutes"] == 90  # review, from the corpus baseline
    drafting = summary["drafting"]["reference/extractive/general_visit"]
    assert drafting["mean"]["scores.rougeL"] == 0.3
    totals = drafting["totals"]
    assert (totals["field_recall"], totals["any_field_recall"], totals["unsupported_rate"]) == (
        0.5,
        0.75,
        0.1,
    )
    assert totals["risk_recall"] == 1.0
    page = (tmp_path / "eval_report.html").read_text()
    assert "Time reclaimed (modelled)" in page and "1 of 1 risk disclosures were flagged" in page
    assert (tmp_path / "time_report.html").is_file()

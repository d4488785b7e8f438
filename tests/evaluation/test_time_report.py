import csv
import json
from pathlib import Path

import pytest

from assistant.errors import BadInputError, InvalidDocumentError
from evaluation.time_events import Baselines, load_events, visit_timings
from evaluation.time_report import ReportOptions, build_report, write_report


def test_events_fold_into_one_timing_per_submitted_visit(events_path: Path, baseline_path: Path) -> None:
    timings, warnings = visit_timings(load_events(events_path), Baselines.load(baseline_path))
    ids = {t.visit_id for t in timings}
    assert len(timings) == 25  # 24 timed visits + 1 modelled; visit-901 was never submitted
    assert "visit-901" not in ids
    assert any("visit-901" in w for w in warnings)
    by_id = {t.visit_id: t for t in timings}
    assert by_id["visit-900"].timing_source == "modelled"
    assert by_id["visit-001"].timing_source == "measured"
    # Worker-specific baseline beats the visit-type default.
    cara = [t for t in timings if t.worker_id == "w-cara" and t.visit_type == "statutory_visit"]
    assert cara and all(t.baseline_minutes == 100 for t in cara)


def test_report_flags_the_worker_who_rewrites_drafts(events_path: Path, baseline_path: Path) -> None:
    report = build_report(events_path, baseline_path)
    flagged = {f.worker_id for f in report.flags}
    assert flagged == {"w-dev"}
    o = report.overall
    assert o.visits == 25
    assert o.reclaimed_minutes == pytest.approx(o.baseline_minutes - o.assisted_minutes, abs=0.2)
    assert o.reclaimed_minutes_ci[0] <= o.reclaimed_minutes <= o.reclaimed_minutes_ci[1]
    assert 0 < o.reclaimed_share < 1
    weeks = {r.week for r in report.by_team_week}
    assert weeks == {"2026-W45", "2026-W46"}


def test_bootstrap_is_reproducible_and_widens_with_confidence(events_path: Path, baseline_path: Path) -> None:
    a = build_report(events_path, baseline_path)
    b = build_report(events_path, baseline_path)
    assert a.overall.reclaimed_share_ci == b.overall.reclaimed_share_ci
    wide = build_report(events_path, baseline_path, ReportOptions(confidence=0.99)).overall.reclaimed_share_ci
    assert wide[0] <= a.overall.reclaimed_share_ci[0] and wide[1] >= a.overall.reclaimed_share_ci[1]


def test_outputs_are_csv_json_and_self_contained_html(tmp_path: Path, events_path: Path, baseline_path: Path) -> None:
    paths = write_report(build_report(events_path, baseline_path), tmp_path)
    rows = list(csv.DictReader(paths["by_worker_week"].open()))
    assert {r["worker_id"] for r in rows} == {"w-anna", "w-ben", "w-cara", "w-dev"}
    data = json.loads(paths["json"].read_text())
    assert data["heavy_editing"][0]["worker_id"] == "w-dev"
    assert data["time_model"]["calibration"][0]["modelled_assisted_minutes"] == 90.0
    page = paths["html"].read_text()
    assert page.count("data:image/png;base64,") == 2
    assert "<script" not in page and "http" not in page.split("<body>")[1]
    assert "w-dev" in page and "heavy editing" in page
    # Weekly groups of three visits get no interval in the page; whole-period groups of six do.
    assert "too few visits" in page
    assert {r["ci_reliable"] for r in rows} == {"False"}
    assert all(w["ci_reliable"] for w in data["by_worker"])


def test_missing_baseline_says_which_row_to_add(tmp_path: Path, events_path: Path) -> None:
    baseline = tmp_path / "b.csv"
    baseline.write_text("visit_type,minutes\nreview,60\n")
    with pytest.raises(BadInputError, match="care_act_assessment"):
        build_report(events_path, baseline)


def test_bad_event_line_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "e.jsonl"
    bad.write_text('{"event": "draft_opened", "at": "2026-11-02T09:00:00", "visit_id": "v"}\n')
    with pytest.raises(InvalidDocumentError, match=r"e.jsonl:1"):
        load_events(bad)

"""Time reclaimed per worker and per team by week, with bootstrap confidence intervals.

Input: the review events log and a baseline table (see `evaluation.time_events`).
Output: CSV tables, a JSON document for the web dashboard, and a self-contained HTML report.
"""

from __future__ import annotations

import csv
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from assistant.errors import BadInputError
from evaluation.time_events import Baselines, VisitTiming, load_events, visit_timings
from evaluation.time_model import TimeModel, calibration_table, default_model, describe


@dataclass(frozen=True)
class ReportOptions:
    """Knobs of the report; the defaults are printed in it."""

    bootstrap_samples: int = 2000
    confidence: float = 0.95
    seed: int = 20240601
    heavy_edit_ratio: float = 0.5  # a visit whose edits reach half the draft was in effect rewritten
    heavy_edit_share: float = 0.3  # a worker is flagged when this share of their visits is heavy
    min_visits_for_ci: int = 5  # below this the interval is computed but shown as "too few visits"


@dataclass
class GroupRow:
    """One row of a per-worker or per-team table."""

    group: str
    week: str
    visits: int
    baseline_minutes: float
    assisted_minutes: float
    reclaimed_minutes: float
    reclaimed_share: float
    reclaimed_minutes_ci: tuple[float, float]
    reclaimed_share_ci: tuple[float, float]
    heavy_edit_visits: int
    team: str | None = None
    ci_reliable: bool = True


@dataclass
class WorkerFlag:
    worker_id: str
    team: str
    visits: int
    heavy_edit_visits: int
    median_edit_ratio: float | None
    reclaimed_share: float
    reasons: list[str] = field(default_factory=list)


def bootstrap_ci(
    baseline: np.ndarray, assisted: np.ndarray, options: ReportOptions
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Percentile bootstrap over visits for total minutes reclaimed and the reclaimed share."""
    n = len(baseline)
    rng = np.random.default_rng(options.seed)
    idx = rng.integers(0, n, size=(options.bootstrap_samples, n))
    b, a = baseline[idx], assisted[idx]
    totals = (b - a).sum(axis=1)
    shares = totals / np.maximum(b.sum(axis=1), 1e-9)
    lo, hi = (1 - options.confidence) / 2 * 100, (1 + options.confidence) / 2 * 100
    t = np.percentile(totals, [lo, hi])
    s = np.percentile(shares, [lo, hi])
    return (round(float(t[0]), 1), round(float(t[1]), 1)), (round(float(s[0]), 3), round(float(s[1]), 3))


def _is_heavy(t: VisitTiming, options: ReportOptions) -> bool:
    return (t.edit_ratio is not None and t.edit_ratio >= options.heavy_edit_ratio) or t.reclaimed_minutes < 0


def summarise(
    timings: Iterable[VisitTiming], key: Callable[[VisitTiming], tuple[str, str]], options: ReportOptions
) -> list[GroupRow]:
    """Group visits by `key` -> (group, week) and total each group."""
    groups: dict[tuple[str, str], list[VisitTiming]] = defaultdict(list)
    for t in timings:
        groups[key(t)].append(t)
    rows = []
    for (group, week), items in sorted(groups.items()):
        b = np.array([t.baseline_minutes for t in items])
        a = np.array([t.assisted_minutes for t in items])
        minutes_ci, share_ci = bootstrap_ci(b, a, options)
        rows.append(
            GroupRow(
                group=group,
                week=week,
                visits=len(items),
                baseline_minutes=round(float(b.sum()), 1),
                assisted_minutes=round(float(a.sum()), 1),
                reclaimed_minutes=round(float((b - a).sum()), 1),
                reclaimed_share=round(float((b - a).sum() / max(b.sum(), 1e-9)), 3),
                reclaimed_minutes_ci=minutes_ci,
                reclaimed_share_ci=share_ci,
                heavy_edit_visits=sum(_is_heavy(t, options) for t in items),
                team=items[0].team,
                ci_reliable=len(items) >= options.min_visits_for_ci,
            )
        )
    return rows


def worker_flags(timings: list[VisitTiming], options: ReportOptions) -> list[WorkerFlag]:
    """Workers whose drafts need heavy editing: their time is not really reclaimed."""
    by_worker: dict[str, list[VisitTiming]] = defaultdict(list)
    for t in timings:
        by_worker[t.worker_id].append(t)
    flags = []
    for worker, items in sorted(by_worker.items()):
        heavy = sum(_is_heavy(t, options) for t in items)
        ratios = [t.edit_ratio for t in items if t.edit_ratio is not None]
        median = round(statistics.median(ratios), 3) if ratios else None
        base = sum(t.baseline_minutes for t in items)
        share = round(sum(t.reclaimed_minutes for t in items) / max(base, 1e-9), 3)
        reasons = []
        if heavy / len(items) >= options.heavy_edit_share:
            reasons.append(
                f"{heavy} of {len(items)} drafts heavily edited (edits reach "
                f"{options.heavy_edit_ratio:.0%} of the draft, or review took longer than writing by hand)"
            )
        if median is not None and median >= options.heavy_edit_ratio:
            reasons.append(f"median edit ratio {median:.0%}")
        if share < 0:
            reasons.append("assisted write-ups took longer than the baseline")
        if reasons:
            flags.append(WorkerFlag(worker, items[0].team, len(items), heavy, median, share, reasons))
    return flags


@dataclass
class TimeReport:
    timings: list[VisitTiming]
    by_worker_week: list[GroupRow]
    by_team_week: list[GroupRow]
    by_worker: list[GroupRow]
    by_team: list[GroupRow]
    overall: GroupRow
    flags: list[WorkerFlag]
    warnings: list[str]
    options: ReportOptions
    model: TimeModel

    def to_json(self) -> dict:
        def rows(items: list[GroupRow]) -> list[dict]:
            return [asdict(r) for r in items]

        return {
            "schema_version": 1,
            "overall": asdict(self.overall),
            "by_worker_week": rows(self.by_worker_week),
            "by_team_week": rows(self.by_team_week),
            "by_worker": rows(self.by_worker),
            "by_team": rows(self.by_team),
            "heavy_editing": [asdict(f) for f in self.flags],
            "visits": [
                {
                    **asdict(t),
                    "submitted_at": t.submitted_at.isoformat(),
                    "reclaimed_minutes": t.reclaimed_minutes,
                }
                for t in self.timings
            ],
            "timing_sources": dict(sorted(Counter(t.timing_source for t in self.timings).items())),
            "warnings": self.warnings,
            "options": asdict(self.options),
            "time_model": {
                "assumptions": self.model.assumptions(),
                "calibration": calibration_table(self.model),
            },
        }


def build_report(
    events_path: Path,
    baseline_path: Path,
    options: ReportOptions | None = None,
    model: TimeModel | None = None,
) -> TimeReport:
    """Read the log and the baseline, and compute every table of the report."""
    options = options or ReportOptions()
    model = model or default_model()
    timings, warnings = visit_timings(load_events(events_path), Baselines.load(baseline_path), model)
    if not timings:
        raise BadInputError(f"{events_path}: no submitted visits in the log; nothing to report.")
    return TimeReport(
        timings=timings,
        by_worker_week=summarise(timings, lambda t: (t.worker_id, t.week), options),
        by_team_week=summarise(timings, lambda t: (t.team, t.week), options),
        by_worker=summarise(timings, lambda t: (t.worker_id, "all"), options),
        by_team=summarise(timings, lambda t: (t.team, "all"), options),
        overall=summarise(timings, lambda t: ("everyone", "all"), options)[0],
        flags=worker_flags(timings, options),
        warnings=warnings,
        options=options,
        model=model,
    )


GROUP_COLUMNS = [
    "team", "week", "visits", "baseline_minutes", "assisted_minutes", "reclaimed_minutes", "reclaimed_share",
    "reclaimed_minutes_ci_low", "reclaimed_minutes_ci_high", "reclaimed_share_ci_low",
    "reclaimed_share_ci_high", "ci_reliable", "heavy_edit_visits",
]  # fmt: skip
VISIT_COLUMNS = [
    "visit_id", "worker_id", "team", "visit_type", "week", "approved", "baseline_minutes", "assisted_minutes",
    "reclaimed_minutes", "timing_source", "edit_ratio", "fields_changed",
]  # fmt: skip


def _group_record(r: GroupRow, group_name: str) -> dict:
    record = {group_name: r.group, **{k: v for k, v in asdict(r).items() if k in GROUP_COLUMNS}}
    record["reclaimed_minutes_ci_low"], record["reclaimed_minutes_ci_high"] = r.reclaimed_minutes_ci
    record["reclaimed_share_ci_low"], record["reclaimed_share_ci_high"] = r.reclaimed_share_ci
    return record


def _visit_record(t: VisitTiming) -> dict:
    record = {k: v for k, v in asdict(t).items() if k in VISIT_COLUMNS}
    record["assisted_minutes"] = round(t.assisted_minutes, 1)
    record["reclaimed_minutes"] = round(t.reclaimed_minutes, 1)
    record["edit_ratio"] = None if t.edit_ratio is None else round(t.edit_ratio, 3)
    return record


def _write_csv(path: Path, columns: list[str], records: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(records)


def write_report(report: TimeReport, out_dir: Path) -> dict[str, Path]:
    """Write CSV, JSON and HTML outputs; returns the paths by kind."""
    from evaluation.report_html import render_time_report

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "by_worker_week": out_dir / "time_by_worker_week.csv",
        "by_team_week": out_dir / "time_by_team_week.csv",
        "visits": out_dir / "time_visits.csv",
        "json": out_dir / "time_report.json",
        "html": out_dir / "time_report.html",
    }
    for kind, rows, name in (
        ("by_worker_week", report.by_worker_week, "worker_id"),
        ("by_team_week", report.by_team_week, "team"),
    ):
        columns = [name, *GROUP_COLUMNS] if name != "team" else GROUP_COLUMNS
        _write_csv(paths[kind], columns, [_group_record(r, name) for r in rows])
    _write_csv(paths["visits"], VISIT_COLUMNS, [_visit_record(t) for t in report.timings])
    paths["json"].write_text(json.dumps(report.to_json(), indent=2), encoding="utf-8")
    paths["html"].write_text(render_time_report(report, describe(report.model)), encoding="utf-8")
    return paths

"""The review events log and the baseline table that the time-reclaimed report reads.

Events are JSON Lines, one event per line, written by the service as a draft moves through
review (see docs/evaluation.md). Baselines are a CSV of hand write-up minutes per visit type,
optionally per team or worker, from a time study or the council's own figures.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from assistant.errors import BadInputError, InvalidDocumentError
from core.events import EVENTS_SCHEMA_VERSION, EventKind, ReviewEvent, TimingSource
from evaluation.time_model import TimeModel, default_model

__all__ = ["EVENTS_SCHEMA_VERSION", "EventKind", "ReviewEvent", "TimingSource"]


@dataclass(frozen=True)
class VisitTiming:
    """One submitted visit write-up, with its baseline and assisted minutes."""

    visit_id: str
    worker_id: str
    team: str
    visit_type: str
    week: str  # ISO week of submission, e.g. 2026-W45
    submitted_at: datetime
    approved: bool
    baseline_minutes: float
    assisted_minutes: float
    timing_source: TimingSource
    edit_ratio: float | None
    fields_changed: int | None

    @property
    def reclaimed_minutes(self) -> float:
        return self.baseline_minutes - self.assisted_minutes


def load_events(path: Path) -> list[ReviewEvent]:
    """Read a JSON Lines events log; errors name the line to fix."""
    if not path.is_file():
        raise BadInputError(f"{path}: no such events file. Give the JSON Lines log the service writes.")
    events = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            events.append(ReviewEvent.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as e:
            raise InvalidDocumentError(
                f"{path}:{number}: not a review event ({e.__class__.__name__}: {str(e).splitlines()[0]}). "
                "Each line must be one JSON object as described in docs/evaluation.md."
            ) from e
    if not events:
        raise BadInputError(f"{path}: the events log is empty.")
    return events


class Baselines:
    """Hand write-up minutes per visit type; the most specific matching row wins."""

    def __init__(self, rows: list[dict[str, str]], source: str = "baseline") -> None:
        self._minutes: dict[tuple[str, str, str], float] = {}
        self.source = source
        for number, row in enumerate(rows, start=2):
            visit_type = (row.get("visit_type") or "").strip()
            if not visit_type:
                raise BadInputError(f"{source}:{number}: visit_type is empty.")
            try:
                minutes = float(row.get("minutes") or "")
            except ValueError as e:
                raise BadInputError(f"{source}:{number}: minutes must be a number of minutes.") from e
            worker = (row.get("worker_id") or "*").strip() or "*"
            team = (row.get("team") or "*").strip() or "*"
            self._minutes[(worker, team, visit_type)] = minutes

    @classmethod
    def load(cls, path: Path) -> Baselines:
        if not path.is_file():
            raise BadInputError(f"{path}: no such baseline file. Give a CSV with visit_type,minutes columns.")
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            missing = {"visit_type", "minutes"} - set(reader.fieldnames or [])
            if missing:
                raise BadInputError(
                    f"{path}: missing column(s) {', '.join(sorted(missing))}. "
                    "Columns: visit_type, minutes, and optionally worker_id, team, source."
                )
            return cls(list(reader), source=str(path))

    def minutes(self, worker_id: str, team: str, visit_type: str) -> float:
        for key in ((worker_id, team, visit_type), (worker_id, "*", visit_type), ("*", team, visit_type)):
            if key in self._minutes:
                return self._minutes[key]
        if ("*", "*", visit_type) in self._minutes:
            return self._minutes[("*", "*", visit_type)]
        raise BadInputError(
            f"{self.source}: no baseline for visit type '{visit_type}' (worker {worker_id}, team {team}). "
            f"Add a row such as `{visit_type},60` with the minutes a hand write-up takes."
        )


def iso_week(moment: datetime) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def visit_timings(
    events: list[ReviewEvent], baselines: Baselines, model: TimeModel | None = None
) -> tuple[list[VisitTiming], list[str]]:
    """Fold events into one timing per submitted visit; returns (timings, warnings)."""
    model = model or default_model()
    by_visit: dict[str, list[ReviewEvent]] = defaultdict(list)
    for event in events:
        by_visit[event.visit_id].append(event)
    timings, warnings = [], []
    for visit_id, visit_events in sorted(by_visit.items()):
        visit_events.sort(key=lambda e: e.at)
        submitted = [e for e in visit_events if e.event == "draft_submitted"]
        if not submitted:
            warnings.append(f"visit {visit_id}: never submitted; left out")
            continue
        last = submitted[-1]
        first = visit_events[0]
        edits = [e.active_seconds for e in visit_events if e.event == "draft_edited" and e.active_seconds]
        opened = [e for e in visit_events if e.event == "draft_opened"]
        source: TimingSource
        if edits:
            assisted, source = sum(edits) / 60.0, "measured"
        elif last.draft_words is not None and last.fields_total is not None:
            typed = last.edit_chars or 0
            assisted, source = model.review_minutes(last.draft_words, typed, last.fields_total), "modelled"
        elif opened:
            # No active time recorded: wall clock from first opening to submission, capped at a working day.
            wall = (last.at - opened[0].at).total_seconds() / 60.0
            assisted, source = min(max(wall, 0.0), 8 * 60.0), "wall_clock"
            warnings.append(f"visit {visit_id}: no active editing time; used wall-clock minutes")
        else:
            warnings.append(f"visit {visit_id}: submitted without being opened or timed; left out")
            continue
        ratio = None
        if last.edit_chars is not None and last.draft_chars:
            ratio = last.edit_chars / last.draft_chars
        timings.append(
            VisitTiming(
                visit_id=visit_id,
                worker_id=first.worker_id,
                team=first.team,
                visit_type=first.visit_type,
                week=iso_week(last.at),
                submitted_at=last.at,
                approved=any(e.event == "draft_approved" for e in visit_events),
                baseline_minutes=baselines.minutes(first.worker_id, first.team, first.visit_type),
                assisted_minutes=assisted,
                timing_source=source,
                edit_ratio=ratio,
                fields_changed=last.fields_changed,
            )
        )
    return timings, warnings

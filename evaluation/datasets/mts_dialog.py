"""MTS-Dialog (Ben Abacha et al. 2023): short dialogue -> note-section pairs, and a correlation study.

Layout as in `../shared/data/mts-dialog`: `MTS-Dialog-{TrainingSet,ValidationSet}.csv` (ID,
section_header, section_text, dialogue); `MTS-Dialog-Automatic-Summaries-ValidationSet.csv` (400
automatic summaries of validation dialogues) with human scores, row for row, in
`MTS-Dialog-Manual-Scores4CorrelationStudy.csv`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import BadInputError
from evaluation.datasets.aci_bench import dialogue_to_transcript
from redaction.models import RedactedTranscript

SPLITS = {"train": "MTS-Dialog-TrainingSet.csv", "valid": "MTS-Dialog-ValidationSet.csv"}
SUMMARIES = "MTS-Dialog-Automatic-Summaries-ValidationSet.csv"
SCORES = "MTS-Dialog-Manual-Scores4CorrelationStudy.csv"
_TURN = re.compile(r"^\s*(?P<speaker>Doctor|Patient|Guest_family|Guest_clinician|[A-Za-z_ ]{2,20})\s*:\s*(?P<text>.*)$")


def _turns(dialogue: str) -> list[tuple[str, str]]:
    turns: list[tuple[str, str]] = []
    for line in dialogue.splitlines():
        m = _TURN.match(line)
        if m and m.group("text").strip():
            turns.append((m.group("speaker").strip().lower(), m.group("text")))
        elif line.strip() and turns:
            turns[-1] = (turns[-1][0], f"{turns[-1][1]} {line.strip()}")
    return turns


def mts_transcript(dialogue: str, item_id: str) -> RedactedTranscript:
    """One MTS-Dialog dialogue as sentence-level segments."""
    return dialogue_to_transcript(_turns(dialogue), f"mts-{item_id}")


@dataclass
class MtsPair:
    id: str
    section: str
    reference: str
    dialogue: str


@dataclass
class MtsScoredSummary:
    dialogue: str
    reference: str
    summary: str
    hallucination_rate: float
    factual_precision: float


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise BadInputError(f"{path}: missing. Point --mts-dialog at the mts-dialog folder.")
    with path.open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def load_mts_pairs(folder: Path, split: str = "valid") -> list[MtsPair]:
    """Dialogue -> reference note section pairs."""
    if split not in SPLITS:
        raise BadInputError(f"unknown MTS-Dialog split {split!r}; choose one of {', '.join(SPLITS)}.")
    return [
        MtsPair(r["ID"], r["section_header"], r["section_text"], r["dialogue"]) for r in _read(folder / SPLITS[split])
    ]


def load_mts_correlation(folder: Path) -> list[MtsScoredSummary]:
    """The 400 automatic summaries with their human hallucination and precision scores."""
    summaries, scores = _read(folder / SUMMARIES), _read(folder / SCORES)
    if len(summaries) != len(scores):
        raise BadInputError(f"{folder}: {SUMMARIES} and {SCORES} should have the same number of rows.")
    return [
        MtsScoredSummary(
            s["Dialogue"],
            s["Reference Summary"],
            s["Automatic Summary"],
            float(h["HallucinationRate"]),
            float(h["FactualPrecision"]),
        )
        for s, h in zip(summaries, scores, strict=True)
    ]

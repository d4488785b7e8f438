"""ACI-BENCH (Yim et al. 2023): doctor-patient dialogues with full reference visit notes.

Layout as in `../shared/data/aci-bench`: `<split>.csv` (dataset, encounter_id, dialogue, note) and
`<split>_metadata.csv` (chief complaint `cc`, `2nd_complaints`, names...). Split names: train,
valid, test1 (`clinicalnlp_taskB_test1.csv`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import BadInputError
from core.transcript import segment_id, stable_id
from redaction.models import RedactedSegment, RedactedTranscript, RedactionProvenance

SPLIT_FILES = {"train": "train", "valid": "valid", "test1": "clinicalnlp_taskB_test1"}
_TURN = re.compile(r"^\s*\[(?P<speaker>[^\]]+)\]\s*(?P<text>.*)$")
# Public dialogue sets are de-identified text already: no redaction runs, and each turn is split
# into sentence-level segments (as the transcriber emits) with made-up times of 0.4 s a word.
_SENTENCE = re.compile(r"(?<=[.?!])\s+")
SECONDS_PER_WORD = 0.4


def dialogue_to_transcript(
    turns: list[tuple[str, str]], dialogue_id: str, speakers: dict[str, str] | None = None
) -> RedactedTranscript:
    """(speaker label, text) turns -> a RedactedTranscript with one segment per sentence."""
    segments: list[RedactedSegment] = []
    t = 0.0
    for label, text in turns:
        for sentence in _SENTENCE.split(text.strip()):
            if not sentence.strip():
                continue
            duration = max(0.6, SECONDS_PER_WORD * len(sentence.split()))
            segments.append(
                RedactedSegment(
                    id=segment_id(len(segments)),
                    start=round(t, 2),
                    end=round(t + duration, 2),
                    speaker=label,
                    text=sentence.strip(),
                )
            )
            t += duration + 0.3
    labels = dict.fromkeys(label for label, _ in turns)
    return RedactedTranscript(
        id=stable_id("red", dialogue_id),
        transcript_id=stable_id("tr", dialogue_id),
        language="en",
        speakers=speakers or {lab: lab.capitalize() for lab in labels},
        segments=segments,
        provenance=RedactionProvenance(
            engine="none (public de-identified data set)", spacy_model="none", score_threshold=1.0
        ),
    )


@dataclass
class AciEncounter:
    id: str
    dialogue: str
    note: str
    complaints: list[str] = field(default_factory=list)

    def transcript_turns(self) -> list[tuple[str, str]]:
        """(speaker, text) per turn: 'doctor', 'patient', ..."""
        turns = []
        for line in self.dialogue.splitlines():
            m = _TURN.match(line)
            if m and m.group("text").strip():
                turns.append((m.group("speaker").strip().lower(), m.group("text")))
        return turns

    def transcript(self) -> RedactedTranscript:
        """The dialogue as sentence-level segments attributed to doctor and patient."""
        return dialogue_to_transcript(self.transcript_turns(), f"aci-{self.id}")


def load_aci_bench(folder: Path, split: str = "test1") -> list[AciEncounter]:
    """The encounters of one split, with the complaints from the metadata as reference facts."""
    if split not in SPLIT_FILES:
        raise BadInputError(f"unknown ACI-BENCH split {split!r}; choose one of {', '.join(SPLIT_FILES)}.")
    path = folder / f"{SPLIT_FILES[split]}.csv"
    if not path.is_file():
        raise BadInputError(f"{path}: missing. Point --aci-bench at the aci-bench folder (with {path.name}).")
    meta_path = folder / f"{SPLIT_FILES[split]}_metadata.csv"
    meta: dict[str, dict[str, str]] = {}
    if meta_path.is_file():
        with meta_path.open(encoding="utf-8") as fh:
            meta = {row["encounter_id"]: row for row in csv.DictReader(fh)}
    out = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            m = meta.get(row["encounter_id"], {})
            complaints = [c.strip() for c in [m.get("cc", ""), *m.get("2nd_complaints", "").split(";")] if c.strip()]
            out.append(AciEncounter(row["encounter_id"], row["dialogue"], row["note"], complaints))
    return out

"""Ground truth for one scripted visit, and how it is derived from the script file.

A script (`evaluation/corpus/scripts/<id>.yaml`) marks identifiers inline as `[[TYPE:text]]`; the
ground truth (`<corpus>/ground_truth/<id>.json`) holds the plain reference transcript, character
spans of every identifier in it, the reference facts per form field, the reference note, the
expected risk disclosures and each line's timing in the audio. A council's own recordings can be
scored the same way by writing ground-truth files in this shape next to their audio.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import BadInputError, InvalidDocumentError
from core.transcript import load_document

MARKUP = re.compile(r"\[\[([A-Z_]+):([^\]]+)\]\]")
LINE = re.compile(r"^\s*([A-Z]):\s*(.+)$", re.DOTALL)
# Labelled for transcription scoring, but not personal data that redaction must remove: the
# practitioner's own name is kept by default, and appointment dates are not identifiers.
NOT_REDACTED = frozenset({"PRACTITIONER", "DATE"})


class LabelledSpan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: int
    end: int
    entity_type: str
    text: str


class SpeakerInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: str
    voice: str
    speed: int = 165


class TruthLine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    speaker: str
    role: str
    text: str
    start: float | None = None
    end: float | None = None


class ExpectedFlag(BaseModel):
    """A risk the draft must flag with this status; status 'none': it must not be flagged as disclosed."""

    model_config = ConfigDict(extra="forbid")

    category: str
    status: str = Field(description="disclosed, denied, concern, or none (must not be flagged disclosed)")
    why: str = ""


class VisitTruth(BaseModel):
    """Everything known to be true about one visit."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    service: str
    visit_type: str
    worker_id: str
    team: str
    date: str
    speakers: dict[str, SpeakerInfo]
    lines: list[TruthLine]
    transcript: str
    spans: list[LabelledSpan]
    key_terms: list[str] = Field(default_factory=list)
    reference_facts: dict[str, dict[str, list[str]]] = Field(
        default_factory=dict, description="template name -> field id -> facts the field should state"
    )
    reference_note: str = ""
    expected_risks: list[str] = Field(default_factory=list)
    expected_flags: list[ExpectedFlag] = Field(
        default_factory=list, description="Risk flags the draft must carry, with their status"
    )
    audio: dict[str, str] = Field(default_factory=dict, description="variant -> path relative to the corpus")
    duration: float | None = None

    def redaction_spans(self) -> list[dict[str, Any]]:
        """Spans in the shape `score_redaction` takes (personal data only)."""
        return [
            {"start": s.start, "end": s.end, "entity_type": s.entity_type}
            for s in self.spans
            if s.entity_type not in NOT_REDACTED
        ]

    @classmethod
    def load(cls, path: Path) -> VisitTruth:
        return load_document(cls, path, "a visit ground-truth file (from evaluation/corpus/generate.py)")


def strip_markup(text: str) -> tuple[str, list[tuple[int, int, str, str]]]:
    """Plain text and (start, end, type, text) for each `[[TYPE:text]]` in it."""
    plain, spans, cursor = [], [], 0
    pos = 0
    for m in MARKUP.finditer(text):
        plain.append(text[pos : m.start()])
        cursor += m.start() - pos
        value = m.group(2)
        spans.append((cursor, cursor + len(value), m.group(1), value))
        plain.append(value)
        cursor += len(value)
        pos = m.end()
    plain.append(text[pos:])
    return "".join(plain), spans


def truth_from_script(path: Path) -> VisitTruth:
    """Parse a script file into ground truth (without timings: synthesis adds those)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise InvalidDocumentError(f"{path}: not valid YAML ({e}).") from e
    speakers = {k: SpeakerInfo(**v) for k, v in raw["speakers"].items()}
    lines: list[TruthLine] = []
    spans: list[LabelledSpan] = []
    offset = 0
    for number, entry in enumerate(raw["lines"], start=1):
        m = LINE.match(entry)
        if not m or m.group(1) not in speakers:
            raise BadInputError(f"{path}: line {number} must start with a speaker key ({', '.join(speakers)}).")
        text, found = strip_markup(m.group(2).strip())
        if "[[" in text or "]]" in text:
            raise BadInputError(f"{path}: line {number} has unbalanced [[TYPE:text]] markup.")
        for start, end, kind, value in found:
            spans.append(LabelledSpan(start=offset + start, end=offset + end, entity_type=kind, text=value))
        lines.append(TruthLine(speaker=m.group(1), role=speakers[m.group(1)].role, text=text))
        offset += len(text) + 1
    transcript = " ".join(line.text for line in lines)
    for s in spans:
        assert transcript[s.start : s.end] == s.text, (path, s)
    fields = {k: raw.get(k) for k in ("id", "title", "service", "visit_type", "worker_id", "team", "date")}
    return VisitTruth(
        **fields,
        speakers=speakers,
        lines=lines,
        transcript=transcript,
        spans=spans,
        key_terms=raw.get("key_terms", []),
        reference_facts={t: {f: list(v or []) for f, v in fs.items()} for t, fs in raw["reference_facts"].items()},
        reference_note=raw.get("reference_note", "").strip(),
        expected_risks=raw.get("expected_risks", []),
        expected_flags=[ExpectedFlag(**f) for f in raw.get("expected_flags", [])],
        audio={"clean": f"audio/{raw['id']}.opus", "noisy": f"audio/{raw['id']}.noisy.opus"},
    )


def load_corpus(corpus: Path) -> list[VisitTruth]:
    """Every visit in a corpus folder (`ground_truth/*.json`), in id order."""
    folder = corpus / "ground_truth"
    files = sorted(folder.glob("*.json"))
    if not files:
        raise BadInputError(f"{folder}: no ground-truth files. Build them with `python -m evaluation.corpus.generate`.")
    return [VisitTruth.load(p) for p in files]

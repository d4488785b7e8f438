"""Typed, serialisable transcript: what the speech-to-text stage produces.

Ids are stable: a transcript id is derived from the audio's content hash and the options
that produced it, and segment ids (`seg-0001`) are positional within a transcript, so a
job worker, the database and the evidence links in a draft all agree on them.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core import __version__
from core.errors import InvalidDocumentError
from core.outputs import atomic_write_text

M = TypeVar("M", bound=BaseModel)


def _now() -> datetime:
    return datetime.now(UTC)


def stable_id(prefix: str, *parts: Any) -> str:
    """A short deterministic id from its inputs (`prefix_` + 16 hex characters)."""
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    return f"{prefix}_{digest[:16]}"


def segment_id(index: int) -> str:
    """Segment ids are positional and 1-based: seg-0001, seg-0002, ..."""
    return f"seg-{index + 1:04d}"


class Word(BaseModel):
    """One recognised word with its timing (seconds from the start of the recording)."""

    model_config = ConfigDict(extra="forbid")

    start: float
    end: float
    word: str
    probability: float = 1.0
    speaker: str | None = None


class Correction(BaseModel):
    """A change made to the ASR output after decoding (e.g. a vocabulary fix), kept for review."""

    model_config = ConfigDict(extra="forbid")

    original: str
    corrected: str
    reason: str
    start_char: int | None = None


class Segment(BaseModel):
    """A stretch of speech, normally one sentence, by one speaker."""

    model_config = ConfigDict(extra="forbid")

    id: str
    start: float
    end: float
    text: str
    speaker: str | None = None
    avg_logprob: float = 0.0
    no_speech_prob: float = 0.0
    language: str | None = None
    words: list[Word] = Field(default_factory=list)
    corrections: list[Correction] = Field(default_factory=list)
    translation: str | None = Field(
        None, description="Machine translation into English when the original is another language."
    )


class AudioInfo(BaseModel):
    """Where the audio came from and what it was (the original file is never modified)."""

    model_config = ConfigDict(extra="forbid")

    path: str
    sha256: str
    format: str
    codec: str | None = None
    original_sample_rate: int | None = None
    original_channels: int | None = None
    duration: float
    size_bytes: int


class ModelInfo(BaseModel):
    """Which speech model produced the transcript."""

    model_config = ConfigDict(extra="forbid")

    name: str
    path: str
    source: str = Field(description="Package or directory the model came from.")
    sha256: str | None = None


class TranscriptionOptions(BaseModel):
    """The decoding options that produced a transcript (recorded in the result)."""

    model_config = ConfigDict(extra="forbid")

    model: str
    device: str = "cpu"
    compute_type: str = "int8"
    cpu_threads: int = 0
    beam_size: int = 5
    language: str | None = None
    task: str = "transcribe"
    vad_filter: bool = True
    word_timestamps: bool = True
    initial_prompt: str | None = None
    hotwords: str | None = None
    condition_on_previous_text: bool = False
    batch_size: int | None = Field(
        None, description="Chunks decoded together by faster-whisper's batched pipeline; None: sequential."
    )
    encoder_batch_size: int | None = Field(
        None,
        description="Chunks the batched pipeline encodes at a time (None: the whole batch); output is the same, "
        "memory is lower.",
    )
    level_audio: bool = Field(False, description="Quiet and uneven audio was levelled before VAD and decoding.")
    language_detection_segments: int = Field(1, description="30 s windows the recording's language is detected over.")


class Transcript(BaseModel):
    """A timed transcript with provenance."""

    model_config = ConfigDict(extra="forbid")

    schema_version: int = 1
    id: str
    created_at: datetime = Field(default_factory=_now)
    code_version: str = __version__
    audio: AudioInfo
    model: ModelInfo
    options: TranscriptionOptions
    language: str | None = None
    language_probability: float | None = None
    duration: float
    speech_seconds: float | None = Field(
        None, description="Seconds of the recording that voice-activity detection passed to the recogniser."
    )
    segments: list[Segment]
    speakers: dict[str, str] = Field(
        default_factory=dict, description="Speaker label -> display name (editable: 'SPEAKER_2' -> 'Daughter')."
    )
    warnings: list[str] = Field(default_factory=list)
    provenance: dict[str, str] = Field(
        default_factory=dict,
        description="What each post-ASR stage used (stage -> method, model, options), e.g. 'diarization'.",
    )

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())

    def segment(self, seg_id: str) -> Segment:
        for seg in self.segments:
            if seg.id == seg_id:
                return seg
        raise KeyError(seg_id)

    def speaker_name(self, label: str | None) -> str | None:
        if label is None:
            return None
        return self.speakers.get(label, label)

    @classmethod
    def load(cls, path: Path) -> Transcript:
        """Read a transcript JSON file, with an error that says what went wrong."""
        return load_document(cls, path, "a transcript (transcript.json from `offset transcribe --json`)")

    def save(self, path: Path) -> None:
        atomic_write_text(path, self.model_dump_json(indent=2))


def load_document(model: type[M], path: Path, what: str, hint: str | None = None) -> M:
    """Load and validate a JSON document, mapping every failure to `InvalidDocumentError`.

    `hint` says how to fix the file; by default, regenerate it (for files an offset command writes).
    """
    fix = hint or "Regenerate it with the matching offset command."
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise InvalidDocumentError(f"{path}: no such file. Check the path.") from e
    except (OSError, UnicodeDecodeError) as e:
        raise InvalidDocumentError(f"{path}: cannot read it as text ({e}). Expected {what}. {fix}") from e
    try:
        return model.model_validate_json(raw)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "(top level)"
        raise InvalidDocumentError(
            f"{path}: not {what}: {where}: {first.get('msg')}. {fix}"
        ) from e

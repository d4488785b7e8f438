"""A practitioner's enrolled voice: one embedding saved once, then used on every visit."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from assistant.audio import DecodedAudio
from assistant.diarization.encoder import ENCODER_NAME, SAMPLE_RATE, embed_utterance, speech_regions
from assistant.errors import BadInputError
from assistant.settings import Settings
from core.outputs import atomic_write_text
from core.transcript import load_document

MIN_ENROL_SPEECH_S = 5.0


def _now() -> datetime:
    return datetime.now(UTC)


class SpeakerProfile(BaseModel):
    """An enrolled voice: its display name, embedding and where it came from."""

    model_config = ConfigDict(extra="forbid")

    name: str
    embedding: list[float] = Field(description="L2-normalised speaker embedding.")
    encoder: str = ENCODER_NAME
    source_sha256: str | None = None
    speech_seconds: float = 0.0
    created_at: datetime = Field(default_factory=_now)

    @property
    def vector(self) -> np.ndarray:
        return np.asarray(self.embedding, dtype=np.float32)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, self.model_dump_json(indent=2))  # an interrupted save leaves the old profile

    @classmethod
    def load(cls, path: Path) -> SpeakerProfile:
        """Read a profile saved by `offset speakers enrol`."""
        return load_document(cls, path, "a voice profile (from `offset speakers enrol AUDIO --name NAME`)")


def default_profile_path(settings: Settings, name: str) -> Path:
    """Where `offset speakers enrol` keeps a profile unless told otherwise."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "practitioner"
    return settings.cache_dir / "profiles" / f"{slug}.json"


def enrol(audio: DecodedAudio, name: str) -> SpeakerProfile:
    """Build a profile from a short recording of one person speaking (10-30 s is plenty)."""
    if not name.strip():
        raise BadInputError("Give the practitioner's name with --name, e.g. --name 'Sam Patel'.")
    speech = sum(b - a for a, b in speech_regions(audio.samples))
    if speech < MIN_ENROL_SPEECH_S:
        raise BadInputError(
            f"{audio.info.path}: only {speech:.1f} s of speech found; enrolment needs at least "
            f"{MIN_ENROL_SPEECH_S:.0f} s. Record 15-30 s of the practitioner reading or talking, alone."
        )
    vec = embed_utterance(audio.samples)
    return SpeakerProfile(
        name=name.strip(),
        embedding=[round(float(x), 6) for x in vec],
        source_sha256=audio.info.sha256,
        speech_seconds=round(min(speech, len(audio.samples) / SAMPLE_RATE), 2),
    )

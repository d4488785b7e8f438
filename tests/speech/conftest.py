"""Speech fixtures: committed synthesised recordings and a tiny.en transcript shared per session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.audio import DecodedAudio, load_audio
from core.transcript import Transcript

SPEECH = Path(__file__).parents[1] / "fixtures" / "speech"


@pytest.fixture(scope="session")
def speech_dir() -> Path:
    return SPEECH


def script(path: Path) -> dict[str, Any]:
    return json.loads(path.with_suffix(".json").read_text())


@pytest.fixture(scope="session")
def visit_audio(visit_wav: Path) -> DecodedAudio:
    return load_audio(visit_wav)


@pytest.fixture(scope="session")
def visit_transcript(visit_audio: DecodedAudio) -> Transcript:
    """The two-voice visit transcribed once with the real tiny.en model."""
    from assistant.transcription import transcribe

    return transcribe(visit_audio, model="tiny.en")


@pytest.fixture(scope="session")
def profile(speech_dir: Path):  # type: ignore[no-untyped-def]
    from assistant.diarization import enrol

    return enrol(load_audio(speech_dir / "enrol_practitioner.ogg"), "Sarah")

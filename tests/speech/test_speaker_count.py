"""Speakers on by default: the count is estimated, one voice stays one speaker, and it can be turned off."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from api.cli import app
from assistant.audio import DecodedAudio, load_audio
from assistant.diarization import diarize
from assistant.diarization.clustering import cluster
from core.transcript import Transcript

pytestmark = pytest.mark.slow


def test_one_voice_is_left_as_one_speaker(speech_dir: Path) -> None:
    from assistant.transcription import transcribe

    audio = load_audio(speech_dir / "enrol_practitioner.ogg")
    out = diarize(audio, transcribe(audio, model="tiny.en"))
    assert list(out.speakers) == ["SPEAKER_1"]


def test_two_voices_are_counted_without_being_told(visit_audio: DecodedAudio, visit_transcript: Transcript) -> None:
    out = diarize(visit_audio, visit_transcript)
    assert len(out.speakers) == 2
    assert "speakers=2" in out.provenance["diarization"]


def test_a_given_count_is_honoured(visit_audio: DecodedAudio, visit_transcript: Transcript) -> None:
    assert len(diarize(visit_audio, visit_transcript, num_speakers=3).speakers) == 3


def test_clearly_different_groups_are_separate_speakers() -> None:
    rng = np.random.default_rng(1)
    base = rng.standard_normal(256)
    voices = [base + 0.6 * rng.standard_normal(256) for _ in range(3)]
    windows = np.concatenate([v + 0.25 * rng.standard_normal((40, 256)) for v in voices])
    labels = cluster(windows)
    assert labels.max() + 1 == 3
    one = base + 0.25 * rng.standard_normal((120, 256))
    assert cluster(one).max() == 0


def test_process_labels_speakers_by_default_and_not_with_no_speakers(visit_wav: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["process", str(visit_wav), "--model", "tiny.en", "--out", str(tmp_path / "on")])
    assert res.exit_code == 0, res.output
    assert "2 speakers" in res.output
    assert Transcript.load(tmp_path / "on" / "transcript.json").speakers
    res = runner.invoke(
        app, ["process", str(visit_wav), "--model", "tiny.en", "--no-speakers", "--out", str(tmp_path / "off")]
    )
    assert res.exit_code == 0, res.output
    off = Transcript.load(tmp_path / "off" / "transcript.json")
    assert not off.speakers and all(s.speaker is None for s in off.segments)
    res = runner.invoke(app, ["process", str(visit_wav), "--no-speakers", "--speakers", "2"])
    assert res.exit_code == 2 and "--no-speakers" in res.output

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


def test_voices_whisper_left_out_still_get_embedding_windows(
    visit_audio: DecodedAudio, visit_transcript: Transcript, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows come from the VAD's speech as well as the words: a transcript cut at 30 s still has
    windows over the speech after it (far-field meetings lose many words to Whisper)."""
    import importlib

    diarize_module = importlib.import_module("assistant.diarization.diarize")  # the package exports the function
    seen: list[list[tuple[float, float]]] = []
    real = diarize_module.embed_windows

    def spy(samples: np.ndarray, regions: list[tuple[float, float]], hop: float = 0.5):  # type: ignore[no-untyped-def]
        seen.append(regions)
        return real(samples, regions, hop=hop)

    monkeypatch.setattr(diarize_module, "embed_windows", spy)
    cut = visit_transcript.model_copy(update={"segments": [s for s in visit_transcript.segments if s.end < 30.0]})
    out = diarize(visit_audio, cut)
    covered = sum(max(0.0, min(b, 57.7) - max(a, 30.5)) for a, b in seen[0])
    assert covered > 20.0  # of the 27 s after the cut, nearly all speech (the pauses are 0.45 s)
    assert "(words + VAD)" in out.provenance["diarization"]


def test_a_transcript_that_covers_the_speech_keeps_windows_on_its_words(
    visit_audio: DecodedAudio, visit_transcript: Transcript
) -> None:
    from assistant.diarization.diarize import _speech_regions, window_regions

    regions, source = window_regions(visit_transcript, visit_audio.samples)
    assert source == "words" and regions == _speech_regions(visit_transcript)


def test_voice_regions_find_no_speech_in_silence_or_hiss() -> None:
    from assistant.diarization.diarize import _voice_regions

    rng = np.random.default_rng(0)
    assert _voice_regions(np.zeros(16000 * 5, dtype=np.float32)) == []
    assert _voice_regions((0.003 * rng.standard_normal(16000 * 5)).astype(np.float32)) == []

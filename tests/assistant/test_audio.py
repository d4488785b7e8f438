"""Audio decoding: every accepted format, and every kind of bad file, on real files."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.audio import SAMPLE_RATE, load_audio
from assistant.errors import AudioDecodeError, AudioTooLongError, BadInputError, EmptyAudioError
from assistant.settings import Settings
from evaluation.synth import encode


@pytest.fixture(scope="module")
def samples(visit_wav: Path) -> np.ndarray:
    return load_audio(visit_wav).samples


def test_wav_decodes_to_16k_mono(visit_wav: Path, visit_script: dict) -> None:
    audio = load_audio(visit_wav)
    assert audio.sample_rate == SAMPLE_RATE
    assert audio.samples.dtype == np.float32 and audio.samples.ndim == 1
    assert audio.duration == pytest.approx(visit_script["duration"], abs=0.05)
    assert audio.info.sha256 == hashlib.sha256(visit_wav.read_bytes()).hexdigest()
    assert audio.info.codec == "pcm_s16le"


@pytest.mark.parametrize("ext", [".mp3", ".m4a", ".aac", ".ogg", ".opus", ".webm", ".flac"])
def test_every_accepted_format(ext: str, samples: np.ndarray, tmp_path: Path) -> None:
    clip = samples[: SAMPLE_RATE * 6]
    path = encode(tmp_path / f"clip{ext}", clip, SAMPLE_RATE, 32_000)
    audio = load_audio(path)
    assert audio.duration == pytest.approx(6.0, abs=0.15)
    # Lossy codecs differ sample by sample (and AAC adds a priming delay), but the speech envelope survives.
    # Encoders may prepend up to ~2k samples of priming, so allow that much lag.
    best = max(
        np.corrcoef(_envelope(clip), _envelope(audio.samples[lag:], len(clip)))[0, 1] for lag in range(0, 2049, 64)
    )
    assert best > 0.9


def _envelope(x: np.ndarray, n: int | None = None, frame: int = 1600) -> np.ndarray:
    """RMS per 100 ms frame."""
    x = x[: n or len(x)]
    x = np.pad(x, (0, (n or len(x)) - len(x)))
    return np.sqrt((x[: len(x) // frame * frame].reshape(-1, frame) ** 2).mean(axis=1))


def test_stereo_channels_kept_on_request(samples: np.ndarray, tmp_path: Path) -> None:
    from evaluation.synth import write_wav

    left, right = samples[: SAMPLE_RATE * 2], np.zeros(SAMPLE_RATE * 2, np.float32)
    path = tmp_path / "stereo.wav"
    write_wav(path, np.stack([left, right]))
    audio = load_audio(path, keep_channels=True)
    assert audio.channels is not None and audio.channels.shape[0] == 2
    assert np.abs(audio.channels[0]).sum() > 100 * np.abs(audio.channels[1]).sum()
    assert load_audio(path).channels is None


def test_text_file_renamed_wav(tmp_path: Path) -> None:
    path = tmp_path / "notes.wav"
    path.write_text("These are my visit notes, not a recording.\n" * 20)
    with pytest.raises(AudioDecodeError, match="not a readable audio file"):
        load_audio(path)
    assert path.read_text().startswith("These are my visit notes")  # never modified


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.m4a"
    path.write_bytes(b"")
    with pytest.raises(EmptyAudioError, match="empty"):
        load_audio(path)
    assert path.exists()


def test_silent_recording_is_empty(tmp_path: Path) -> None:
    path = encode(tmp_path / "silence.flac", np.zeros(SAMPLE_RATE * 2, np.float32))
    with pytest.raises(EmptyAudioError, match="no sound"):
        load_audio(path)


def test_truncated_mp3(samples: np.ndarray, tmp_path: Path) -> None:
    full = encode(tmp_path / "full.mp3", samples[: SAMPLE_RATE * 20], SAMPLE_RATE, 32_000)
    data = full.read_bytes()
    cut = tmp_path / "cut.mp3"
    cut.write_bytes(data[: len(data) // 2])
    before = cut.read_bytes()
    with pytest.raises(AudioDecodeError, match="truncated"):
        load_audio(cut)
    assert cut.read_bytes() == before


def test_too_long(visit_wav: Path, tmp_path: Path) -> None:
    copy = tmp_path / "visit.wav"
    shutil.copy(visit_wav, copy)
    with pytest.raises(AudioTooLongError, match="OFFSET_MAX_AUDIO_SECONDS"):
        load_audio(copy, Settings(max_audio_seconds=30))
    assert copy.read_bytes() == visit_wav.read_bytes()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="no such file"):
        load_audio(tmp_path / "nope.wav")

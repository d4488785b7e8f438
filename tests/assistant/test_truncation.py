"""Cut-off recordings are refused, for every container that states its own length (issue 14)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from api.cli import app
from assistant.audio import SAMPLE_RATE, load_audio
from assistant.errors import AudioDecodeError
from evaluation.synth import encode


@pytest.fixture(scope="module")
def clip(visit_wav: Path) -> np.ndarray:
    return load_audio(visit_wav).samples[: SAMPLE_RATE * 20]


def test_wav_cut_short_is_refused_through_the_cli(tmp_path: Path, visit_wav: Path) -> None:
    cut = tmp_path / "cut.wav"
    cut.write_bytes(visit_wav.read_bytes()[:300_000])  # head -c 300000 visit.wav > cut.wav
    result = CliRunner().invoke(app, ["transcribe", str(cut), "--model", "tiny.en"])
    assert result.exit_code == 2, result.output
    assert "truncated" in result.output and "58.2 s" in result.output and "Upload the complete" in result.output
    assert cut.stat().st_size == 300_000  # the partial file is left as it is


@pytest.mark.parametrize("ext", [".ogg", ".opus", ".flac", ".mp3", ".webm"])
def test_cut_in_half_is_refused(tmp_path: Path, clip: np.ndarray, ext: str) -> None:
    full = encode(tmp_path / f"full{ext}", clip, SAMPLE_RATE, 32_000)
    assert load_audio(full).duration == pytest.approx(20.0, abs=0.15)
    cut = tmp_path / f"cut{ext}"
    data = full.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(AudioDecodeError, match=r"truncated|damaged"):
        load_audio(cut)


def test_ogg_cut_at_a_page_boundary_lacks_its_end_of_stream_page(tmp_path: Path, clip: np.ndarray) -> None:
    data = encode(tmp_path / "full.ogg", clip, SAMPLE_RATE, 32_000).read_bytes()
    boundary = data.rfind(b"OggS", 0, len(data) // 2)  # a whole number of pages
    cut = tmp_path / "cut.ogg"
    cut.write_bytes(data[:boundary])
    with pytest.raises(AudioDecodeError, match="end-of-stream"):
        load_audio(cut)


def test_streamed_wav_with_no_size_is_not_called_truncated(tmp_path: Path, visit_wav: Path) -> None:
    data = bytearray(visit_wav.read_bytes())
    at = data.find(b"data")
    data[at + 4 : at + 8] = b"\xff\xff\xff\xff"  # how a recorder that never finished the header leaves it
    path = tmp_path / "streamed.wav"
    path.write_bytes(bytes(data))
    assert load_audio(path).duration > 50

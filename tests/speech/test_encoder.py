"""The voice encoder runs on its own thread setting and gives the same embeddings as a plain call."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.audio import load_audio
from assistant.diarization import encoder

pytestmark = pytest.mark.slow


def test_embeddings_match_a_plain_encoder_call_and_thread_setting_is_restored(speech_dir: Path) -> None:
    import torch

    samples = load_audio(speech_dir / "enrol_practitioner.ogg").samples[: 16000 * 6]
    before = torch.get_num_threads()
    windows = encoder.embed_windows(samples, [(0.0, 6.0)], hop=0.5)
    assert torch.get_num_threads() == before
    assert len(windows) == 10  # 1.6 s windows every 0.5 s over 6 s, the last one ending at 6 s
    mels = encoder.mel_frames(samples)
    idx = [round(s / encoder.FRAME_S) for s in windows.starts]
    with torch.no_grad():
        plain = encoder.get_encoder()(torch.from_numpy(np.stack([mels[i : i + 160] for i in idx]))).numpy()
    assert np.allclose(windows.vectors, plain, atol=1e-4)
    assert np.allclose(np.linalg.norm(windows.vectors, axis=1), 1.0, atol=1e-5)

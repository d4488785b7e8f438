"""The batched pipeline's encoder, a few chunks at a time: the same encoder output, less memory."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.audio import load_audio
from assistant.settings import Settings
from assistant.transcription import build_options, load_model
from assistant.transcription.batched import SplitEncoder, batched_pipeline


@pytest.fixture(scope="module")
def features(visit_wav: Path) -> np.ndarray:
    _, whisper = load_model(Settings(), "tiny.en")
    samples = load_audio(visit_wav).samples
    chunks = [samples[i * 16_000 * 5 : (i + 1) * 16_000 * 5] for i in range(3)]
    return np.stack([whisper.feature_extractor(c, chunk_length=30)[..., :3000] for c in chunks])


def test_split_encoder_gives_the_whole_batch_output(features: np.ndarray) -> None:
    _, whisper = load_model(Settings(), "tiny.en")
    whole = np.asarray(whisper.encode(features))
    for chunks in (1, 2):
        split = np.asarray(SplitEncoder(whisper, chunks).encode(features))
        assert split.shape == whole.shape
        np.testing.assert_allclose(split, whole, atol=1e-4)


def test_split_encoder_passes_everything_else_through() -> None:
    _, whisper = load_model(Settings(), "tiny.en")
    pipeline = batched_pipeline(whisper, 1)
    assert isinstance(pipeline.model, SplitEncoder)
    assert pipeline.model.model is whisper.model
    assert pipeline.model.feature_extractor is whisper.feature_extractor
    assert not isinstance(batched_pipeline(whisper, None).model, SplitEncoder)


def test_options_record_the_encoder_batch() -> None:
    resolved, _ = load_model(Settings(), "tiny.en")
    assert build_options(Settings(), resolved, False).encoder_batch_size == 1
    assert build_options(Settings(whisper_encoder_batch_size=0), resolved, False).encoder_batch_size is None
    assert build_options(Settings(whisper_batched=False), resolved, False).encoder_batch_size is None

"""Audio-quality warnings on real audio made worse in known ways."""

from __future__ import annotations

import dataclasses

import numpy as np

from assistant.audio import DecodedAudio
from assistant.quality import assess_audio, voice_balance_warning
from core.transcript import Transcript


def _with(audio: DecodedAudio, samples: np.ndarray) -> DecodedAudio:
    return dataclasses.replace(audio, samples=samples.astype(np.float32))


def test_clean_recording_has_no_warnings(visit_audio: DecodedAudio) -> None:
    assert assess_audio(visit_audio) == []


def test_each_problem_gets_its_warning(visit_audio: DecodedAudio) -> None:
    x = visit_audio.samples
    rng = np.random.default_rng(0)
    assert "Clipping" in " ".join(assess_audio(_with(visit_audio, np.clip(x * 5, -1, 1))))
    assert "very quiet" in " ".join(assess_audio(_with(visit_audio, x * 0.003)))
    noisy = x + 0.05 * rng.standard_normal(len(x))
    assert "background noise" in " ".join(assess_audio(_with(visit_audio, noisy)))
    gap = 1e-4 * rng.standard_normal(16000 * 25)
    assert "Long silence" in " ".join(assess_audio(_with(visit_audio, np.concatenate([x, gap, x]))))


def test_one_voice_warning_needs_two_expected(visit_transcript: Transcript) -> None:
    one = visit_transcript.model_copy(
        update={"segments": [s.model_copy(update={"speaker": "SPEAKER_1"}) for s in visit_transcript.segments]}
    )
    assert "Mostly one voice" in (voice_balance_warning(one, 2) or "")
    assert voice_balance_warning(one, 1) is None

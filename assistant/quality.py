"""Audio-quality warnings a practitioner should see (never failures).

Clipping, a very low level, long silences, heavy noise (estimated SNR) and, when two or more
speakers were expected, a recording that is mostly one voice (checked from speaker labels by
`voice_balance_warning`, since telling voices apart needs the diarization stage).
"""

from __future__ import annotations

import numpy as np

from assistant.audio import DecodedAudio
from core.transcript import Transcript

FRAME_S = 0.05
CLIP_LEVEL = 0.999
CLIP_SHARE = 0.001  # 0.1% of samples at full scale
LOW_SPEECH_DBFS = -40.0
LONG_SILENCE_S = 20.0
LOW_SNR_DB = 15.0
ONE_VOICE_SHARE = 0.92


def _frame_db(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    n = int(FRAME_S * sample_rate)
    usable = len(samples) // n * n
    if usable == 0:
        return np.zeros(0)
    frames = samples[:usable].reshape(-1, n).astype(np.float64)
    return 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)


def estimate_snr(samples: np.ndarray, sample_rate: int = 16_000) -> float | None:
    """Speech level (95th percentile frame) minus noise floor (10th percentile), in dB."""
    db = _frame_db(samples, sample_rate)
    if db.size < 20:
        return None
    return float(np.percentile(db, 95) - np.percentile(db, 10))


def assess_audio(audio: DecodedAudio, expected_speakers: int | None = None) -> list[str]:
    """Plain-language warnings about the recording; empty when nothing needs attention."""
    del expected_speakers  # the one-voice check needs speaker labels: see voice_balance_warning
    warnings: list[str] = []
    x = audio.samples
    clipped = float(np.mean(np.abs(x) >= CLIP_LEVEL)) if x.size else 0.0
    if clipped >= CLIP_SHARE:
        warnings.append(
            f"Clipping: {100 * clipped:.1f}% of the audio is at full scale, so loud speech is distorted. "
            "Hold the recorder further away or lower its input gain."
        )
    db = _frame_db(x, audio.sample_rate)
    if db.size == 0:
        return warnings
    speech_level = float(np.percentile(db, 95))
    if speech_level < LOW_SPEECH_DBFS:
        warnings.append(
            f"Very low level: speech peaks around {speech_level:.0f} dBFS. Words may be missed; place the "
            "recorder nearer the people speaking."
        )
    silent = db < max(speech_level - 35, np.percentile(db, 10) + 3)
    longest = run = 0
    for s in silent:
        run = run + 1 if s else 0
        longest = max(longest, run)
    if longest * FRAME_S >= LONG_SILENCE_S:
        warnings.append(
            f"Long silence: {longest * FRAME_S:.0f} s without speech. Check the recording was not paused "
            "or left running after the visit."
        )
    snr = estimate_snr(x, audio.sample_rate)
    if snr is not None and snr < LOW_SNR_DB:
        warnings.append(
            f"Heavy background noise: estimated signal-to-noise ratio {snr:.0f} dB. Check the transcript "
            "carefully; record away from televisions, traffic and kitchens where possible."
        )
    return warnings


def voice_balance_warning(transcript: Transcript, expected_speakers: int | None) -> str | None:
    """A warning when `expected_speakers` >= 2 but one labelled voice has almost all the speech."""
    if not expected_speakers or expected_speakers < 2:
        return None
    totals: dict[str, float] = {}
    for seg in transcript.segments:
        if seg.speaker:
            totals[seg.speaker] = totals.get(seg.speaker, 0.0) + (seg.end - seg.start)
    total = sum(totals.values())
    if total <= 0:
        return None
    top = max(totals.values()) / total
    if len(totals) >= 2 and top < ONE_VOICE_SHARE:
        return None
    return (
        f"Mostly one voice: {expected_speakers} speakers were expected but one voice has {100 * top:.0f}% of "
        "the speech. Check the other person was near the microphone."
    )

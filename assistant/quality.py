"""Audio-quality warnings a practitioner should see (never failures).

Clipping, a very quiet recording, one voice much quieter than the rest, much of the sound not
recognised as speech (from the voice-activity detector's verdict), long silences, heavy noise
(estimated SNR) and, when two or more speakers were expected, a recording that is mostly one voice
(checked from speaker labels by `voice_balance_warning`, since telling voices apart needs the
diarization stage). Each says what happened and what to do next time, in plain words.
"""

from __future__ import annotations

import numpy as np

from assistant.audio import DecodedAudio
from assistant.audio.level import FRAME_S, frame_db, measure_level
from core.transcript import Transcript

CLIP_LEVEL = 0.999
CLIP_SHARE = 0.001  # 0.1% of samples at full scale
LOW_SPEECH_DBFS = -40.0
UNEVEN_SHARE = 0.15  # of the sound lifted by more than 6 dB on top of the whole recording's gain
MIN_SPEECH_SHARE = 0.5  # of the time with sound that voice-activity detection should keep
MIN_LOST_S = 20.0
LONG_SILENCE_S = 20.0
LOW_SNR_DB = 15.0
ONE_VOICE_SHARE = 0.92


def estimate_snr(samples: np.ndarray, sample_rate: int = 16_000) -> float | None:
    """Speech level (95th percentile frame) minus noise floor (10th percentile), in dB."""
    db = frame_db(samples, sample_rate)
    if db.size < 20:
        return None
    return float(np.percentile(db, 95) - np.percentile(db, 10))


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} minutes" if seconds >= 90 else f"{seconds:.0f} seconds"


def level_warnings(audio: DecodedAudio, speech_seconds: float | None = None) -> list[str]:
    """Warnings about a quiet recording, an uneven one, and sound that was not taken for speech."""
    report, sound_s = measure_level(audio.samples, audio.sample_rate)
    warnings: list[str] = []
    if report.speech_level_dbfs < LOW_SPEECH_DBFS:
        warnings.append(
            f"The recording is very quiet (speech peaks around {report.speech_level_dbfs:.0f} dBFS). Offset "
            "raised the level before transcribing, but quiet speech is easily misheard: check the transcript, "
            "and put the phone nearer the people speaking next time."
        )
    elif report.boosted_share >= UNEVEN_SHARE:
        warnings.append(
            f"One voice is much quieter than the others (up to {report.local_gain_db_max:.0f} dB). Offset "
            "raised the quiet parts, but check what the quieter person said, and put the phone between the "
            "people speaking next time."
        )
    lost = speech_seconds is not None and sound_s - speech_seconds >= MIN_LOST_S
    if lost and speech_seconds is not None and speech_seconds < MIN_SPEECH_SHARE * sound_s:
        warnings.append(
            f"Only {_minutes(speech_seconds)} of the {_minutes(sound_s)} with sound were recognised as "
            "speech. If people talked for longer, their voices were too faint or drowned by noise: check "
            "nothing important is missing from the transcript, and record nearer the people speaking."
        )
    return warnings


def assess_audio(audio: DecodedAudio, speech_seconds: float | None = None) -> list[str]:
    """Plain-language warnings about the recording; empty when nothing needs attention.

    `speech_seconds` is how much of it voice-activity detection kept (`Transcript.speech_seconds`).
    """
    warnings: list[str] = []
    x = audio.samples
    clipped = float(np.mean(np.abs(x) >= CLIP_LEVEL)) if x.size else 0.0
    if clipped >= CLIP_SHARE:
        warnings.append(
            f"Clipping: {100 * clipped:.1f}% of the audio is at full scale, so loud speech is distorted. "
            "Hold the recorder further away or lower its input gain."
        )
    db = frame_db(x, audio.sample_rate)
    if db.size == 0:
        return warnings
    warnings += level_warnings(audio, speech_seconds)
    speech_level = float(np.percentile(db, 95))
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

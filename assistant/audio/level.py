"""Level quiet and uneven recordings before voice-activity detection and speech-to-text.

A phone on a table picks up speech 20-40 dB below a handheld recording, and the person further
from it quieter still. Whisper and its voice-activity detector were trained on audio at ordinary
levels, so the recording is brought up in two steps, both only ever boosting:

1. a global gain that lifts the speech level (the loud end of the 50 ms frame levels) to
   `TARGET_DBFS`;
2. a slow local gain (seconds, not syllables) that lifts stretches where the speech is much
   quieter than the recording's own speech level: the far voice in an uneven recording.

Stretches with no sound above the noise floor get no local boost, so silence is never pumped
up to speech level, and a limiter keeps every sample below full scale. A recording already at
an ordinary level comes back unchanged (bit for bit).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FRAME_S = 0.05
TARGET_DBFS = -22.0  # speech peaks of an ordinary close recording
MIN_BOOST_DB = 3.0  # smaller corrections are not worth touching the audio for
MAX_GAIN_DB = 36.0  # global: lifts speech from -58 dBFS at most
MAX_LOCAL_DB = 15.0  # uneven: a far voice is lifted by at most this much more than the rest
LOCAL_WINDOW_S = 3.0  # the local level is taken over this long a stretch
SMOOTH_S = 0.5  # gain changes are spread over this long, so words are not pumped
ACTIVE_ABOVE_FLOOR_DB = 12.0  # a frame louder than the noise floor by this much has some sound
PEAK_LIMIT = 0.98
DIGITAL_SILENCE_DBFS = -100.0
SOUND_BELOW_SPEECH_DB = 35.0  # frames within this of the speech level count as sound


def frame_db(samples: np.ndarray, sample_rate: int, frame_s: float = FRAME_S) -> np.ndarray:
    """Level of each `frame_s` frame in dBFS (mean power; -120 for digital silence)."""
    n = int(frame_s * sample_rate)
    usable = len(samples) // n * n
    if usable == 0:
        return np.zeros(0)
    frames = samples[:usable].reshape(-1, n).astype(np.float64)
    return 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)


def speech_level_dbfs(db: np.ndarray) -> float:
    """The recording's speech level: the 95th percentile of its frame levels."""
    return float(np.percentile(db, 95)) if db.size else -120.0


@dataclass(frozen=True)
class LevelReport:
    """What levelling found and did (gains in dB, levels in dBFS)."""

    speech_level_dbfs: float
    noise_floor_dbfs: float
    global_gain_db: float
    local_gain_db_max: float
    boosted_share: float  # share of the sound (frames above the floor) that got a local boost over 6 dB

    @property
    def applied(self) -> bool:
        return self.global_gain_db > 0 or self.local_gain_db_max > 0

    def describe(self) -> str:
        """One line for the transcript's provenance."""
        if not self.applied:
            return f"not needed (speech level {self.speech_level_dbfs:.0f} dBFS)"
        return (
            f"speech level {self.speech_level_dbfs:.0f} dBFS raised {self.global_gain_db:.0f} dB towards "
            f"{TARGET_DBFS:.0f} dBFS; quieter stretches up to {self.local_gain_db_max:.0f} dB more"
        )


def _moving_average(x: np.ndarray, width: int) -> np.ndarray:
    if width <= 1 or x.size == 0:
        return x
    kernel = np.ones(width) / width
    padded = np.pad(x, (width // 2, width - 1 - width // 2), mode="edge")
    return np.convolve(padded, kernel, mode="valid")


def _local_level(db: np.ndarray, active: np.ndarray, half: int) -> np.ndarray:
    """Per frame: the loud end (90th percentile) of the active frames within +-`half` frames; NaN if none."""
    out = np.full(db.size, np.nan)
    # Computed on a coarse grid (every quarter window) and spread back: levels change slowly.
    step = max(1, half // 2)
    centres = np.arange(0, db.size, step)
    values = np.full(centres.size, np.nan)
    for j, c in enumerate(centres):
        lo, hi = max(0, c - half), min(db.size, c + half + 1)
        window = db[lo:hi][active[lo:hi]]
        if window.size >= 3:
            values[j] = np.percentile(window, 90)
    known = ~np.isnan(values)
    if not known.any():
        return out
    out[:] = np.interp(np.arange(db.size), centres[known], values[known])
    # No local estimate where the neighbourhood had no sound at all.
    near_sound = _moving_average(active.astype(float), 2 * half + 1) > 0
    out[~near_sound] = np.nan
    return out


def _gains(db: np.ndarray) -> tuple[LevelReport, np.ndarray, np.ndarray]:
    """The report, the per-frame gain in dB, and which frames have sound above the noise floor."""
    # Digital silence (gaps an editor or codec zeroed) is not the room's noise floor.
    audible = db[db > DIGITAL_SILENCE_DBFS]
    floor = float(np.percentile(audible, 10)) if audible.size else DIGITAL_SILENCE_DBFS
    active = db > max(floor + ACTIVE_ABOVE_FLOOR_DB, -90.0)
    none = np.zeros(db.size)
    if not active.any():
        return LevelReport(speech_level_dbfs(db), floor, 0.0, 0.0, 0.0), none, active
    level = float(np.percentile(db[active], 95))
    global_gain = float(np.clip(TARGET_DBFS - level, 0.0, MAX_GAIN_DB))
    if global_gain < MIN_BOOST_DB:
        global_gain = 0.0
    half = int(LOCAL_WINDOW_S / FRAME_S / 2)
    local = _local_level(db, active, half)
    # A stretch whose loud end sits far below the recording's speech level is a quieter voice.
    deficit = np.where(np.isnan(local), 0.0, level - local)
    local_gain = _moving_average(np.clip(deficit - MIN_BOOST_DB, 0.0, MAX_LOCAL_DB), int(SMOOTH_S / FRAME_S))
    local_max = float(local_gain.max())
    if local_max < MIN_BOOST_DB:
        local_gain, local_max = none, 0.0
    boosted_share = float(np.mean(local_gain[active] > 6.0))
    report = LevelReport(level, floor, round(global_gain, 1), round(local_max, 1), round(boosted_share, 3))
    return report, global_gain + local_gain, active


def measure_level(samples: np.ndarray, sample_rate: int = 16_000) -> tuple[LevelReport, float]:
    """What levelling would do, and the seconds of sound above the noise floor (nothing is changed)."""
    db = frame_db(samples, sample_rate)
    if db.size < 4:
        return LevelReport(-120.0, -120.0, 0.0, 0.0, 0.0), 0.0
    report, _, _ = _gains(db)
    sound = db > max(report.speech_level_dbfs - SOUND_BELOW_SPEECH_DB, report.noise_floor_dbfs + 6.0)
    return report, float(sound.sum() * FRAME_S)


def level_audio(samples: np.ndarray, sample_rate: int = 16_000) -> tuple[np.ndarray, LevelReport]:
    """Return the levelled samples (float32) and what was done; unchanged when the level is ordinary."""
    db = frame_db(samples, sample_rate)
    if db.size < 4:
        return samples, LevelReport(-120.0, -120.0, 0.0, 0.0, 0.0)
    report, gain_db, _ = _gains(db)
    if not report.applied:
        return samples, report
    n = int(FRAME_S * sample_rate)
    centres = (np.arange(db.size) + 0.5) * n
    per_sample = np.interp(np.arange(len(samples)), centres, 10 ** (gain_db / 20))
    out = samples.astype(np.float64) * per_sample
    if out.size and float(np.max(np.abs(out))) > PEAK_LIMIT:
        out = _limit(out, n)
    return out.astype(np.float32), report


def _limit(x: np.ndarray, frame: int) -> np.ndarray:
    """Bring every frame's peak under `PEAK_LIMIT` with a gain that changes smoothly between frames."""
    peaks = np.abs(np.pad(x, (0, (frame - len(x) % frame) % frame))).reshape(-1, frame).max(axis=1)
    gain = np.minimum(1.0, PEAK_LIMIT / np.maximum(peaks, 1e-12))
    # Spread each reduction to the neighbouring frames so the limiter does not click.
    gain = np.minimum(gain, np.minimum(np.roll(gain, 1), np.roll(gain, -1)))
    centres = (np.arange(gain.size) + 0.5) * frame
    smooth = np.interp(np.arange(len(x)), centres, gain)
    out = x * np.minimum(smooth, 1.0)
    return np.clip(out, -PEAK_LIMIT, PEAK_LIMIT)

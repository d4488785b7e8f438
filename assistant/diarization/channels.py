"""Stereo recordings with one speaker per channel (a lapel mic each, a phone call): use the channels.

A channel 'speaks' at a moment when it is clearly louder than the others. The recording counts
as one-speaker-per-channel only if the channels really differ (not a duplicated mono track)
and each channel leads for a fair share of the speech.
"""

from __future__ import annotations

import numpy as np

from assistant.diarization.align import STEP_S, empty_timeline

SAMPLE_RATE = 16_000
DOMINANCE_DB = 6.0
MIN_DOMINANT_SHARE = 0.6  # of speech steps where one channel leads clearly
MIN_CHANNEL_SHARE = 0.05  # each channel leads at least this share of the speech


def _step_db(channels: np.ndarray) -> np.ndarray:
    n = int(STEP_S * SAMPLE_RATE)
    usable = channels.shape[1] // n * n
    frames = channels[:, :usable].reshape(channels.shape[0], -1, n).astype(np.float64)
    return 10 * np.log10(np.mean(frames**2, axis=2) + 1e-10)


def channel_timeline(channels: np.ndarray | None, duration: float) -> np.ndarray | None:
    """A speaker track with one row per channel, or None when the channels do not separate speakers."""
    if channels is None or channels.ndim != 2 or channels.shape[0] < 2:
        return None
    a, b = channels[0], channels[1]
    if np.allclose(a, b, atol=1e-4) or abs(float(np.corrcoef(a, b)[0, 1])) > 0.98:
        return None
    db = _step_db(channels)
    loudest = db.max(axis=0)
    speech = loudest > max(np.percentile(loudest, 95) - 35, np.percentile(loudest, 10) + 6)
    if speech.sum() < 10:
        return None
    order = np.sort(db, axis=0)
    margin = order[-1] - order[-2]
    leader = np.argmax(db, axis=0)
    dominant = speech & (margin >= DOMINANCE_DB)
    if dominant.sum() < MIN_DOMINANT_SHARE * speech.sum():
        return None
    shares = np.bincount(leader[dominant], minlength=db.shape[0]) / max(dominant.sum(), 1)
    if np.sum(shares >= MIN_CHANNEL_SHARE) < 2:
        return None
    track = empty_timeline(duration, db.shape[0])
    steps = np.flatnonzero(dominant)
    track[leader[steps], steps] = 1.0
    return track

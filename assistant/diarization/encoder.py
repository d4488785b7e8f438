"""Speaker embeddings over short sliding windows (resemblyzer's pretrained voice encoder).

One Whisper segment often spans two speakers, so embeddings are taken over 1.6 s windows
(the length the encoder was trained on) every `hop` seconds, only where there is speech.
The encoder is loaded lazily once per process and runs on one CPU thread: its LSTM steps are
small matrix products, and with two threads on a busy two-core machine the threads mostly wait
for each other (about 6x slower, measured paired on samples/visit_bench.ogg; docs/speech.md).
The embeddings are the same either way.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from assistant.errors import ModelUnavailableError

SAMPLE_RATE = 16_000
FRAME_S = 0.01  # resemblyzer mel frames are 10 ms apart
WINDOW_FRAMES = 160  # 1.6 s, the encoder's training length
ENCODER_NAME = "resemblyzer-ge2e-256"
ENCODER_THREADS = 1


@dataclass
class WindowEmbeddings:
    """Embeddings of sliding windows: `vectors[i]` covers `starts[i]`..`ends[i]` seconds."""

    vectors: np.ndarray  # (n, 256), L2-normalised
    starts: np.ndarray
    ends: np.ndarray

    @property
    def centres(self) -> np.ndarray:
        return (self.starts + self.ends) / 2

    def __len__(self) -> int:
        return len(self.starts)


@lru_cache(maxsize=1)
def get_encoder() -> Any:
    """The resemblyzer voice encoder on CPU (weights ship inside the PyPI package)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # webrtcvad imports the deprecated pkg_resources
            from resemblyzer import VoiceEncoder
        return VoiceEncoder("cpu", verbose=False)
    except (ImportError, OSError, RuntimeError) as e:
        raise ModelUnavailableError(
            f"The speaker encoder could not be loaded ({e}). Install it with `pip install 'resemblyzer>=0.1.4'`."
        ) from e


@contextmanager
def _torch_threads(n: int) -> Iterator[None]:
    """Run torch on `n` intra-op threads inside the block, then restore the process's setting."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _normalise(samples: np.ndarray) -> np.ndarray:
    """Scale to -30 dBFS like resemblyzer's preprocessing (but keep timing: no silence trimming)."""
    rms = float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) or 1e-9
    return (samples * (10 ** (-30 / 20) / rms)).astype(np.float32)


def mel_frames(samples: np.ndarray) -> np.ndarray:
    """Mel frames (n_frames, 40) at 10 ms, the encoder's input."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from resemblyzer.audio import wav_to_mel_spectrogram
    return wav_to_mel_spectrogram(_normalise(samples))


def window_starts(regions: list[tuple[float, float]], duration: float, hop: float) -> list[float]:
    """Window start times (s) covering every speech region; short regions get one centred window."""
    win = WINDOW_FRAMES * FRAME_S
    starts: set[float] = set()
    for a, b in regions:
        a, b = max(0.0, a), min(duration, b)
        if b <= a:
            continue
        if b - a <= win:
            starts.add(round(max(0.0, min((a + b) / 2 - win / 2, duration - win)), 2))
            continue
        t = a
        while t + win < b:
            starts.add(round(t, 2))
            t += hop
        starts.add(round(b - win, 2))
    return sorted(s for s in starts if s >= 0)


def embed_windows(
    samples: np.ndarray, regions: list[tuple[float, float]], hop: float = 0.5, batch: int = 256
) -> WindowEmbeddings:
    """Embed 1.6 s windows every `hop` s over the speech `regions` (seconds)."""
    import torch

    duration = len(samples) / SAMPLE_RATE
    starts = window_starts(regions, duration, hop)
    if not starts:
        return WindowEmbeddings(np.zeros((0, 256), np.float32), np.zeros(0), np.zeros(0))
    mels = mel_frames(samples)
    if len(mels) < WINDOW_FRAMES:
        mels = np.pad(mels, ((0, WINDOW_FRAMES - len(mels)), (0, 0)))
    idx = [min(round(s / FRAME_S), len(mels) - WINDOW_FRAMES) for s in starts]
    encoder = get_encoder()
    out: list[np.ndarray] = []
    with torch.inference_mode(), _torch_threads(ENCODER_THREADS):
        for i in range(0, len(idx), batch):
            chunk = np.stack([mels[j : j + WINDOW_FRAMES] for j in idx[i : i + batch]])
            out.append(encoder(torch.from_numpy(chunk)).numpy())
    st = np.array(idx, dtype=float) * FRAME_S
    return WindowEmbeddings(np.concatenate(out), st, st + WINDOW_FRAMES * FRAME_S)


def embed_utterance(samples: np.ndarray) -> np.ndarray:
    """One L2-normalised embedding for a whole (single-speaker) recording, e.g. an enrolment clip."""
    duration = len(samples) / SAMPLE_RATE
    windows = embed_windows(samples, speech_regions(samples), hop=0.8)
    if len(windows) == 0:
        windows = embed_windows(samples, [(0.0, duration)], hop=0.8)
    mean = windows.vectors.mean(axis=0)
    return (mean / (np.linalg.norm(mean) or 1.0)).astype(np.float32)


def speech_regions(samples: np.ndarray, frame_s: float = 0.03, min_gap: float = 0.3) -> list[tuple[float, float]]:
    """Energy-based speech regions (s): frames within 30 dB of the loud frames, gaps < `min_gap` bridged."""
    n = int(frame_s * SAMPLE_RATE)
    if len(samples) < n:
        return []
    frames = samples[: len(samples) // n * n].reshape(-1, n)
    db = 10 * np.log10(np.mean(frames.astype(np.float64) ** 2, axis=1) + 1e-12)
    loud = np.percentile(db, 95)
    active = db > max(loud - 30, np.percentile(db, 10) + 6, -60)
    regions: list[tuple[float, float]] = []
    for i in np.flatnonzero(active):
        t0, t1 = i * frame_s, (i + 1) * frame_s
        if regions and t0 - regions[-1][1] < min_gap:
            regions[-1] = (regions[-1][0], t1)
        else:
            regions.append((t0, t1))
    return [(a, b) for a, b in regions if b - a >= 0.1]

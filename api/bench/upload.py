"""A very large upload, with the server's resident memory sampled while it streams in."""

from __future__ import annotations

import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path

import httpx
import numpy as np

from api.bench.servers import OffsetProcess


def write_large_wav(path: Path, megabytes: int, rate: int = 48_000) -> float:
    """A stereo 16-bit WAV of about `megabytes` MB (a tone with noise); returns its length in seconds."""
    frames_total = megabytes * 1024 * 1024 // 4
    block = rate * 10
    rng = np.random.default_rng(7)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(rate)
        t = np.arange(block) / rate
        tone = 0.1 * np.sin(2 * np.pi * 220 * t)
        written = 0
        while written < frames_total:
            n = min(block, frames_total - written)
            noise = rng.normal(0, 0.02, size=(n, 2))
            samples = ((tone[:n, None] + noise) * 32767).astype("<i2")
            w.writeframes(samples.tobytes())
            written += n
    return frames_total / rate


@dataclass
class UploadResult:
    status: int
    megabytes: float
    seconds: float
    rss_before_mb: float
    rss_peak_mb: float

    @property
    def growth_mb(self) -> float:
        return self.rss_peak_mb - self.rss_before_mb


def upload_and_watch(server: OffsetProcess, headers: dict[str, str], path: Path) -> UploadResult:
    before = server.rss_mb()
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], server.rss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    with path.open("rb") as f, httpx.Client(base_url=server.url or "", timeout=600) as client:
        r = client.post(
            "/api/visits",
            headers=headers,
            files={"audio": (path.name, f, "audio/wav")},
            data={"template": "general_visit", "consent": "true"},
        )
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    peak[0] = max(peak[0], server.rss_mb())
    return UploadResult(r.status_code, path.stat().st_size / 2**20, elapsed, before, peak[0])

"""Per-stage wall time, CPU time and peak memory, recorded by the pipeline and printed by the benchmark."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from pydantic import BaseModel, Field

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def current_rss_bytes() -> int:
    """Resident memory of this process now (Linux /proc; 0 where unavailable)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


def release_memory() -> None:
    """Collect garbage and hand freed heap back to the system (glibc `malloc_trim`; no-op elsewhere).

    Called between stages: the Whisper batch's buffers are freed when ASR ends, but glibc keeps
    them in its arenas, so the next stage's models and arrays would be counted on top of them.
    """
    gc.collect()
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


class StageTiming(BaseModel):
    """How long a stage took and the most memory the process held while it ran."""

    stage: str
    seconds: float
    peak_rss_mb: float
    audio_seconds: float | None = None
    cpu_seconds: float | None = Field(
        None, description="CPU time of the process over the stage, all threads (other programs' load does not count)."
    )

    @property
    def rtf(self) -> float | None:
        """Real-time factor: processing seconds per second of audio."""
        if not self.audio_seconds:
            return None
        return self.seconds / self.audio_seconds


class StageTimer:
    """Collects StageTiming records; `with timer.stage("asr"): ...`."""

    def __init__(self, sample_interval: float = 0.05) -> None:
        self.timings: list[StageTiming] = []
        self._interval = sample_interval
        self.audio_seconds: float | None = None

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        peak = current_rss_bytes()
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not stop.wait(self._interval):
                peak = max(peak, current_rss_bytes())

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        start, cpu_start = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
            stop.set()
            sampler.join()
            peak = max(peak, current_rss_bytes())
            self.timings.append(
                StageTiming(
                    stage=name,
                    seconds=round(elapsed, 4),
                    peak_rss_mb=round(peak / 2**20, 1),
                    audio_seconds=self.audio_seconds,
                    cpu_seconds=round(cpu, 4),
                )
            )

    def total(self, exclude: tuple[str, ...] = ()) -> float:
        return sum(t.seconds for t in self.timings if t.stage not in exclude)

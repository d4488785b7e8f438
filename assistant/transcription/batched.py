"""faster-whisper's batched pipeline, with the speech it dropped decoded again sequentially.

Batched decoding has no seek-and-continue: when Whisper ends a 30 s chunk early (it emits its
end token after part of the chunk, most often in long chunks with many short turns), the rest of
that chunk is silently lost. On the synthetic corpus one visit lost a third of its words that way.
So after the batched pass, every stretch of detected speech longer than `MIN_GAP_S` that no word
covers is decoded again with the sequential `transcribe()` (which re-seeks and falls back to
higher temperatures), and its segments are slotted in. Segments that went into a repetition loop
(gzip compression ratio over `MAX_COMPRESSION_RATIO`, the sequential decoder's own test, or the same
short run of characters eight or more times in a row: batched decoding has no temperature
fall-back) are dropped and decoded again the same way. The repair is recorded in the provenance.

The encoder takes `encoder_batch_size` chunks of a batch at a time (`SplitEncoder`): CTranslate2's
self-attention holds a (chunks x heads x 1500 x 1500) float32 matrix, 576 MB at batch 8 for base,
and batching the encoder gains little on CPU (each chunk is already 1500 frames). The decoder still
beam-searches the whole batch at once, which is where batching pays. The output is the same.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from faster_whisper.transcribe import Segment as WhisperSegment
    from faster_whisper.transcribe import TranscriptionInfo

SAMPLE_RATE = 16_000
MIN_GAP_S = 2.0  # uncovered speech shorter than this is a pause or a breath, not lost words
COVER_PAD_S = 0.5
MAX_COMPRESSION_RATIO = 2.4  # faster-whisper's default threshold for a failed (looping) decode
_LOOP = re.compile(r"(.{1,24}?)\1{7,}")


def _looping(segment: WhisperSegment) -> bool:
    return segment.compression_ratio > MAX_COMPRESSION_RATIO or bool(_LOOP.search(segment.text))


def _uncovered(speech: list[tuple[float, float]], covered: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Parts of `speech` (seconds) not within COVER_PAD_S of any `covered` span, at least MIN_GAP_S long."""
    gaps: list[tuple[float, float]] = []
    spans = sorted((a - COVER_PAD_S, b + COVER_PAD_S) for a, b in covered)
    for start, end in speech:
        cursor = start
        for a, b in spans:
            if b <= cursor or a >= end:
                continue
            if a - cursor >= MIN_GAP_S:
                gaps.append((cursor, a))
            cursor = max(cursor, b)
        if end - cursor >= MIN_GAP_S:
            gaps.append((cursor, end))
    return gaps


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _shift(segment: WhisperSegment, offset: float) -> WhisperSegment:
    words = [dataclasses.replace(w, start=w.start + offset, end=w.end + offset) for w in segment.words or []]
    return dataclasses.replace(segment, start=segment.start + offset, end=segment.end + offset, words=words or None)


class SplitEncoder:
    """A WhisperModel whose `encode` runs `chunks` items of a batch at a time (everything else passes through)."""

    def __init__(self, whisper: WhisperModel, chunks: int) -> None:
        self._whisper = whisper
        self._chunks = chunks

    def __getattr__(self, name: str) -> Any:
        return getattr(self._whisper, name)

    def encode(self, features: np.ndarray) -> Any:
        if features.ndim == 2 or features.shape[0] <= self._chunks:
            return self._whisper.encode(features)
        import ctranslate2

        parts = [
            np.asarray(self._whisper.encode(features[i : i + self._chunks]))
            for i in range(0, features.shape[0], self._chunks)
        ]
        # from_array keeps a reference to the array, so the StorageView stays valid.
        return ctranslate2.StorageView.from_array(np.ascontiguousarray(np.concatenate(parts)))


def batched_pipeline(whisper: WhisperModel, encoder_batch_size: int | None = None) -> Any:
    """faster-whisper's BatchedInferencePipeline, encoding `encoder_batch_size` chunks at a time when set."""
    from faster_whisper import BatchedInferencePipeline

    pipeline = BatchedInferencePipeline(whisper)
    if encoder_batch_size:
        pipeline.model = SplitEncoder(whisper, encoder_batch_size)
    return pipeline


def transcribe_batched(
    whisper: WhisperModel, samples: np.ndarray, kwargs: dict[str, Any], encoder_batch_size: int | None = None
) -> tuple[list[WhisperSegment], TranscriptionInfo, int]:
    """Batched decode plus sequential repair of dropped speech; returns (segments, info, spans repaired)."""
    segments, info = batched_pipeline(whisper, encoder_batch_size).transcribe(samples, **kwargs)
    decoded = list(segments)
    looping = [(s.start, s.end) for s in decoded if _looping(s)]
    found = [s for s in decoded if not _looping(s)]
    clips = info.transcription_options.clip_timestamps or []
    speech = [(c["start"] / SAMPLE_RATE, c["end"] / SAMPLE_RATE) for c in clips if isinstance(c, dict)]
    covered = [(w.start, w.end) for s in found for w in (s.words or [])] or [(s.start, s.end) for s in found]
    gaps = _merge(_uncovered(speech, covered) + looping)
    sequential = {k: v for k, v in kwargs.items() if k != "batch_size"}
    sequential["language"] = sequential.get("language") or info.language
    repaired: list[WhisperSegment] = []
    for a, b in gaps:
        clip = samples[int(a * SAMPLE_RATE) : int(b * SAMPLE_RATE)]
        extra: Iterable[WhisperSegment]
        extra, _ = whisper.transcribe(clip, **{**sequential, "vad_filter": False})
        repaired += [_shift(s, a) for s in extra if s.text.strip()]
    merged = sorted(found + repaired, key=lambda s: s.start)
    return merged, info, len(gaps)
